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

  it("shows the user's queued message as theirs, where it was sent, as text, a long one clipped to open whole", () => {
    const log = new RunLog();
    log.apply({ type: 'text', text: 'Reading.' });
    log.apply({ type: 'steer', id: 'm1', text: 'Use `splitLine`, not <b>split</b>.' });
    log.apply({ type: 'turn_start', turn: 2 });
    log.apply({ type: 'text', text: 'Using it.' });
    assert.deepEqual(log.all(), [
      { kind: 'text', text: 'Reading.' },
      { kind: 'user', text: 'You: Use `splitLine`, not <b>split</b>.' },
      { kind: 'text', text: 'Using it.' },
    ]);
    const long = Array.from({ length: 30 }, (_, i) => `line ${i + 1}`).join('\n');
    log.apply({ type: 'steer', id: 'm2', text: long });
    const entry = log.all().at(-1);
    assert.equal(entry?.kind, 'user');
    assert.equal(entry?.text.split('\n').length, 12, 'a long message is clipped in the log');
    assert.equal(log.whole(entry?.clipped?.id ?? ''), `You: ${long}`, 'and opens to its whole text');
    assert.deepEqual(log.takeSettled().slice(1, 2), ['You: Use `splitLine`, not <b>split</b>.'], 'the Output channel gets it whole');
  });

  it('shows a check that did not run as an error with its reason, a compaction as a note, and no line per context reading', () => {
    const log = new RunLog();
    log.apply({ type: 'context', tokens: 48_000, window: 60_000 });
    log.apply({ type: 'compacted', turns: 40, before: 48_600, after: 21_000, window: 60_000 });
    log.apply({ type: 'check_not_run', name: 'cd x && npm test', reason: 'not run (refused as written): the command uses &, a background or && operator' });
    assert.deepEqual(log.all(), [
      { kind: 'info', text: 'Context compacted: 40 earlier turns summarized (about 81% → 35% of the context window)' },
      { kind: 'error', text: 'Check `cd x && npm test` not run (refused as written): the command uses &, a background or && operator' },
    ]);
  });

  it('shows a tool call as its line, opens it to its input and result, and keeps one entry per call', () => {
    const log = new RunLog();
    const input = { path: 'src/csv.js', old_string: 'a\nb', new_string: 'a\nc', step: 's1' };
    log.apply({ type: 'tool_call', id: 't1', name: 'propose_edit', input });
    assert.equal(log.all()[0]?.text, 'Edited `src/csv.js` (+1 −1), step s1');
    log.apply({ type: 'tool_result', id: 't1', name: 'propose_edit', isError: false, content: 'Proposed an edit to src/csv.js at lines 1-2.' });
    assert.equal(log.all().length, 1, 'a successful result added an entry of its own');
    const entry = log.all()[0];
    assert.equal(entry?.path?.label, 'src/csv.js');
    assert.equal(
      entry?.detail,
      'path: src/csv.js\nold_string:\n  a\n  b\nnew_string:\n  a\n  c\nstep: s1\nresult:\nProposed an edit to src/csv.js at lines 1-2.',
    );
  });

  it("clips a check's output and keeps the whole, with its last lines, for the view and the Output channel", () => {
    const log = new RunLog();
    const output = [...Array.from({ length: 18 }, (_, i) => `ok ${i + 1}`), 'tests 19', 'pass 18', 'skipped 1'].join('\n');
    log.apply({ type: 'check', name: 'npm test', outcome: { exitCode: 0, timedOut: false, output, durationMs: 4_200 } });
    const [entry] = log.all();
    assert.ok(entry?.clipped, 'a 21-line output was not clipped');
    assert.equal(entry.text.split('\n').length, 13, 'the clipped entry shows other than its head and 12 lines');
    assert.ok(!entry.text.includes('skipped 1'), 'the hidden lines are shown');
    assert.equal(entry.clipped.more, '9 more lines');
    const whole = `Check \`npm test\` passed (exit 0, 4.2 s)\n${output}`;
    assert.equal(log.whole(entry.clipped.id), whole, 'the whole text is not kept by its id');
    assert.equal(entry.clipped.full, whole, 'a small whole does not travel with its entry');
    assert.deepEqual(log.takeSettled(), [whole], 'the Output channel does not get the whole output');
  });

  it("keeps a large whole off the entry, asked for by id; a call's clip is renewed when its result comes", () => {
    const log = new RunLog();
    const body = Array.from({ length: 3000 }, (_, i) => `line ${i + 1}`).join('\n');
    log.apply({ type: 'tool_call', id: 't1', name: 'write_file', input: { path: 'big.ts', content: body, step: 's1' } });
    const early = log.all()[0]?.clipped;
    assert.ok(early && early.full === undefined, 'a 3,000-line input is not clipped, or travels with its entry');
    assert.equal(log.all()[0]?.detail?.split('\n').length, 40);
    log.apply({ type: 'tool_result', id: 't1', name: 'write_file', isError: false, content: 'Proposed creating big.ts.' });
    const entry = log.all()[0];
    assert.equal(entry?.text, 'Wrote `big.ts` (3000 lines), step s1');
    assert.ok(entry?.clipped && entry.clipped.id !== early.id, 'the clip kept its id when its whole text grew');
    assert.equal(log.whole(early.id), undefined, 'the whole before the result is still answered');
    assert.equal(log.whole(entry.clipped.id), `path: big.ts\ncontent:\n${body.replace(/^/gm, '  ')}\nstep: s1\nresult:\nProposed creating big.ts.`);
  });

  it('gives the Output channel each entry once it is finished: not text still streaming, not a call waiting for its result', () => {
    const log = new RunLog();
    log.apply({ type: 'turn_start', turn: 1 });
    log.apply({ type: 'text', text: 'Reading ' });
    assert.deepEqual(log.takeSettled(), [], 'streaming text was written');
    log.apply({ type: 'text', text: 'the parser.' });
    log.apply({ type: 'tool_call', id: 't1', name: 'set_step_status', input: { step: 's1', status: 'done' } });
    assert.deepEqual(log.takeSettled(), ['Reading the parser.']);
    log.apply({ type: 'tool_result', id: 't1', name: 'set_step_status', isError: false, content: 'Step s1 is now done.' });
    log.apply({ type: 'state', state: 'done' });
    assert.deepEqual(log.takeSettled(), ['Set step s1 done\nstep: s1\nstatus: done\nresult:\nStep s1 is now done.', 'Run finished']);
    assert.deepEqual(log.takeSettled(), [], 'an entry was written twice');
  });
});
