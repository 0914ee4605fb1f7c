import * as assert from 'node:assert/strict';
import { RunLog } from '../../../../src/core/runs/runLog';

describe('core/runs: the run log of a long run', () => {
  it('shows a check that did not run as an error with its reason, a compaction as a note, and no line per context reading', () => {
    const log = new RunLog();
    log.apply({ type: 'context', tokens: 48_000, window: 60_000 });
    log.apply({ type: 'compacted', turns: 40, before: 48_600, after: 21_000, window: 60_000 });
    log.apply({ type: 'check_not_run', name: 'cd x && npm test', reason: 'not run (refused as written): the command uses &, a background or && operator' });
    assert.deepEqual(log.all(), [
      { kind: 'info', text: 'Context compacted: 40 earlier turns summarized (about 81% → 35% of the context window)' },
      { kind: 'error', text: 'check cd x && npm test not run (refused as written): the command uses &, a background or && operator' },
    ]);
  });
});
