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
});
