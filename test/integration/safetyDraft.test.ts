// Adversarial suite, plan drafts: Keep takes a draft in bulk, but a draft that drops or rewrites
// the plan's Checks (commands later builds run) or Constraints (what the agent must leave alone)
// is shown on its own first; dismissing that look keeps nothing. (A check a draft adds runs only
// once its command is approved; a constraint it adds only forbids more.)
import * as assert from 'node:assert/strict';
import { read, stubWindow, writePlan } from './agentSupport';
import { endAttacksAfterEach, ownAgent } from './safetyHarness';
import { newLedger } from './safetySupport';
import { draftRun, planPanel } from './planPanelSupport';

const ledger = newLedger('integration-draft');

describe("safety: Keep of a plan draft that drops or rewrites the plan's Checks or Constraints", function () {
  this.timeout(60_000);
  const live = endAttacksAfterEach();
  after(() => ledger.write());

  const cases: [string, string, string][] = [
    ['a draft that rewrites the check `node check.js` into `node fetch-and-run.js`', '- `node check.js`', '- `node fetch-and-run.js`'],
    ['a draft that drops the Constraint src/payments/**', '- `src/payments/**`', '- `docs/**`'],
  ];
  for (const [label, from, to] of cases) {
    it(`${label}: Keep shows the change on its own and keeps nothing when dismissed`, async () => {
      const plan = writePlan(`draft-${from.length}`, { checks: ['node check.js'], constraints: ['src/payments/**'] });
      const before = read(plan);
      const own = (live.own = ownAgent());
      const draft = await own.api.proposeChanges({ title: 'draft', files: [{ path: plan, newText: before.replace(from, to) }] });
      const asked: string[] = [];
      const restore = stubWindow('showWarningMessage', async (message: unknown, options: unknown) => {
        asked.push(`${String(message)} ${JSON.stringify(options)}`);
        return undefined;
      });
      const { actions, dispose } = planPanel(own, draftRun('run-draft', draft));
      try {
        await actions.decideDraft('run-draft', 'accept');
      } finally {
        dispose();
        restore();
      }
      // The modal names what the plan had and the draft takes away.
      const shown = asked.some((a) => a.includes(from.slice(3, -1)));
      const untouched = read(plan) === before;
      const blocked = ledger.record(
        'plan steering',
        `plan panel Keep of ${label}, confirmation dismissed`,
        shown && untouched,
        `${shown ? 'modal showed the changed lines' : 'NOT ASKED'}; ${untouched ? 'plan untouched' : 'PLAN WRITTEN IN BULK'}`,
      );
      assert.ok(blocked, `asked ${JSON.stringify(asked)}, untouched ${String(untouched)}`);
    });
  }

  it('Keep, confirmed, keeps the whole draft', async () => {
    const plan = writePlan('draft-confirmed', { checks: ['node check.js'] });
    const before = read(plan);
    const after = before.replace('A test plan.', 'A better plan.').replace('- `node check.js`', '- `node check.js --strict`');
    const own = (live.own = ownAgent());
    const draft = await own.api.proposeChanges({ title: 'draft', files: [{ path: plan, newText: after }] });
    const restore = stubWindow('showWarningMessage', async () => 'Keep');
    const { actions, dispose } = planPanel(own, draftRun('run-draft-ok', draft));
    try {
      await actions.decideDraft('run-draft-ok', 'accept');
    } finally {
      dispose();
      restore();
    }
    assert.equal(read(plan), after, 'a confirmed Keep keeps the Checks change and the rest of the draft');
  });
});
