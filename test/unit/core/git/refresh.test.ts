import * as assert from 'node:assert/strict';
import { decideHunk } from '../../../../src/core/changeset/decisions';
import type { Changeset } from '../../../../src/core/changeset/types';
import { indexText, worktreeText } from '../../../../src/core/git/gitModel';
import { modelBase, refreshGitFile } from '../../../../src/core/git/refresh';
import { gitChangeset, lines } from './support';

const base = lines(40);
const worktree = base.replace('line 2\n', 'two\n').replace('line 20\n', 'twenty\n').replace('line 38\n', 'thirty-eight\n');

function decided(cs: Changeset, n: number, decision: 'accept' | 'reject'): Changeset {
  const r = decideHunk(cs, cs.files[0]!.hunks[n]!.id, decision, decision === 'reject' ? 'no' : undefined);
  assert.ok(r.ok, r.ok ? '' : r.message);
  return r.value;
}

/** Refreshes against the index (the model keeps its base) with the given index and working tree. */
function refreshed(cs: Changeset, texts: { index: string | null; worktree: string | null }): Changeset {
  const file = cs.files[0]!;
  const r = refreshGitFile(cs, { path: file.path, base: modelBase(file), ...texts });
  assert.ok(r.ok, r.ok ? '' : r.message);
  assert.equal(indexText(r.value.files[0]!), texts.index, 'after a refresh the model must say what the index says');
  assert.equal(worktreeText(r.value.files[0]!), texts.worktree, 'after a refresh the model must say what the working tree says');
  return r.value;
}

const summary = (cs: Changeset) => cs.files[0]!.hunks.filter((h) => !h.detached).map((h) => [h.id, h.state, h.revision]);

describe('refreshGitFile: the review follows the working tree', () => {
  it('keeps the decisions of hunks that did not change and marks the one that did as its next revision', () => {
    let cs = gitChangeset([{ path: 'a.txt', base, index: base, worktree }]);
    const [first, second, third] = cs.files[0]!.hunks;
    cs = decided(cs, 0, 'accept');
    cs = decided(cs, 2, 'reject');
    const index = base.replace('line 2\n', 'two\n');
    const reverted = worktree.replace('thirty-eight\n', 'line 38\n');
    // The agent rewrites the middle hunk while the reviewer reads.
    const next = refreshed(cs, { index, worktree: reverted.replace('twenty\n', 'TWENTY\n') });
    assert.deepEqual(
      summary(next),
      [
        [first!.id, 'accepted', 1],
        [second!.id, 'pending', 2],
      ],
      'accepted kept; changed hunk keeps its id as revision 2',
    );
    const changed = next.files[0]!.hunks[1]!;
    assert.deepEqual(
      changed.history.map((h) => [h.revision, h.replacedBy]),
      [[1, 'refresh']],
      'the previous revision stays viewable',
    );
    assert.ok(
      next.files[0]!.hunks.some((h) => h.id === third!.id && h.state === 'rejected' && h.detached),
      'the rejected hunk stays on record',
    );
  });

  it('a rejected change that comes back (its revert was undone) is pending again under its id', () => {
    let cs = gitChangeset([{ path: 'a.txt', base, index: base, worktree }]);
    const id = cs.files[0]!.hunks[1]!.id;
    cs = decided(cs, 1, 'reject');
    const next = refreshed(cs, { index: base, worktree });
    assert.deepEqual(next.files[0]!.hunks.find((h) => h.id === id)?.state, 'pending');
    assert.equal(next.files[0]!.hunks.find((h) => h.id === id)?.reason, undefined, 'the reason went with the rejection');
  });

  it('a hunk staged in a terminal becomes accepted', () => {
    const cs = gitChangeset([{ path: 'a.txt', base, index: base, worktree }]);
    const next = refreshed(cs, { index: base.replace('line 20\n', 'twenty\n'), worktree });
    assert.deepEqual(
      next.files[0]!.hunks.map((h) => h.state),
      ['pending', 'accepted', 'pending'],
    );
  });

  it('a new change far from the others is a new pending hunk; nothing else moves', () => {
    const cs = gitChangeset([{ path: 'a.txt', base, index: base, worktree }]);
    const before = summary(cs);
    const next = refreshed(cs, { index: base, worktree: worktree.replace('line 11\n', 'eleven\n') });
    const after = summary(next);
    assert.equal(after.length, 4);
    assert.deepEqual(
      after.filter((h) => before.some((b) => b[0] === h[0])),
      before,
      'the old hunks keep id, state and revision',
    );
  });

  it('an index that cannot be told as whole hunks makes the file diffed from the index', () => {
    const cs = decided(gitChangeset([{ path: 'a.txt', base, index: base, worktree }]), 0, 'accept');
    const index = base.replace('line 2\n', 'two\n').replace('line 30\n', 'staged elsewhere\n');
    const next = refreshed(cs, { index, worktree });
    assert.ok(next.files[0]!.hunks.filter((h) => !h.detached).every((h) => h.state === 'pending'));
  });

  it('an untracked file that is deleted again leaves nothing to review', () => {
    const cs = gitChangeset([{ path: 'n.txt', base: null, index: null, worktree: 'x\n' }]);
    const next = refreshed(cs, { index: null, worktree: null });
    assert.equal(next.files[0]!.hunks.filter((h) => !h.detached).length, 0);
  });

  it('is the same changeset when nothing changed', () => {
    const cs = gitChangeset([{ path: 'a.txt', base, index: base, worktree }]);
    const r = refreshGitFile(cs, { path: 'a.txt', base, index: base, worktree });
    assert.ok(r.ok);
    assert.equal(r.value, cs);
  });
});
