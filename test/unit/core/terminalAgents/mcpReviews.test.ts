import * as assert from 'node:assert/strict';
import { policyRules } from '../../../../src/core/policy/policyRules';
import { ReviewSession } from '../../../../src/core/review/reviewSession';
import { McpReviews, reportText } from '../../../../src/core/terminalAgents/mcpReviews';
import { FakeWorkspace, trusted } from '../review/fakeWorkspace';

const lines = (n: number, f: (i: number) => string = (i) => `line ${i}`) => Array.from({ length: n }, (_, i) => `${f(i + 1)}\n`).join('');
const caller = { client: 'some-client', session: '0123456789abcdef' };

function setup(isTrusted = true) {
  const ws = new FakeWorkspace();
  let n = 0;
  const session = new ReviewSession(ws, trusted, policyRules, () => `cs${++n}`);
  const reviews = new McpReviews(session, ws, isTrusted ? trusted : { isTrusted: () => false });
  return { ws, session, reviews };
}

describe('terminalAgents/McpReviews', () => {
  it('proposes edits to the file on disk under the client’s name; wait answers with each hunk’s decision and reason once all are decided', async () => {
    const { ws, session, reviews } = setup();
    ws.disk.set('a.txt', lines(30));
    const proposed = await reviews.propose(
      {
        files: [
          {
            path: 'a.txt',
            edits: [
              { oldString: 'line 3\n', newString: 'three\n', replaceAll: false },
              { oldString: 'line 25\n', newString: 'x\n', replaceAll: false },
            ],
          },
        ],
      },
      caller,
    );
    assert.ok(proposed.ok, proposed.ok ? '' : proposed.message);
    assert.deepEqual(proposed.value, { changesetId: 'cs1', files: [{ path: 'a.txt', hunks: 2 }] });
    assert.equal(session.get('cs1')?.changeset.source, 'mcp:some-client · 01234567');
    assert.equal(session.get('cs1')?.changeset.title, 'some-client: a.txt');
    const hunks = session.get('cs1')!.changeset.files[0]!.hunks;
    const waiting = reviews.wait('cs1', 10_000, new AbortController().signal);
    let settled = false;
    void waiting.then(() => (settled = true));
    assert.ok((await session.decide('cs1', hunks[0]!.id, 'accept')).ok);
    await new Promise((r) => setTimeout(r, 10));
    assert.equal(settled, false, 'wait must not answer while a hunk is pending');
    assert.ok((await session.decide('cs1', hunks[1]!.id, 'reject', 'no')).ok);
    const report = await waiting;
    assert.ok(report.ok);
    assert.deepEqual(report.value, {
      changesetId: 'cs1',
      title: 'some-client: a.txt',
      done: true,
      hunks: [
        { file: 'a.txt', hunk: 1, line: 3, state: 'accepted' },
        { file: 'a.txt', hunk: 2, line: 25, state: 'rejected', reason: 'no' },
      ],
    });
    assert.match(reportText(report.value), /^Every hunk is decided\. Redline has written the accepted hunks/);
  });

  it('Ask fix rejects the hunk with the user’s comment, and the report asks the client to propose it again', async () => {
    const { ws, session, reviews } = setup();
    ws.disk.set('f.txt', lines(20));
    assert.ok((await reviews.propose({ files: [{ path: 'f.txt', newText: lines(20).replace('line 2\n', 'two\n') }] }, caller)).ok);
    const waiting = reviews.wait('cs1', 10_000, new AbortController().signal);
    const hunk = session.get('cs1')!.changeset.files[0]!.hunks[0]!;
    assert.ok((await reviews.askFix('cs1', hunk.id, 'spell it TWO')).ok);
    const report = await waiting;
    assert.ok(report.ok);
    assert.deepEqual(report.value.hunks, [{ file: 'f.txt', hunk: 1, line: 2, state: 'rejected', reason: 'the user asks: spell it TWO' }]);
    assert.match(reportText(report.value), / The user asks for a fix of f\.txt hunk 1 \(the reason says what\): propose those changes again/);
    assert.equal(ws.disk.get('f.txt'), lines(20), 'nothing written');
    assert.equal((await reviews.askFix('cs9', hunk.id, 'x')).ok, false);
  });

  it('wait answers with the pending hunks at its timeout, and at once when the client cancels', async () => {
    const { ws, reviews } = setup();
    ws.disk.set('b.txt', lines(3));
    const proposed = await reviews.propose({ title: 'T', files: [{ path: 'b.txt', newText: 'new\n' }] }, caller);
    assert.ok(proposed.ok);
    const timedOut = await reviews.wait('cs1', 20, new AbortController().signal);
    assert.ok(timedOut.ok);
    assert.equal(timedOut.value.done, false);
    assert.deepEqual(
      timedOut.value.hunks.map((h) => h.state),
      ['pending'],
    );
    assert.match(reportText(timedOut.value), /^1 of 1 hunks still wait for the user \(b\.txt hunk 1\); call wait_for_decisions again/);
    const cancel = new AbortController();
    const waiting = reviews.wait('cs1', 60_000, cancel.signal);
    cancel.abort();
    assert.equal((await waiting).ok, true);
  });

  it('refuses with the reason and proposes nothing: an edit whose old_string is missing, a path outside, an unknown changeset, Restricted Mode', async () => {
    const { ws, session, reviews } = setup();
    ws.disk.set('a.txt', 'one\n');
    const missing = await reviews.propose(
      {
        files: [
          { path: 'a.txt', newText: 'two\n' },
          { path: 'a.txt', edits: [{ oldString: 'nope', newString: 'x', replaceAll: false }] },
        ],
      },
      caller,
    );
    assert.equal(missing.ok, false);
    assert.match(missing.ok ? '' : missing.message, /old_string was not found in a\.txt/);
    const outside = await reviews.propose({ files: [{ path: '../x.txt', newText: 'x\n' }] }, caller);
    assert.match(outside.ok ? '' : outside.message, /outside the workspace/);
    assert.deepEqual(session.ids(), []);
    assert.match((await reviews.wait('cs9', 0, new AbortController().signal)).ok ? '' : 'unknown', /unknown/);
    const untrusted = await setup(false).reviews.propose({ files: [{ path: 'a.txt', newText: 'x\n' }] }, caller);
    assert.match(untrusted.ok ? '' : untrusted.message, /workspace not trusted/);
  });

  it('lists every changeset with its counts', async () => {
    const { ws, reviews } = setup();
    ws.disk.set('a.txt', 'one\n');
    await reviews.propose({ files: [{ path: 'a.txt', newText: 'two\n' }] }, caller);
    assert.deepEqual(reviews.list(), [
      {
        changesetId: 'cs1',
        title: 'some-client: a.txt',
        source: 'mcp:some-client · 01234567',
        counts: { pending: 1, accepted: 0, modified: 0, rejected: 0, stale: 0 },
      },
    ]);
  });

  it('a hunk the user edited before accepting reads back as modified, with what the user changed', async () => {
    const { ws, session, reviews } = setup();
    ws.disk.set('r.ts', lines(10));
    await reviews.propose({ files: [{ path: 'r.ts', newText: lines(10).replace('line 4\n', 'const rate = 0.21;\n') }] }, caller);
    const hunk = session.get('cs1')!.changeset.files[0]!.hunks[0]!;
    assert.ok((await session.acceptEdited('cs1', hunk.id, 'const rate = 0.25;\n', hunk.revision)).ok);
    const report = reviews.report('cs1');
    assert.ok(report.ok);
    assert.equal(report.value.done, true);
    assert.equal(report.value.hunks[0]?.state, 'modified');
    assert.match(report.value.hunks[0]?.edited ?? '', /^@@ [^\n]*\n-const rate = 0\.21;\n\+const rate = 0\.25;$/m);
    assert.deepEqual(reviews.list()[0]?.counts, { pending: 0, accepted: 0, modified: 1, rejected: 0, stale: 0 });
  });
});
