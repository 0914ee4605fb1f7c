import * as assert from 'node:assert/strict';
import { createChangeset } from '../../../../src/core/changeset/build';
import { acceptHunk, decideAll, decideFile, decideHunk, rejectHunk, setHunkFlags, undoDecision } from '../../../../src/core/changeset/decisions';
import { applyTextEdits, documentEdits, fileEdits } from '../../../../src/core/changeset/edits';
import { decidedText } from '../../../../src/core/changeset/items';
import { rebaseFile } from '../../../../src/core/changeset/rebase';
import { hunkRegion, refreshHunk, reviseHunk } from '../../../../src/core/changeset/revise';
import { decideLines, splitHunk } from '../../../../src/core/changeset/selection';
import { snapshotChangeset } from '../../../../src/core/changeset/snapshot';
import type { Changeset, FileInput } from '../../../../src/core/changeset/types';
import { viewHunks } from '../../../../src/core/changeset/view';
import type { Result } from '../../../../src/core/result';

const BASE = Array.from({ length: 30 }, (_, i) => `line ${i + 1}\n`).join('');
const PROPOSED = BASE.replace('line 3\n', 'LINE 3\n').replace('line 20\n', 'line 20\nadded 20b\n');

function make(files: FileInput[] = [{ path: 'a.ts', baseText: BASE, proposedText: PROPOSED }], context = 3): Changeset {
  const r = createChangeset({ id: 'cs1', title: 'T', source: 'agent', context, files });
  assert.ok(r.ok, r.ok ? '' : r.message);
  return r.value;
}

function value<T>(r: Result<T>): T {
  assert.ok(r.ok, r.ok ? '' : `${r.code}: ${r.message}`);
  return r.value;
}

function expectError<T>(cs: Changeset, r: Result<T>, code: string, pattern: RegExp, snapshotBefore: unknown): void {
  assert.ok(!r.ok, `expected ${code}, got success`);
  assert.equal(r.code, code, `wrong code, message: ${r.message}`);
  assert.match(r.message, pattern, 'the message must name the problem');
  assert.deepEqual(cs, snapshotBefore, 'a refused call leaves the changeset unchanged');
}

