import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { decidedText } from '../../../../src/core/changeset/items';
import { hunkRegion } from '../../../../src/core/changeset/revise';
import { snapshotChangeset } from '../../../../src/core/changeset/snapshot';
import { type ChangesetRecord, restoreChangeset, serializeChangeset } from '../../../../src/core/review/changesetRecord';
import { ReviewSession } from '../../../../src/core/review/reviewSession';
import { FakeWorkspace, trusted } from './fakeWorkspace';
import { policyRules } from '../../../../src/core/policy/policyRules';

const lines = (n: number): string => Array.from({ length: n }, (_, i) => `line ${i + 1}\n`).join('');
const base = lines(60);
const proposed = base.replace('line 5\n', 'five\n').replace('line 20\n', 'twenty\n').replace('line 35\n', 'thirty-five\n').replace('line 50\n', 'fifty\n');

/** A changeset with every kind of state: accepted, rejected with a reason, revised, seen, pending. */
async function reviewed() {
  const ws = new FakeWorkspace();
  ws.disk.set('src/a.ts', base);
  ws.disk.set('src/gone.ts', 'old\n');
  const session = new ReviewSession(ws, trusted, policyRules, () => 'cs-1');
  const created = await session.propose({
    source: 'agent',
    runId: 'run-abc',
    title: 'Build: numbers',
    files: [
      { path: 'src/a.ts', newText: proposed, intent: 'spell numbers out' },
      { path: 'src/gone.ts', newText: null },
    ],
    flags: { constraints: ['src/gone.ts'] },
    steps: [
      { id: 's1', title: 'Spell out `five`' },
      { id: 's2', title: 'Drop the old file' },
    ],
  });
  assert.ok(created.ok, created.ok ? '' : created.message);
  const [h5, h20, h35] = session.get('cs-1')!.changeset.files[0]!.hunks;
  assert.ok((await session.decide('cs-1', h5!.id, 'accept')).ok);
  assert.ok((await session.decide('cs-1', h20!.id, 'reject', 'keep line 20 as it is')).ok);
  const region = hunkRegion(session.get('cs-1')!.changeset, h35!.id);
  assert.ok(region.ok);
  assert.ok((await session.reviseHunk('cs-1', h35!.id, region.value.newText.replace('thirty-five', 'THIRTY-FIVE'))).ok);
  session.markSeen('cs-1', session.get('cs-1')!.changeset.files[1]!.hunks[0]!.id);
  return { ws, session };
}

/** The stored JSON, as the store writes and reads it. */
const stored = (session: ReviewSession): ChangesetRecord => JSON.parse(JSON.stringify(serializeChangeset(session.get('cs-1')!, 1234))) as ChangesetRecord;

