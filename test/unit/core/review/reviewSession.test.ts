import * as assert from 'node:assert/strict';
import { ReviewSession } from '../../../../src/core/review/reviewSession';
import { snapshotChangeset } from '../../../../src/core/changeset/snapshot';
import { FakeWorkspace, trusted } from './fakeWorkspace';
import { policyRules } from '../../../../src/core/policy/policyRules';

const lines = (n: number, f: (i: number) => string = (i) => `line ${i}`) => Array.from({ length: n }, (_, i) => `${f(i + 1)}\n`).join('');

function setup() {
  const ws = new FakeWorkspace();
  let n = 0;
  const session = new ReviewSession(ws, trusted, policyRules, () => `cs${++n}`);
  return { ws, session };
}

function hunks(session: ReviewSession, id: string) {
  const snap = session.get(id);
  assert.ok(snap, `changeset ${id} is missing`);
  return snapshotChangeset(snap.changeset).files.flatMap((f) => f.hunks.map((h) => ({ ...h, path: f.path })));
}

describe('review/ReviewSession', () => {
  it('proposes against the disk and leaves the files untouched until a hunk is accepted', async () => {
    const { ws, session } = setup();
    const base = lines(20);
    ws.disk.set('a.ts', base);
    const proposed = base.replace('line 2\n', 'line two\n').replace('line 18\n', 'line eighteen\n');
    const id = await session.propose({ source: 'api', files: [{ path: 'a.ts', newText: proposed }] });
    assert.ok(id.ok, id.ok ? '' : id.message);
    assert.equal(ws.disk.get('a.ts'), base, 'proposing wrote to the file');
    const hs = hunks(session, id.value);
    assert.equal(hs.length, 2, 'two separate changes should make two hunks');
    assert.ok(hs.every((h) => h.state === 'pending'));

    const accepted = await session.decide(id.value, hs[1]!.id, 'accept');
    assert.ok(accepted.ok, accepted.ok ? '' : accepted.message);
    assert.equal(ws.disk.get('a.ts'), base.replace('line 18\n', 'line eighteen\n'), 'accept must apply exactly that hunk');
    assert.equal(ws.writes.length, 1);
    const write = ws.writes[0]!.write;
    assert.equal(write.kind, 'edit');
    assert.ok(write.kind === 'edit' && write.edits.length === 1 && write.edits[0]!.startLine === 17, 'the edit should touch only line 18');
  });

  it("keeps the user's unsaved text through a proposal and an accept", async () => {
    const { ws, session } = setup();
    const base = lines(30);
    ws.disk.set('a.ts', base);
    ws.docs.set('a.ts', base.replace('line 5\n', 'line 5 // typed by the user\n'));
    const id = await session.propose({ source: 'api', files: [{ path: 'a.ts', newText: base.replace('line 25\n', 'line 25 changed\n') }] });
    assert.ok(id.ok);
    const [hunk] = hunks(session, id.value);
    assert.equal(hunk!.state, 'pending');
    assert.ok((await session.decide(id.value, hunk!.id, 'accept')).ok);
    const text = ws.docs.get('a.ts')!;
    assert.match(text, /line 5 \/\/ typed by the user\n/, "the user's unsaved edit was lost");
    assert.match(text, /line 25 changed\n/, 'the accepted hunk is missing');
    assert.equal(ws.disk.get('a.ts'), base, 'the disk must not change while the document is open');
  });

  it('marks a hunk the user edited over as stale and refuses to accept it', async () => {
    const { ws, session } = setup();
    const base = lines(10);
    ws.disk.set('a.ts', base);
    const id = await session.propose({ source: 'api', files: [{ path: 'a.ts', newText: base.replace('line 5\n', 'line five\n') }] });
    assert.ok(id.ok);
    ws.docs.set('a.ts', base.replace('line 5\n', 'line 5 edited by hand\n'));
    const [hunk] = hunks(session, id.value);
    const result = await session.decide(id.value, hunk!.id, 'accept');
    assert.equal(result.ok, false, "a hunk overlapping the user's edit must not be accepted");
    assert.equal(hunks(session, id.value)[0]!.state, 'stale');
    assert.equal(ws.docs.get('a.ts'), base.replace('line 5\n', 'line 5 edited by hand\n'), "the user's text changed");
  });

  it("refreshes a stale hunk against the user's text, and then it can be accepted over it", async () => {
    const { ws, session } = setup();
    const base = lines(10);
    ws.disk.set('a.ts', base);
    const id = await session.propose({ source: 'api', files: [{ path: 'a.ts', newText: base.replace('line 5\n', 'line five\n') }] });
    assert.ok(id.ok);
    const typed = base.replace('line 5\n', 'line 5 edited by hand\n');
    ws.docs.set('a.ts', typed);
    await session.syncFile('a.ts');
    const [hunk] = hunks(session, id.value);
    assert.equal(hunk!.state, 'stale');
    const refreshed = await session.refresh(id.value, hunk!.id);
    assert.ok(refreshed.ok, refreshed.ok ? '' : refreshed.message);
    assert.deepEqual([hunks(session, id.value)[0]!.state, hunks(session, id.value)[0]!.revision], ['pending', 2], 'a refresh is a new revision, pending');
    assert.equal(ws.docs.get('a.ts'), typed, 'a refresh writes nothing');
    assert.ok((await session.decide(id.value, hunk!.id, 'accept')).ok);
    assert.equal(ws.docs.get('a.ts'), base.replace('line 5\n', 'line five\n'), 'the accept replaces what the user typed there, as the refreshed hunk showed');
    const again = await session.refresh(id.value, hunk!.id);
    assert.ok(!again.ok && /not stale/.test(again.message), 'only a stale hunk can be refreshed');
  });

  it('creates and deletes files byte for byte, and undo takes an accept back', async () => {
    const { ws, session } = setup();
    ws.disk.set('old.txt', 'bye\r\n');
    const created = '\uFEFFhello\r\nworld';
    const id = await session.propose({
      source: 'api',
      files: [
        { path: 'new.txt', newText: created },
        { path: 'old.txt', newText: null },
      ],
    });
    assert.ok(id.ok);
    const hs = hunks(session, id.value);
    assert.deepEqual(
      hs.map((h) => h.path),
      ['new.txt', 'old.txt'],
    );
    assert.ok((await session.decide(id.value, hs[0]!.id, 'accept')).ok);
    assert.equal(ws.disk.get('new.txt'), created, 'the created file must keep its BOM, CRLF and missing final newline');
    assert.ok((await session.decide(id.value, hs[1]!.id, 'accept')).ok);
    assert.equal(ws.disk.has('old.txt'), false, 'accepting a null proposal must delete the file');
    assert.ok((await session.undo(id.value)).ok);
    assert.equal(ws.disk.get('old.txt'), 'bye\r\n', 'undo must restore the deleted file');
    assert.equal(hunks(session, id.value)[1]!.state, 'pending');
  });

  it('rejects bad input with a message and stores nothing', async () => {
    const { ws, session } = setup();
    ws.disk.set('a.ts', 'x\n');
    for (const [input, pattern] of [
      [{ source: 'api', files: [] }, /at least one file/],
      [{ source: 'api', files: [{ path: '../etc/passwd', newText: 'x' }] }, /outside the workspace/],
      [{ source: 'api', files: [{ path: 'missing.ts', newText: null }] }, /does not exist/],
      [{ source: 'api', files: [{ path: 'a.ts', newText: 'a\u0000b' }] }, /NUL|binary/i],
      [
        {
          source: 'api',
          files: [
            { path: 'a.ts', newText: 'y\n' },
            { path: 'a.ts', newText: 'z\n' },
          ],
        },
        /twice/,
      ],
    ] as const) {
      const r = await session.propose(input);
      assert.equal(r.ok, false, `accepted bad input ${JSON.stringify(input)}`);
      assert.match(r.ok ? '' : r.message, pattern);
    }
    assert.deepEqual(session.ids(), [], 'a failed proposal left a changeset behind');
  });

  it('leaves the changeset as it was when a decision fails', async () => {
    const { ws, session } = setup();
    ws.disk.set('a.ts', lines(5));
    const id = await session.propose({ source: 'api', files: [{ path: 'a.ts', newText: lines(5).replace('line 3', 'LINE 3') }] });
    assert.ok(id.ok);
    const [hunk] = hunks(session, id.value);
    assert.equal((await session.decide(id.value, 'no-such-hunk', 'accept')).ok, false);
    ws.failWrites = true;
    const r = await session.decide(id.value, hunk!.id, 'accept');
    assert.equal(r.ok, false);
    assert.match(r.ok ? '' : r.message, /disk is full/);
    assert.equal(hunks(session, id.value)[0]!.state, 'pending', 'a failed write must not mark the hunk accepted');
    ws.failWrites = false;
    ws.disk.delete('a.ts');
    const gone = await session.decide(id.value, hunk!.id, 'accept');
    assert.match(gone.ok ? '' : gone.message, /deleted after the proposal/);
  });

  it('refuses Accept all while a flagged hunk is unseen and never bulk-accepts a protected path', async () => {
    const { ws, session } = setup();
    ws.disk.set('src/a.ts', 'a\n');
    ws.disk.set('.vscode/settings.json', '{}\n');
    const id = await session.propose({
      source: 'agent',
      files: [
        { path: 'src/a.ts', newText: 'b\n' },
        { path: '.vscode/settings.json', newText: '{ "x": 1 }\n' },
      ],
    });
    assert.ok(id.ok);
    const [plain, guarded] = hunks(session, id.value);
    assert.ok(
      guarded!.flags.some((f) => f.startsWith('protected:')),
      `settings hunk not flagged: ${guarded!.flags}`,
    );
    const refused = await session.decideAll(id.value, 'accept');
    assert.equal(refused.ok, false, 'Accept all went ahead with an unseen flagged hunk');
    session.markSeen(id.value, guarded!.id);
    assert.ok((await session.decideAll(id.value, 'accept')).ok);
    const after = hunks(session, id.value);
    assert.equal(after.find((h) => h.id === plain!.id)!.state, 'accepted');
    assert.equal(after.find((h) => h.id === guarded!.id)!.state, 'pending', 'a protected hunk was accepted in bulk');
    assert.equal(ws.disk.get('.vscode/settings.json'), '{}\n');
    const whole = await session.decideFile(id.value, '.vscode/settings.json', 'accept');
    assert.match(whole.ok ? '' : whole.message, /protected path: accept its hunks one by one/, 'accepting the whole protected file is a bulk accept');
    assert.equal(ws.disk.get('.vscode/settings.json'), '{}\n');
    assert.ok((await session.decide(id.value, guarded!.id, 'accept')).ok, 'one-by-one accept of a protected hunk must work');
  });

  it('serializes concurrent decisions on one changeset', async () => {
    const { ws, session } = setup();
    const base = lines(40);
    ws.disk.set('a.ts', base);
    const proposed = base.replace('line 3\n', 'three\n').replace('line 20\n', 'twenty\n').replace('line 37\n', 'thirty-seven\n');
    const id = await session.propose({ source: 'api', files: [{ path: 'a.ts', newText: proposed }] });
    assert.ok(id.ok);
    const hs = hunks(session, id.value);
    const results = await Promise.all(hs.map((h) => session.decide(id.value, h.id, 'accept')));
    assert.ok(
      results.every((r) => r.ok),
      'a concurrent decision failed',
    );
    assert.equal(ws.disk.get('a.ts'), proposed, 'concurrent accepts must add up to the whole proposal');
  });
});
