import * as assert from 'node:assert/strict';
import { runAgent } from '../../../../src/core/agent/run';
import { lastUserText, textReply, toolReply } from '../../../double/script';
import { type Harness, startHarness } from './harness';

const files = { 'src/sum.ts': 'export const sum = (a: number, b: number) => a - b;\n' };
const failing = { exitCode: 1, output: 'FAIL sum.test.ts: expected 3, got -1\n', timedOut: false };
const passing = { exitCode: 0, output: 'all tests passed', timedOut: false };

describe('agent: failing plan checks go back to the model', () => {
  let h: Harness | undefined;
  afterEach(async () => h?.close());

  it("feeds a failing check's exit code and output back, lets the model fix it, and stores the final state", async () => {
    h = await startHarness(
      [
        textReply('Nothing to change, I think.'),
        toolReply([{ name: 'propose_edit', input: { path: 'src/sum.ts', old_string: 'a - b', new_string: 'a + b', step: 's1' } }]),
        textReply('Fixed sum: it subtracted.'),
      ],
      files,
    );
    h.checks.script = (n) => (n === 0 ? failing : passing);
    const run = await runAgent(h.deps, h.options());
    assert.equal(run.state, 'done', run.error);
    assert.equal(run.endReason, 'completed');
    const requests = h.double.messageRequests();
    assert.equal(requests.length, 3, 'the failure earned the model another turn');
    const told = lastUserText(requests[1]?.body ?? null);
    assert.match(told, /unit tests \(npm test\): exit code 1\nFAIL sum\.test\.ts: expected 3, got -1/, told);
    assert.match(told, /do not weaken, skip or narrow the checks/);
    assert.equal(h.checks.runs.length, 2, 'the checks run again after the fix');
    assert.equal(h.checks.runs[1]?.proposals[0]?.proposedText, 'export const sum = (a: number, b: number) => a + b;\n', 'against the fixed proposal');
    assert.deepEqual(
      run.finalChecks?.map((c) => [c.name, c.status]),
      [['unit tests', 'passed']],
      "the final check state is the last run's",
    );
    assert.deepEqual(
      run.checks.map((c) => c.outcome.exitCode),
      [1, 0],
      'every check run is in the transcript',
    );
    assert.equal(run.summary, 'Fixed sum: it subtracted.');
  });

  it('ends with checks_failed when the checks still fail after the allowed rounds', async () => {
    h = await startHarness([textReply('Done.'), textReply('I could not find the cause.')], files);
    h.checks.script = failing;
    const run = await runAgent(h.deps, h.options({ checkRounds: 1 }));
    assert.equal(run.state, 'failed');
    assert.equal(run.endReason, 'checks_failed');
    assert.match(run.error ?? '', /checks still fail: unit tests \(exit 1\)\. Proposals are kept/);
    assert.equal(h.double.messageRequests().length, 2, 'one feedback round, then the run ends');
    assert.deepEqual(
      run.finalChecks?.map((c) => [c.status, c.outcome.exitCode]),
      [['failed', 1]],
    );
  });

  it("is bounded by maxTurns: the rounds stop with the run's turns", async () => {
    h = await startHarness([textReply('Done.'), textReply('Still looking.'), textReply('never sent')], files);
    h.checks.script = { exitCode: null, output: 'killed', timedOut: true };
    const run = await runAgent(h.deps, h.options({ maxTurns: 2 }));
    assert.equal(run.state, 'failed');
    assert.equal(run.endReason, 'max_turns');
    assert.equal(h.double.messageRequests().length, 2);
    assert.match(lastUserText(h.double.messageRequests()[1]?.body ?? null), /unit tests \(npm test\): timed out\nkilled/);
    assert.equal(run.finalChecks?.[0]?.status, 'failed', 'the last check results stay with the run');
  });

  it('does not feed back a check that did not run (not approved): the model cannot fix that', async () => {
    h = await startHarness([textReply('Done.')], files);
    h.checks.script = () => 'the user did not allow this check';
    const run = await runAgent(h.deps, h.options());
    assert.equal(run.state, 'done', run.error);
    assert.equal(h.double.messageRequests().length, 1);
    assert.deepEqual(
      run.finalChecks?.map((c) => [c.status, c.outcome.output]),
      [['not_run', 'did not run: the user did not allow this check']],
    );
  });
});
