import * as assert from 'node:assert/strict';
import { createChangeset } from '../../../../src/core/changeset/build';
import { undoDecision } from '../../../../src/core/changeset/decisions';
import { acceptEdited } from '../../../../src/core/changeset/edit';
import { decidedText } from '../../../../src/core/changeset/items';
import { rebaseFile } from '../../../../src/core/changeset/rebase';
import { reviseHunk } from '../../../../src/core/changeset/revise';
import { apiSnapshot, snapshotChangeset } from '../../../../src/core/changeset/snapshot';
import type { Changeset } from '../../../../src/core/changeset/types';
import type { Result } from '../../../../src/core/result';

const BASE = Array.from({ length: 20 }, (_, i) => `line ${i + 1}\n`).join('');
// Two hunks: lines 3-4 replaced, and one line added after line 15.
const PROPOSED = BASE.replace('line 3\nline 4\n', 'THREE\nFOUR\n').replace('line 15\n', 'line 15\nadded\n');

function make(base = BASE, proposed = PROPOSED): Changeset {
  const r = createChangeset({ id: 'cs1', title: 'T', source: 'agent', files: [{ path: 'a.ts', baseText: base, proposedText: proposed }] });
  assert.ok(r.ok, r.ok ? '' : r.message);
  return r.value;
}

function value<T>(r: Result<T>): T {
  assert.ok(r.ok, r.ok ? '' : `${r.code}: ${r.message}`);
  return r.value;
}

const firstId = (cs: Changeset) => cs.files[0]!.hunks[0]!.id;

describe('changeset/acceptEdited: a hunk accepted with the reviewer’s version of its lines', () => {
  it('puts exactly the edited lines into the decided text, leaves the other hunk pending, and reports what changed', () => {
    const cs = make();
    const done = value(acceptEdited(cs, firstId(cs), 'THREE\nfour, by hand', 1));
    const file = done.changeset.files[0]!;
    assert.equal(decidedText(file), BASE.replace('line 3\nline 4\n', 'THREE\nfour, by hand\n'), 'the file must hold the edited lines, with a final newline');
    const [edited, other] = file.hunks;
    assert.equal(edited!.state, 'accepted');
    assert.deepEqual(edited!.edited, { proposed: 'THREE\nFOUR\n' }, 'the record keeps the proposal it replaced');
    assert.equal(edited!.revision, 2, 'the reviewer’s version is the next revision');
    assert.equal(edited!.history[0]!.replacedBy, 'edit');
    assert.equal(other!.state, 'pending');
    assert.deepEqual(done.edit, { proposed: 'THREE\nFOUR\n', text: 'THREE\nfour, by hand\n' });
    assert.deepEqual(
      apiSnapshot(done.changeset).files[0]!.hunks.map((h) => h.state),
      ['modified', 'pending'],
      'the API calls an edited accept modified',
    );
    assert.deepEqual(
      snapshotChangeset(done.changeset).files[0]!.hunks.map((h) => h.state),
      ['accepted', 'pending'],
      'inside, it is accepted',
    );
  });

  it('is one undo step that brings the proposal back, pending', () => {
    const cs = make();
    const done = value(acceptEdited(cs, firstId(cs), 'mine\n', 1)).changeset;
    const undone = value(undoDecision(done));
    assert.equal(undone.undo.length, 0, 'the edit and the accept are one undo entry');
    assert.deepEqual(undone.files[0], cs.files[0], 'undo restores the hunk as proposed');
  });

  it('keeps the file’s CRLF line breaks for text typed with LF', () => {
    const crlf = (t: string) => t.replace(/\n/g, '\r\n');
    const cs = make(crlf(BASE), crlf(PROPOSED));
    const done = value(acceptEdited(cs, firstId(cs), 'a\nb', 1)).changeset;
    assert.equal(decidedText(done.files[0]!), crlf(BASE.replace('line 3\nline 4\n', 'a\nb\n')));
  });

  it('an edit back to the base is recorded as modified with the base text, and still owns its lines', () => {
    const cs = make();
    const done = value(acceptEdited(cs, firstId(cs), 'line 3\nline 4\n', 1));
    assert.equal(decidedText(done.changeset.files[0]!), BASE);
    assert.equal(apiSnapshot(done.changeset).files[0]!.hunks[0]!.state, 'modified');
    assert.ok(
      done.changeset.files[0]!.items.some((i) => i.hunk === firstId(cs)),
      'the hunk must keep lines, so the review can show what was decided',
    );
    assert.deepEqual(done.edit, { proposed: 'THREE\nFOUR\n', text: 'line 3\nline 4\n' });
  });

  it('an empty edit deletes the region', () => {
    const cs = make();
    const done = value(acceptEdited(cs, firstId(cs), '', 1)).changeset;
    assert.equal(decidedText(done.files[0]!), BASE.replace('line 3\nline 4\n', ''));
  });

  it('the proposal unchanged is an ordinary accept', () => {
    const cs = make();
    const done = value(acceptEdited(cs, firstId(cs), 'THREE\nFOUR', 1));
    assert.equal(done.edit, undefined);
    const hunk = done.changeset.files[0]!.hunks[0]!;
    assert.equal(hunk.state, 'accepted');
    assert.equal(hunk.edited, undefined);
    assert.equal(hunk.revision, 1);
  });

  it('refuses a stale hunk, a decided one and one revised since the edit began; nothing changes', () => {
    const cs = make();
    const id = firstId(cs);
    const stale = { ...cs, files: [value(rebaseFile(cs.files[0]!, BASE.replace('line 4\n', 'line 4 typed\n')))] };
    const r1 = acceptEdited(stale, id, 'x\n', 1);
    assert.equal(r1.ok ? '' : r1.code, 'E_STALE');
    const accepted = value(acceptEdited(cs, id, 'x\n', 1)).changeset;
    const r2 = acceptEdited(accepted, id, 'y\n', 2);
    assert.equal(r2.ok ? '' : r2.code, 'E_ALREADY');
    const revised = value(reviseHunk(cs, id, 'THREE\nFOUR, fixed\n'));
    const r3 = acceptEdited(revised, id, 'x\n', 1);
    assert.equal(r3.ok ? '' : r3.code, 'E_MISMATCH', 'an edit of revision 1 must not land on revision 2');
  });

  it('an Undo in the editor reopens the edited hunk with the reviewer’s lines, and a Redo makes it modified again', () => {
    const cs = make();
    const done = value(acceptEdited(cs, firstId(cs), 'mine\n', 1)).changeset;
    const landed = decidedText(done.files[0]!);
    const undone = value(rebaseFile(done.files[0]!, BASE));
    assert.equal(undone.hunks[0]!.state, 'pending');
    const redone = value(rebaseFile(undone, landed));
    assert.equal(apiSnapshot({ ...done, files: [redone] }).files[0]!.hunks[0]!.state, 'modified');
  });
});
