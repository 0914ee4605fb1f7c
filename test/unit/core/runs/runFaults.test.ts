import * as assert from 'node:assert/strict';
import type { ChecksPort } from '../../../../src/core/agent/ports';
import { fail } from '../../../../src/core/result';
import { PLAN, RunsFixture } from './runsFixture';
import { ScriptedModel } from './scriptedModel';

const PLAN_WITH_CHECK = '# Cap\n\n## Goal\nCap it.\n\n## Steps\n- [ ] Cap the slug\n\n## Checks\n- `npm test`\n';
const edit = { name: 'propose_edit', input: { path: 'src/a.ts', old_string: 'a = 1', new_string: 'a = 2', step: 's1' } };

function proposedText(fx: RunsFixture, runId: string, path: string): string | null | undefined {
  const changesetId = fx.runs.get(runId)?.changesetId;
  return changesetId === undefined ? undefined : fx.session.get(changesetId)?.changeset.files.find((f) => f.path === path)?.proposedText;
}

describe('core/runs: faults end a run without losing its proposals', () => {
  it('an exception in a port mid-run fails the run, keeps its changeset and its id in the snapshot, and the run can be continued', async () => {
    const model = new ScriptedModel([{ calls: [edit] }, { calls: [{ name: 'read_file', input: { path: 'src/boom.ts' } }] }, 'Set a to 2.']);
    const fx = new RunsFixture(model, { 'src/a.ts': 'export const a = 1;\n', 'src/boom.ts': 'x' });
    const read = fx.memory.readText.bind(fx.memory);
    fx.memory.readText = async (path) => {
      if (path === 'src/boom.ts') throw new Error('the disk went away');
      return read(path);
    };
    const started = await fx.runs.start({ plan: PLAN, mode: 'build' });
    assert.ok(started.ok, started.ok ? '' : started.message);
    assert.equal(await fx.ended(started.value), 'failed');
    const run = fx.runs.get(started.value);
    assert.match(run?.error ?? '', /Internal error: the disk went away/);
    assert.ok(run?.changesetId !== undefined, 'the failed run lost its changeset id');
    assert.equal(proposedText(fx, started.value, 'src/a.ts'), 'export const a = 2;\n', 'the proposal of the turn before the fault is lost');
    assert.equal(fx.stored.at(-1)?.snapshot.changesetId, run.changesetId, 'the stored record lost the changeset id');

    const continued = await fx.runs.continueRun(started.value, 'Go on without boom.ts.');
    assert.ok(continued.ok, continued.ok ? '' : continued.message);
    assert.equal(await fx.ended(started.value), 'done');
    assert.equal(fx.runs.get(started.value)?.changesetId, run.changesetId);
  });

  for (const [how, checks, reason] of [
    ['dismissed', { run: async () => fail('not_approved', 'the user did not allow this check') }, /not run \(not approved\): the user did not allow/],
    [
      'that cannot be shown',
      {
        run: async () => {
          throw new Error('no window to show it in');
        },
      },
      /not run \(not approved\): the approval could not be shown \(no window to show it in\)/,
    ],
  ] as [string, ChecksPort, RegExp][]) {
    it(`a check approval ${how}: the check is not run, shown and told to the model, and the run ends done with its proposals`, async () => {
      const model = new ScriptedModel([{ calls: [edit] }, 'Set a to 2.']);
      const fx = new RunsFixture(model, { [PLAN]: PLAN_WITH_CHECK, 'src/a.ts': 'export const a = 1;\n' });
      fx.checks = checks;
      const started = await fx.runs.start({ plan: PLAN, mode: 'build' });
      assert.ok(started.ok, started.ok ? '' : started.message);
      assert.equal(await fx.ended(started.value), 'done', fx.runs.get(started.value)?.error);
      assert.equal(proposedText(fx, started.value, 'src/a.ts'), 'export const a = 2;\n', 'the proposals are lost');
      const shown = fx.runs.events(started.value).find((e) => e.type === 'check_not_run');
      assert.ok(shown?.type === 'check_not_run' && reason.test(shown.reason), `the log does not show the check as not run: ${JSON.stringify(shown)}`);
      const told = JSON.stringify(fx.stored.at(-1)?.transcript?.messages.at(-1));
      assert.match(told, /did not run, so nothing is known of them; do not report them as passed/, 'the model is not told');
      assert.match(told, /npm test/);
    });
  }
});
