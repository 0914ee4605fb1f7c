import * as assert from 'node:assert/strict';
import { createChangeset } from '../../../../src/core/changeset/build';
import { acceptHunk, decideAll } from '../../../../src/core/changeset/decisions';
import { decidedText } from '../../../../src/core/changeset/items';
import { rebaseFile } from '../../../../src/core/changeset/rebase';
import type { Changeset, FileChange } from '../../../../src/core/changeset/types';
import type { Result } from '../../../../src/core/result';

const BASE = Array.from({ length: 30 }, (_, i) => `line ${i + 1}\n`).join('');
const PROPOSED = BASE.replace('line 3\n', 'LINE 3\n').replace('line 20\n', 'line 20\nadded 20b\n');

function make(): Changeset {
  const r = createChangeset({ id: 'cs1', title: 'T', source: 'agent', context: 3, files: [{ path: 'a.ts', baseText: BASE, proposedText: PROPOSED }] });
  assert.ok(r.ok, r.ok ? '' : r.message);
  return r.value;
}

function value<T>(r: Result<T>): T {
  assert.ok(r.ok, r.ok ? '' : `${r.code}: ${r.message}`);
  return r.value;
}

const stateOf = (file: FileChange, id: string) => file.hunks.find((h) => h.id === id)?.state;

// Undo in the editor takes an accept back and the hunk is pending again; Redo puts the accepted
// lines back, and the hunk is accepted again with its id, not stale against its own proposal.
describe('rebase: a Redo in the editor after the Undo of an accept', () => {
  it('accepts the hunk again, with its id, when the edit puts back exactly its proposal', () => {
    const cs = make();
    const [h1, h2] = cs.files[0]!.hunks;
    const accepted = value(acceptHunk(cs, h1!.id)).files[0]!;
    const acceptedText = decidedText(accepted);
    const undone = value(rebaseFile(accepted, BASE));
    assert.equal(stateOf(undone, h1!.id), 'pending', 'the Undo reopens the hunk');
    const redone = value(rebaseFile(undone, acceptedText));
    assert.equal(stateOf(redone, h1!.id), 'accepted', 'the Redo must accept the hunk again');
    assert.equal(redone.hunks.find((h) => h.id === h1!.id)?.detached, undefined, 'the re-accepted hunk owns its lines');
    assert.equal(stateOf(redone, h2!.id), 'pending', 'the other hunk is untouched');
    assert.equal(decidedText(redone), acceptedText, 'the model reproduces the document');
  });

  it('accepts every hunk of an Accept all that is redone at once; the user’s typing elsewhere stays', () => {
    const cs = make();
    const all = value(decideAll(cs, 'accept')).files[0]!;
    const typed = decidedText(all).replace('line 30\n', 'line 30 (mine)\n');
    const withTyping = value(rebaseFile(all, typed));
    const undone = value(rebaseFile(withTyping, typed.replace('LINE 3\n', 'line 3\n').replace('added 20b\n', '')));
    assert.deepEqual(
      undone.hunks.map((h) => h.state),
      ['pending', 'pending'],
      'the Undo of Accept all reopens both hunks',
    );
    const redone = value(rebaseFile(undone, typed));
    assert.deepEqual(
      redone.hunks.map((h) => h.state),
      ['accepted', 'accepted'],
      'the Redo must accept both again',
    );
    assert.equal(decidedText(redone), typed);
  });

  it('an edit that puts in something else than the proposal still makes the hunk stale', () => {
    const cs = make();
    const [h1] = cs.files[0]!.hunks;
    const edited = value(rebaseFile(cs.files[0]!, BASE.replace('line 3\n', 'LINE 3 (mine)\n')));
    assert.equal(stateOf(edited, h1!.id), 'stale', 'a different edit of the hunk is not its accept');
  });
});