describe('changeset: decisions and errors', () => {
  it('snapshot has exactly the public shape and git ranges', () => {
    const snap = snapshotChangeset(make());
    assert.deepEqual(Object.keys(snap), ['id', 'title', 'source', 'files'], 'top-level keys');
    const hunks = snap.files[0]?.hunks ?? [];
    assert.deepEqual(
      hunks.map((h) => [h.oldStart, h.oldLines, h.newStart, h.newLines]),
      [
        [1, 6, 1, 6],
        [18, 6, 18, 7],
      ],
      'ranges as git diff shows them',
    );
    assert.deepEqual(Object.keys(hunks[0] ?? {}), ['id', 'state', 'revision', 'oldStart', 'oldLines', 'newStart', 'newLines', 'flags'], 'hunk keys');
    assert.equal(JSON.stringify(JSON.parse(JSON.stringify(snap))), JSON.stringify(snap), 'plain JSON');
  });

  it('bad input names the problem and changes nothing', () => {
    const cs = make();
    const before = structuredClone(cs);
    const [h1] = cs.files[0]!.hunks;
    expectError(cs, acceptHunk(cs, 'nope'), 'E_UNKNOWN_HUNK', /nope/, before);
    const accepted = value(acceptHunk(cs, h1!.id));
    const acceptedBefore = structuredClone(accepted);
    expectError(accepted, acceptHunk(accepted, h1!.id), 'E_ALREADY', /already accepted/, acceptedBefore);
    expectError(cs, decideLines(cs, h1!.id, [0, 9], 'accept'), 'E_RANGE', /line 9 is out of range/, before);
    expectError(cs, decideLines(cs, h1!.id, [], 'accept'), 'E_SELECTION', /no line selected/, before);
    expectError(cs, splitHunk(cs, h1!.id), 'E_NOT_SPLITTABLE', /no context line/, before);
    expectError(cs, decideFile(cs, 'missing.ts', 'accept'), 'E_UNKNOWN_FILE', /missing\.ts/, before);
    expectError(cs, undoDecision(cs), 'E_NOTHING_TO_UNDO', /no decision/, before);
    const bin = createChangeset({ id: 'x', title: '', source: 'api', files: [{ path: 'b.bin', baseText: 'a\0', proposedText: 'b' }] });
    assert.ok(!bin.ok && bin.code === 'E_BINARY' && /b\.bin/.test(bin.message), 'NUL bytes are refused naming the file');
    const range = createChangeset({
      id: 'x',
      title: '',
      source: 'api',
      files: [{ path: 'r', baseText: 'a\n', proposedText: 'b\n', stepRanges: [{ startLine: 2, endLine: 9, step: 's' }] }],
    });
    assert.ok(!range.ok && range.code === 'E_RANGE' && /2-9/.test(range.message), 'out-of-range step lines are refused');
  });

  it('an empty step range marks the point where whole lines were removed (an agent deleting an assertion)', () => {
    const cs = createChangeset({
      id: 'x',
      title: '',
      source: 'agent',
      files: [{ path: 't.js', baseText: 'a\nb\nexpect(x);\nc\n', proposedText: 'a\nb\nc\n', stepRanges: [{ startLine: 3, endLine: 2, step: 's1' }] }],
    });
    assert.ok(cs.ok, cs.ok ? '' : cs.message);
    assert.deepEqual(
      cs.value.files[0]!.hunks.map((h) => h.steps),
      [['s1']],
      'the deletion hunk serves the step that deleted',
    );
  });

  it('a stale hunk cannot be decided until refreshed', () => {
    const cs = make();
    const [h1] = cs.files[0]!.hunks;
    const doc = decidedText(cs.files[0]!).replace('line 3\n', 'line 3 (mine)\n');
    const rebased = { ...cs, files: [value(rebaseFile(cs.files[0]!, doc))] };
    const stale = rebased.files[0]!.hunks.find((h) => h.id === h1!.id);
    assert.equal(stale?.state, 'stale', 'the hunk the user edited is stale');
    assert.match(stale?.staleReason ?? '', /overlaps your edit at line 3$/, 'the reason names the user edit');
    const before = structuredClone(rebased);
    expectError(rebased, acceptHunk(rebased, h1!.id), 'E_STALE', /stale/, before);
    expectError(rebased, splitHunk(rebased, h1!.id), 'E_STALE', /stale/, before);
    const refreshed = value(refreshHunk(rebased, h1!.id));
    const r = refreshed.files[0]!.hunks.find((h) => h.id === h1!.id)!;
    assert.equal(r.state, 'pending', 'refreshed hunk is pending');
    assert.equal(r.revision, 2, 'refresh is a new revision');
    const view = viewHunks(refreshed.files[0]!).find((v) => v.id === h1!.id)!;
    assert.ok(
      view.lines.some((l) => l.kind === 'removed' && l.text === 'line 3 (mine)'),
      "the user's line is shown as what accepting would replace",
    );
    const accepted = value(acceptHunk(refreshed, h1!.id));
    assert.ok(decidedText(accepted.files[0]!).includes('LINE 3\n'), 'accepting the refreshed hunk applies it');
  });

  it('typing into a pending hunk makes it stale; undoing the typing makes it fresh again, with its id and lines', () => {
    const cs = make();
    const [h1, h2] = cs.files[0]!.hunks;
    const original = decidedText(cs.files[0]!);
    // A fix request typed into the editor by mistake, inside the hunk's lines, then undone.
    const typed = original.replace('line 3\n', 'line 3 make this uppercase\n');
    const stale = value(rebaseFile(cs.files[0]!, typed));
    assert.equal(stale.hunks.find((h) => h.id === h1!.id)?.state, 'stale', 'typing into the hunk makes it stale');
    const undone = value(rebaseFile(stale, original));
    const back = undone.hunks.find((h) => h.id === h1!.id)!;
    assert.equal(back.state, 'pending', 'the undo back to the proposal base leaves the hunk stale');
    assert.equal(back.staleReason, undefined, 'a fresh hunk keeps no stale reason');
    assert.equal(undone.hunks.find((h) => h.id === h2!.id)?.state, 'pending', 'the other hunk is untouched');
    assert.deepEqual(
      viewHunks(undone).map((v) => v.lines),
      viewHunks(cs.files[0]!).map((v) => v.lines),
      'the hunks show what they showed before the typing',
    );
    const accepted = value(acceptHunk({ ...cs, files: [undone] }, h1!.id));
    assert.ok(decidedText(accepted.files[0]!).includes('LINE 3\n'), 'the fresh hunk applies');
    // Typing that is not taken back exactly keeps it stale.
    const other = value(rebaseFile(stale, original.replace('line 3\n', 'line 3 (mine)\n')));
    assert.equal(other.hunks.find((h) => h.id === h1!.id)?.state, 'stale', 'a different edit keeps the hunk stale');
  });

  it('a proposed insertion where the user inserted too becomes stale (order is ambiguous)', () => {
    const cs = make([{ path: 'f', baseText: 'a\nb\n', proposedText: 'a\nnew\nb\n' }]);
    const file = value(rebaseFile(cs.files[0]!, 'a\nmine\nb\n'));
    assert.equal(file.hunks[0]!.state, 'stale', 'same insertion point: stale');
    assert.equal(decidedText(file), 'a\nmine\nb\n', "the user's text is the document");
    const apart = value(rebaseFile(cs.files[0]!, 'mine\na\nb\n'));
    assert.equal(apart.hunks[0]!.state, 'pending', 'an insertion elsewhere leaves it pending');
  });

  it('an untouched pending hunk moves with the user edits and still applies', () => {
    const cs = make();
    const [, h2] = cs.files[0]!.hunks;
    const doc = 'my header\n' + decidedText(cs.files[0]!).replace('line 3\n', 'line 3 edited\n');
    const file = value(rebaseFile(cs.files[0]!, doc));
    const v = viewHunks(file).find((x) => x.id === h2!.id)!;
    assert.equal(v.record.state, 'pending', 'the far hunk stays pending');
    assert.equal(v.oldStart, 19, 'its old start moved down by the inserted line');
    const next = value(acceptHunk({ ...cs, files: [file] }, h2!.id));
    const edits = value(documentEdits(doc, file, next.files[0]!));
    assert.equal(edits.length, 1, 'one minimal edit');
    assert.deepEqual(
      edits[0],
      { startLine: 21, startCharacter: 0, endLine: 21, endCharacter: 0, newText: 'added 20b\n' },
      'an insertion after line 20 (+1 shifted)',
    );
    assert.equal(applyTextEdits(doc, edits), doc.replace('line 20\n', 'line 20\nadded 20b\n'), "the user's edits survive the accept");
  });

  it('an Undo in the editor that takes an accept back makes the hunk pending again; any other edit of it is final', () => {
    const cs = make();
    const [h1, h2] = cs.files[0]!.hunks;
    const accepted = value(decideAll(cs, 'accept'));
    // The user's own line elsewhere, typed before the undo, stays; the undo restores h1's lines only.
    const typed = decidedText(accepted.files[0]!).replace('line 30\n', 'line 30 (mine)\n');
    const withTyping = value(rebaseFile(accepted.files[0]!, typed));
    const undone = value(rebaseFile(withTyping, typed.replace('LINE 3\n', 'line 3\n')));
    assert.equal(undone.hunks.find((h) => h.id === h1!.id)?.state, 'pending', 'the accept taken back in the editor is pending again');
    assert.equal(undone.hunks.find((h) => h.id === h1!.id)?.detached, undefined, 'the reopened hunk owns its lines');
    assert.equal(undone.hunks.find((h) => h.id === h2!.id)?.state, 'accepted', 'the other accept stands');
    assert.ok(
      viewHunks(undone).some((v) => v.id === h1!.id && v.lines.some((l) => l.kind === 'added' && l.text === 'LINE 3')),
      'the hunk shows its proposal again',
    );
    const redone = value(acceptHunk({ ...accepted, files: [undone] }, h1!.id));
    assert.equal(decidedText(redone.files[0]!), typed, 'accepting it again gives the text before the undo');
    const edited = value(rebaseFile(accepted.files[0]!, decidedText(accepted.files[0]!).replace('LINE 3\n', 'line 3 (mine)\n')));
    assert.equal(edited.hunks.find((h) => h.id === h1!.id)?.detached, true, 'an edit that is not the undo keeps the decision final');
  });

  it('minimal edits accept and undo an accept', () => {
    const cs = make();
    const [h1] = cs.files[0]!.hunks;
    const accepted = value(acceptHunk(cs, h1!.id));
    const edits = fileEdits(cs.files[0]!, accepted.files[0]!);
    assert.deepEqual(edits, [{ startLine: 2, startCharacter: 0, endLine: 3, endCharacter: 0, newText: 'LINE 3\n' }], 'replace one line only');
    const undone = value(undoDecision(accepted));
    assert.deepEqual(
      fileEdits(accepted.files[0]!, undone.files[0]!),
      [{ startLine: 2, startCharacter: 0, endLine: 3, endCharacter: 0, newText: 'line 3\n' }],
      'undo restores that line only',
    );
    const mismatch = documentEdits('other', cs.files[0]!, accepted.files[0]!);
    assert.ok(!mismatch.ok && mismatch.code === 'E_MISMATCH', 'edits against a document the model does not know are refused');
  });

  it('line selection accepts chosen lines; the rest stays pending as its own hunk', () => {
    const cs = make([{ path: 'f', baseText: 'a\nb\nc\n', proposedText: 'A\nB\nc\n' }]);
    const [h] = cs.files[0]!.hunks;
    // Changed lines in order: -a, -b, +A, +B. Take -a and +A.
    const next = value(decideLines(cs, h!.id, [0, 2], 'accept'));
    assert.equal(decidedText(next.files[0]!), 'b\nA\nc\n', 'git add -p semantics: b kept, A added, B not');
    const hunks = next.files[0]!.hunks;
    assert.deepEqual(
      hunks.map((x) => x.state),
      ['accepted', 'pending'],
      'selected part accepted, rest pending',
    );
    assert.equal(hunks[0]!.id, h!.id, 'the selection keeps the id');
    const rest = value(acceptHunk(next, hunks[1]!.id));
    assert.equal(decidedText(rest.files[0]!), 'A\nB\nc\n', 'accepting the rest gives the proposal');
    const joined = make([{ path: 'g', baseText: 'x\nb', proposedText: 'x\nb\nc' }]);
    const hj = joined.files[0]!.hunks[0]!;
    const bad = decideLines(joined, hj.id, [2], 'accept');
    assert.ok(!bad.ok && bad.code === 'E_SELECTION' && /join two lines/.test(bad.message), 'a selection that would join lines is refused');
  });

  it('split, file and changeset decisions, and undo of each', () => {
    const cs = make(
      [
        { path: 'f', baseText: 'a\nb\nc\nd\ne\n', proposedText: 'A\nb\nc\nd\nE\n' },
        { path: 'g', baseText: 'x\n', proposedText: 'y\n' },
      ],
      3,
    );
    const [h] = cs.files[0]!.hunks;
    assert.equal(cs.files[0]!.hunks.length, 1, 'close changes share a hunk');
    const split = value(splitHunk(cs, h!.id));
    assert.equal(split.files[0]!.hunks.length, 2, 'split into two hunks at the context lines');
    const first = value(acceptHunk(split, split.files[0]!.hunks[0]!.id));
    assert.equal(decidedText(first.files[0]!), 'A\nb\nc\nd\ne\n', 'only the first piece applied');
    const file = value(decideFile(first, 'f', 'reject', 'not now'));
    assert.equal(file.files[0]!.hunks[1]!.reason, 'not now', 'the reason is kept');
    const all = value(decideAll(file, 'accept'));
    assert.equal(decidedText(all.files[1]!), 'y\n', 'accept all decided the other file');
    let back = all;
    for (let k = 0; k < 4; k++) back = value(undoDecision(back));
    assert.deepEqual(back, cs, 'four undos give back the start');
  });

  it('a rejected hunk keeps its reason; switching to accept drops it; undo restores it', () => {
    const cs = make();
    const [h1] = cs.files[0]!.hunks;
    const rejected = value(rejectHunk(cs, h1!.id, 'too broad'));
    assert.equal(rejected.files[0]!.hunks[0]!.reason, 'too broad', 'reason stored');
    const switched = value(decideHunk(rejected, h1!.id, 'accept'));
    assert.equal(switched.files[0]!.hunks[0]!.reason, undefined, 'accepted hunks carry no reject reason');
    assert.deepEqual(value(undoDecision(switched)), rejected, 'undo restores the rejection and its reason');
  });

  it('fix request: revision 2 replaces the new lines and keeps revision 1 viewable', () => {
    const cs = make();
    const [h1] = cs.files[0]!.hunks;
    const region = value(hunkRegion(cs, h1!.id));
    assert.deepEqual(region, { oldText: 'line 3\n', newText: 'LINE 3\n' }, 'the region a fix rewrites');
    const fixed = value(reviseHunk(cs, h1!.id, 'Line Three\n'));
    const h = fixed.files[0]!.hunks[0]!;
    assert.equal(h.id, h1!.id, 'the id survives a revision');
    assert.equal(h.revision, 2, 'revision 2');
    assert.deepEqual(
      h.history[0]?.lines.map((l) => l.text),
      ['line 3\n', 'LINE 3\n'],
      'revision 1 stays viewable',
    );
    assert.equal(decidedText(value(acceptHunk(fixed, h1!.id)).files[0]!), BASE.replace('line 3\n', 'Line Three\n'), 'accepting applies revision 2');
    const other = fixed.files[0]!.hunks[1]!;
    assert.equal(other.id, cs.files[0]!.hunks[1]!.id, 'the unrelated hunk kept its id');
    const nul = reviseHunk(cs, h1!.id, 'x\0\n');
    assert.ok(!nul.ok && nul.code === 'E_BINARY', 'a binary revision is refused');
  });

  it('flags and plan steps', () => {
    const cs = make([
      {
        path: 'f',
        baseText: BASE,
        proposedText: PROPOSED,
        stepRanges: [
          { startLine: 1, endLine: 4, step: 'rename' },
          { startLine: 21, endLine: 21, step: 'extend' },
        ],
      },
    ]);
    assert.deepEqual(
      cs.files[0]!.hunks.map((h) => h.steps),
      [['rename'], ['extend']],
      'each hunk serves the steps its new lines intersect',
    );
    const flagged = value(setHunkFlags(cs, cs.files[0]!.hunks[1]!.id, ['tests-deleted', 'tests-deleted']));
    assert.deepEqual(snapshotChangeset(flagged).files[0]!.hunks[1]!.flags, ['tests-deleted'], 'flags appear in the snapshot, deduplicated');
    assert.equal(flagged.undo.length, 0, 'flags are not decisions');
    const del = make([{ path: 'd', baseText: 'a\nb\nc\n', proposedText: 'a\nc\n', stepRanges: [{ startLine: 2, endLine: 2, step: 'drop b' }] }]);
    assert.deepEqual(del.files[0]!.hunks[0]!.steps, ['drop b'], 'a pure deletion serves a step whose range touches it');
  });

  it('created and deleted files are one decision each', () => {
    const cs = make([
      { path: 'new.ts', baseText: null, proposedText: 'a\n\n\n\n\n\n\nb\n' },
      { path: 'old.ts', baseText: 'x\n', proposedText: null },
      { path: 'empty', baseText: null, proposedText: '' },
    ]);
    assert.deepEqual(
      cs.files.map((f) => [f.status, f.hunks.length]),
      [
        ['added', 1],
        ['deleted', 1],
        ['added', 1],
      ],
      'one hunk per created or deleted file, even an empty one',
    );
  });
});
