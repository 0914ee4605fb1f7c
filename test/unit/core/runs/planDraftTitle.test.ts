import * as assert from 'node:assert/strict';
import { parsePlan } from '../../../../src/core/plan/parsePlan';
import { policyRules } from '../../../../src/core/policy/policyRules';
import { ReviewSession } from '../../../../src/core/review/reviewSession';
import { proposePlanDraft, type LoadedPlan } from '../../../../src/core/runs/planFile';
import { FakeWorkspace, trusted } from '../review/fakeWorkspace';

const PLAN = '.redline/plans/cap.md';
const DRAFT = '# Cap slug length\n\n## Goal\n\nShort slugs.\n\n## Steps\n\n- [ ] Cap it\n';

async function titleOf(text: string, exists: boolean): Promise<string> {
  const ws = new FakeWorkspace();
  if (exists) ws.disk.set(PLAN, text);
  const session = new ReviewSession(ws, trusted, policyRules);
  const plan: LoadedPlan = { path: PLAN, absolute: `/ws/${PLAN}`, text, exists, parsed: parsePlan(text), input: { path: PLAN, text, steps: [], checks: [] } };
  const id = await proposePlanDraft(session, 'run-1', plan, DRAFT);
  assert.ok(id.ok && id.value !== undefined, id.ok ? 'nothing proposed' : id.message);
  return session.get(id.value)!.changeset.title;
}

describe('core/runs/planFile: the title of a plan-mode proposal', () => {
  it('calls the first draft of a new plan a draft, also when the panel made its stub file first', async () => {
    assert.equal(await titleOf('', false), 'Plan draft: .redline/plans/cap.md');
    assert.equal(await titleOf('# Cap slug length\n', true), 'Plan draft: Cap slug length');
  });

  it('calls a change to a plan with content a revision', async () => {
    assert.equal(await titleOf('# Cap slug length\n\n## Steps\n\n- [ ] Cap\n', true), 'Plan revision: Cap slug length');
  });
});
