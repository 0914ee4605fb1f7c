import * as assert from 'node:assert/strict';
import { RunLog } from '../../../../src/core/runs/runLog';

describe('runs: the run log', () => {
  it('gives the thinking summary its own entry, grown by its deltas, apart from the text', () => {
    const log = new RunLog();
    log.apply({ type: 'turn_start', turn: 1 });
    log.apply({ type: 'thinking', text: 'Read a.ts ' });
    log.apply({ type: 'thinking', text: 'first.' });
    log.apply({ type: 'text', text: 'Reading ' });
    log.apply({ type: 'text', text: 'a.ts.' });
    log.apply({ type: 'thinking', text: 'Then b.' });
    assert.deepEqual(log.all(), [
      { kind: 'thinking', text: 'Read a.ts first.' },
      { kind: 'text', text: 'Reading a.ts.' },
      { kind: 'thinking', text: 'Then b.' },
    ]);
  });

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