describe('review/changeset records (persisted between windows)', () => {
  it('refuses a record whose plan steps are not id and title, and says where', async () => {
    const record = { ...stored((await reviewed()).session), steps: [{ id: '', title: 'x' }] };
    const restored = restoreChangeset(record);
    assert.ok(!restored.ok && /steps\[0\]\.id/.test(restored.message), restored.ok ? 'accepted' : restored.message);
  });

  it('restores a changeset as it was: decisions, reasons, revisions, flags, seen hunks, its run', async () => {
    const { ws, session } = await reviewed();
    const restored = restoreChangeset(stored(session));
    assert.ok(restored.ok, restored.ok ? '' : restored.message);
    const fresh = new ReviewSession(ws, trusted, policyRules, () => 'cs-new');
    assert.ok((await fresh.restore(restored.value)).ok);
    const before = session.get('cs-1')!;
    const after = fresh.get('cs-1')!;
    assert.deepEqual(snapshotChangeset(after.changeset), snapshotChangeset(before.changeset), 'the public snapshot is the same');
    assert.deepEqual(after.changeset.files, before.changeset.files, 'every line, hunk, reason and revision is back');
    assert.equal(after.changeset.files[0]!.hunks[1]!.reason, 'keep line 20 as it is');
    assert.equal(after.changeset.files[0]!.hunks[2]!.revision, 2);
    assert.equal(after.changeset.files[0]!.hunks[3]!.intent, 'spell numbers out', "a hunk's stated intent comes back");
    assert.deepEqual([...after.seen], [...before.seen]);
    assert.deepEqual([...after.flags.keys()], [...before.flags.keys()], 'the protected path is flagged again');
    assert.deepEqual([after.runId, after.flagContext], ['run-abc', { constraints: ['src/gone.ts'] }]);
    assert.deepEqual(after.steps, before.steps, "the plan's step titles come back, in plan order");
    assert.deepEqual(after.changeset.undo, [], 'undo history stays with its window');

    const pending = after.changeset.files[0]!.hunks[3]!;
    assert.ok((await fresh.decide('cs-1', pending.id, 'accept')).ok, 'the restored review carries on');
    assert.equal(ws.text('src/a.ts'), base.replace('line 5\n', 'five\n').replace('line 50\n', 'fifty\n'), 'accept writes exactly that hunk');
  });

  it("rebases onto a file changed meanwhile: the touched hunk goes stale and the user's text stays", async () => {
    const { ws, session } = await reviewed();
    const record = stored(session);
    const typed = ws.text('src/a.ts')!.replace('line 49\nline 50\nline 51\n', 'line 49\nMY OWN LINE 50\nline 51\n').replace('line 3\n', 'line three, typed\n');
    ws.docs.set('src/a.ts', typed);
    const restored = restoreChangeset(record);
    assert.ok(restored.ok);
    const fresh = new ReviewSession(ws, trusted, policyRules, () => 'cs-new');
    assert.ok((await fresh.restore(restored.value)).ok);
    const file = fresh.get('cs-1')!.changeset.files[0]!;
    assert.equal(decidedText(file), typed, 'the document as the user left it is what the changeset starts from');
    const states = snapshotChangeset(fresh.get('cs-1')!.changeset).files[0]!.hunks.map((h) => h.state);
    assert.deepEqual(states, ['accepted', 'rejected', 'pending', 'stale'], "only the hunk the user's edit touched is stale");
    const stale = file.hunks[3]!;
    assert.equal((await fresh.decide('cs-1', stale.id, 'accept')).ok, false, 'a stale hunk is never applied');
    assert.equal(ws.text('src/a.ts'), typed, 'nothing the user typed was lost');
    const again = restoreChangeset(JSON.parse(JSON.stringify(serializeChangeset(fresh.get('cs-1')!, 1234))) as ChangesetRecord);
    assert.ok(again.ok, again.ok ? '' : again.message);
    assert.ok(stale.freshBase?.includes('line 50\n'), 'the stale hunk does not keep the text an undo would restore');
    assert.deepEqual(again.value.changeset.files[0]!.hunks[3], stale, 'a stored stale hunk loses what makes an undo fresh again');
  });

  it('rejects a damaged or foreign record with a message that names the problem', async () => {
    const { session } = await reviewed();
    const good = stored(session);
    const cases: [string, unknown, RegExp][] = [
      ['not an object', 'garbage', /^changeset record: the record must be an object/],
      ['another version', { ...good, version: 2 }, /has version 2; this Redline reads version 1/],
      ['a path-like id', { ...good, changeset: { ...good.changeset, id: '../../evil' } }, /changeset\.id "\.\.\/\.\.\/evil" is not a changeset id/],
      [
        'a made-up state',
        mutate(good, (files) => (hunksOf(files[0])[0]!['state'] = 'maybe')),
        /changeset\.files\[0\]\.hunks\[0\]\.state must be one of pending, accepted, rejected, stale/,
      ],
      [
        'a line owned by no hunk',
        mutate(good, (files) => (itemsOf(files[0]).find((i) => i['hunk'])!['hunk'] = 'h-nope')),
        /names h-nope, which is not a hunk of src\/a\.ts/,
      ],
      ['missing lines', mutate(good, (files) => delete files[1]!['items']), /changeset\.files\[1\]\.items must be an array/],
      ['a revision of 0', mutate(good, (files) => (hunksOf(files[0])[2]!['revision'] = 0)), /hunks\[2\]\.revision must be an integer of at least 1/],
      ['a number as text', mutate(good, (files) => (files[0]!['baseText'] = 7)), /files\[0\]\.baseText must be a string/],
    ];
    for (const [what, value, message] of cases) {
      const result = restoreChangeset(value);
      assert.ok(!result.ok, `${what}: accepted`);
      assert.equal(result.code, 'E_RECORD');
      assert.match(result.message, message, what);
    }
  });

  it('never throws, whatever the JSON', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const result = restoreChangeset(value);
        return result.ok === false && typeof result.message === 'string';
      }),
      { numRuns: 300 },
    );
  });

  it('refuses to restore over an open changeset, and a file the workspace no longer allows', async () => {
    const { ws, session } = await reviewed();
    const restored = restoreChangeset(stored(session));
    assert.ok(restored.ok);
    const again = await session.restore(restored.value);
    assert.ok(!again.ok && again.code === 'E_EXISTS');
    const moved = restoreChangeset({
      ...stored(session),
      changeset: { ...stored(session).changeset, files: stored(session).changeset.files.map((f) => ({ ...f, path: `../${f.path}` })) },
    });
    assert.ok(moved.ok);
    const outside = await new ReviewSession(ws, trusted, policyRules).restore(moved.value);
    assert.ok(!outside.ok && /outside the workspace/.test(outside.message), 'a path outside the workspace is refused');
  });
});

type Loose = Record<string, unknown>;
const hunksOf = (file: Loose | undefined): Loose[] => file?.['hunks'] as Loose[];
const itemsOf = (file: Loose | undefined): Loose[] => file?.['items'] as Loose[];

/** A copy of the record's JSON with its files changed by `change`. */
function mutate(record: ChangesetRecord, change: (files: Loose[]) => unknown): unknown {
  const copy = JSON.parse(JSON.stringify(record)) as { changeset: { files: Loose[] } };
  change(copy.changeset.files);
  return copy;
}
