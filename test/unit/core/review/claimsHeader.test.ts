import * as assert from 'node:assert/strict';
import type { AgentEvent } from '../../../../src/core/agent/events';
import { createChangeset } from '../../../../src/core/changeset/build';
import type { Changeset } from '../../../../src/core/changeset/types';
import { claimMismatchLines } from '../../../../src/core/review/claimsHeader';

function changeset(paths: string[]): Changeset {
  const built = createChangeset({ id: 'cs', title: 't', source: 'agent', files: paths.map((path) => ({ path, baseText: 'a\n', proposedText: 'b\n' })) });
  assert.ok(built.ok, built.ok ? '' : built.message);
  return built.value;
}

const check = (command: string, exitCode: number | null, timedOut = false): AgentEvent => ({
  type: 'check',
  name: command,
  outcome: { exitCode, output: '', timedOut },
});

describe('review/claimMismatchLines', () => {
  it('shows what a build run claims that its changeset and checks do not support', () => {
    const lines = claimMismatchLines(
      { mode: 'build', summary: 'I updated `src/a.ts` and `src/b.ts`. All tests pass.', events: [] },
      changeset(['src/a.ts', 'src/c.ts']),
    );
    assert.deepEqual(lines, [
      'The summary says src/b.ts was changed, but the changeset does not touch it.',
      'src/c.ts was changed, but the summary does not mention it.',
      '"tests pass" is claimed, but no tests check ran.',
    ]);
  });

  it('takes the checks from the run events: the last test check decides, a timeout never backs a claim', () => {
    const cs = changeset(['src/a.ts']);
    const summary = 'Fixed `src/a.ts`; the tests pass.';
    assert.deepEqual(
      claimMismatchLines({ mode: 'build', summary, events: [check('npm test', 1), check('npm test', 0)] }, cs),
      [],
      'a passing last test check backs the claim',
    );
    assert.match(
      claimMismatchLines({ mode: 'build', summary, events: [check('npm test', 0), check('npm test', 1)] }, cs).join('\n'),
      /`npm test` exited with 1/,
    );
    assert.match(claimMismatchLines({ mode: 'build', summary, events: [check('npm test', 0, true)] }, cs).join('\n'), /`npm test` did not finish/);
  });

  it('claims nothing for a plan run, a run without a summary yet, or no run', () => {
    const cs = changeset(['.redline/plans/p.md']);
    assert.deepEqual(claimMismatchLines({ mode: 'plan', summary: '# Plan\n\nChange `src/x.ts`; tests pass.', events: [] }, cs), []);
    assert.deepEqual(claimMismatchLines({ mode: 'build', summary: undefined, events: [] }, cs), []);
    assert.deepEqual(claimMismatchLines(undefined, cs), []);
  });
});
