import * as assert from 'node:assert/strict';
import type { Answer } from '../../../../src/core/agent/ports';
import { tools } from './toolCalls';
import { plan } from './fakes';

const file = 'one\ntwo\nthree\ntwo\n';

describe('agent tools: edits', () => {
  it('propose_edits applies several replacements in order, all or none, and names the one that failed', async () => {
    const t = tools({ 'a.txt': file });
    const failed = await t.call('propose_edits', {
      path: 'a.txt',
      step: 's1',
      edits: [
        { old_string: 'one', new_string: 'ONE' },
        { old_string: 'missing', new_string: 'x' },
      ],
    });
    assert.equal(failed.isError, true);
    assert.match(failed.content, /^edit 2 of 2: old_string was not found in a\.txt \(after the edits before it were applied\).*Nothing was proposed/);
    assert.deepEqual(t.overlay.all(), [], 'the first edit must not stay proposed');
    const ambiguous = await t.call('propose_edits', { path: 'a.txt', step: 's1', edits: [{ old_string: 'two', new_string: '2' }] });
    assert.match(ambiguous.content, /matches 2 times in a\.txt \(at lines 2, 4\).*or set replace_all/);

    const okay = await t.call('propose_edits', {
      path: 'a.txt',
      step: 's1',
      edits: [
        { old_string: 'one', new_string: 'ONE' },
        { old_string: 'two', new_string: '2', replace_all: true },
        { old_string: 'ONE\n2', new_string: 'ONE, 2' },
      ],
    });
    assert.equal(okay.isError, false, okay.content);
    assert.deepEqual(await t.overlay.read('a.txt'), { ok: true, value: 'ONE, 2\nthree\n2\n' });
    assert.match(okay.content, /Proposed 4 replacements in a\.txt \(3 edits\)/);
  });

  it('rejects a malformed edits array with a message that points at the item', async () => {
    const t = tools({ 'a.txt': file });
    const bad = await t.call('propose_edits', { path: 'a.txt', step: 's1', edits: [{ old_string: 'one', new_string: 'x' }, { old_string: 'two' }] });
    assert.equal(bad.content, 'propose_edits: missing required field "edits[1].new_string"; nothing was done');
    const extra = await t.call('propose_edits', { path: 'a.txt', step: 's1', edits: [{ old_string: 'one', new_string: 'x', regex: true }] });
    assert.equal(extra.content, 'propose_edits: unknown field edits[0].regex; nothing was done');
    const empty = await t.call('propose_edits', { path: 'a.txt', step: 's1', edits: [] });
    assert.match(empty.content, /"edits" needs at least 1 item/);
    const notArray = await t.call('propose_edits', { path: 'a.txt', step: 's1', edits: 'one' });
    assert.match(notArray.content, /"edits" must be an array, got a string/);
  });

  it('propose_edit with replace_all replaces every occurrence and keeps CRLF', async () => {
    const t = tools({ 'a.txt': 'x = 1\r\ny = x\r\n' });
    const done = await t.call('propose_edit', { path: 'a.txt', old_string: 'x', new_string: 'value', replace_all: true, step: 's2' });
    assert.equal(done.isError, false, done.content);
    assert.deepEqual(await t.overlay.read('a.txt'), { ok: true, value: 'value = 1\r\ny = value\r\n' });
    assert.deepEqual(t.overlay.all()[0]?.stepRanges, [
      { startLine: 1, endLine: 1, step: 's2' },
      { startLine: 2, endLine: 2, step: 's2' },
    ]);
  });

  it('accepts the step as models write it, normalised to the plan id, and refuses one that matches none', async () => {
    const written: string[] = [];
    const t = tools({ 'a.txt': file }, { onStepStatus: (step) => written.push(step) });
    for (const [i, step] of ['s1', '2', '#3', 'Step 1', 'step-2', 'S3', ' step #1 '].entries()) {
      const result = await t.call('propose_edit', { path: 'a.txt', old_string: i === 0 ? 'one' : `v${i - 1}`, new_string: `v${i}`, step });
      assert.equal(result.isError, false, `${step}: ${result.content}`);
    }
    assert.deepEqual(
      t.overlay.all()[0]?.stepRanges.map((r) => r.step),
      ['s1', 's2', 's3', 's1', 's2', 's3', 's1'],
    );
    const unknown = await t.call('propose_edit', { path: 'a.txt', old_string: 'v6', new_string: 'x', step: 'Step 9' });
    assert.equal(unknown.isError, true);
    assert.match(unknown.content, /unknown plan step "Step 9"\. The plan's steps are: s1 \(Rename greet\), s2 \(Add farewell\), s3 \(Test it\)/);
    assert.equal((await t.call('set_step_status', { step: 'Step 2', status: 'done' })).content, 'Step s2 is now done.');
    assert.deepEqual(written, ['s2']);
  });

  it('matches ordinal ids (#3) and says which ids a number could mean when it is ambiguous', async () => {
    const steps = [
      { id: 's1', title: 'marked' },
      { id: '#1', title: 'unmarked' },
      { id: '#3', title: 'third' },
    ];
    const t = tools({ 'a.txt': file }, { plan: plan({ steps }) });
    assert.equal((await t.call('propose_edit', { path: 'a.txt', old_string: 'one', new_string: '1', step: 'step 3' })).isError, false);
    assert.deepEqual(
      t.overlay.all()[0]?.stepRanges.map((r) => r.step),
      ['#3'],
    );
    const ambiguous = await t.call('propose_edit', { path: 'a.txt', old_string: 'three', new_string: '3', step: '1' });
    assert.match(ambiguous.content, /step "1" could be s1 or #1; use the exact id/);
  });

  it('write_file replaces the whole content of an existing file, or creates one', async () => {
    const t = tools({ 'a.txt': file });
    assert.equal((await t.call('write_file', { path: 'a.txt', content: 'new\n', step: 's1' })).content, 'Proposed new content for a.txt.');
    assert.equal((await t.call('write_file', { path: 'b.txt', content: 'b\n', step: 's2' })).content, 'Proposed creating b.txt.');
    assert.deepEqual(
      t.overlay.all().map((f) => [f.path, f.baseText, f.proposedText, f.stepRanges]),
      [
        ['a.txt', file, 'new\n', [{ startLine: 1, endLine: 1, step: 's1' }]],
        ['b.txt', null, 'b\n', [{ startLine: 1, endLine: 1, step: 's2' }]],
      ],
    );
    assert.match((await t.call('write_file', { path: 'a.txt', content: 'new\n', step: 's1' })).content, /already holds exactly this content/);
  });

  it('rename_file proposes a delete and a create with the proposed text, step ranges carried over', async () => {
    const t = tools({ 'src/old.ts': file, 'src/taken.ts': 'x\n' });
    await t.call('propose_edit', { path: 'src/old.ts', old_string: 'three', new_string: 'THREE', step: 's1' });
    const moved = await t.call('rename_file', { from: 'src/old.ts', to: 'lib/new.ts', step: '2' });
    assert.equal(moved.content, 'Proposed moving src/old.ts to lib/new.ts.');
    assert.deepEqual(
      t.overlay.all().map((f) => [f.path, f.baseText, f.proposedText, f.stepRanges]),
      [
        [
          'lib/new.ts',
          null,
          'one\ntwo\nTHREE\ntwo\n',
          [
            { startLine: 3, endLine: 3, step: 's1' },
            { startLine: 1, endLine: 4, step: 's2' },
          ],
        ],
        ['src/old.ts', file, null, [{ startLine: 1, endLine: 0, step: 's2' }]],
      ],
    );
    assert.match((await t.call('rename_file', { from: 'lib/new.ts', to: 'src/taken.ts', step: 's2' })).content, /src\/taken\.ts already exists/);
    assert.match(
      (await t.call('rename_file', { from: 'src/old.ts', to: 'x.ts', step: 's2' })).content,
      /src\/old\.ts does not exist \(you proposed deleting it\)/,
    );
    assert.match((await t.call('rename_file', { from: 'lib/new.ts', to: 'protected/x.ts', step: 's2' })).content, /protected/);
    assert.equal(t.overlay.all().length, 2, 'a refused move proposes nothing');
  });

  it('view_changeset shows the proposals as a unified diff, whole or for one path', async () => {
    const t = tools({ 'a.txt': file, 'gone.txt': 'bye\n' });
    assert.equal((await t.call('view_changeset', {})).content, 'You have proposed no changes yet.');
    await t.call('propose_edit', { path: 'a.txt', old_string: 'three', new_string: '3', step: 's1' });
    await t.call('delete_file', { path: 'gone.txt', step: 's1' });
    await t.call('create_file', { path: 'new.txt', content: 'hello\n', step: 's1' });
    const all = await t.call('view_changeset', {});
    assert.equal(
      all.content,
      [
        'diff --git a/a.txt b/a.txt',
        '--- a/a.txt',
        '+++ b/a.txt',
        '@@ -1,4 +1,4 @@',
        ' one',
        ' two',
        '-three',
        '+3',
        ' two',
        'diff --git a/gone.txt b/gone.txt',
        'deleted file mode 100644',
        '--- a/gone.txt',
        '+++ /dev/null',
        '@@ -1,1 +0,0 @@',
        '-bye',
        'diff --git a/new.txt b/new.txt',
        'new file mode 100644',
        '--- /dev/null',
        '+++ b/new.txt',
        '@@ -0,0 +1,1 @@',
        '+hello',
        '',
      ].join('\n'),
    );
    const one = await t.call('view_changeset', { path: 'new.txt' });
    assert.match(one.content, /^diff --git a\/new\.txt b\/new\.txt\n/);
    assert.doesNotMatch(one.content, /a\.txt/);
    assert.equal((await t.call('view_changeset', { path: 'b.txt' })).content, 'You have proposed no change to b.txt.');
  });
});

describe('agent tools: ask_user', () => {
  const asking = (answer: (signal: AbortSignal) => Promise<Answer>) => {
    const asked: { text: string; from: string }[] = [];
    return { asked, port: { ask: (q: { text: string; from: string }, signal: AbortSignal) => (asked.push(q), answer(signal)) } };
  };

  it('returns the answer, and names the plan it asks for', async () => {
    const q = asking(async () => ({ kind: 'answered', text: 'Use kebab-case.' }));
    const t = tools({}, { questions: q.port });
    const result = await t.call('ask_user', { question: 'Which case for slugs?' });
    assert.deepEqual(result, { content: 'The user answered: Use kebab-case.', isError: false });
    assert.deepEqual(q.asked, [{ text: 'Which case for slugs?', from: '.redline/plans/greeting.md' }]);
  });

  it('a dismissed question tells the model the user did not answer', async () => {
    const t = tools({}, { questions: asking(async () => ({ kind: 'dismissed' })).port });
    const result = await t.call('ask_user', { question: 'Which case?' });
    assert.equal(result.isError, false);
    assert.match(result.content, /^The user did not answer/);
  });

  it('Stop ends the wait: the port sees the run signal, the result says the run was stopped', async () => {
    const stop = new AbortController();
    const q = asking((signal) => new Promise((resolve) => signal.addEventListener('abort', () => resolve({ kind: 'cancelled' }))));
    const t = tools({}, { questions: q.port, signal: stop.signal });
    const pending = t.call('ask_user', { question: 'Still there?' });
    stop.abort();
    assert.deepEqual(await pending, { content: 'The run was stopped while waiting for the answer.', isError: true });
  });

  it('without a port (a fix request) the tool says no one can be asked', async () => {
    const result = await tools({}).call('ask_user', { question: 'Anyone?' });
    assert.equal(result.isError, true);
    assert.match(result.content, /no one can be asked/);
  });
});
