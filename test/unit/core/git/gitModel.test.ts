import * as assert from 'node:assert/strict';
import { decideHunk } from '../../../../src/core/changeset/decisions';
import { applyTextEdits } from '../../../../src/core/changeset/edits';
import { decideLines } from '../../../../src/core/changeset/selection';
import { reviseHunk } from '../../../../src/core/changeset/revise';
import type { Changeset, FileChange } from '../../../../src/core/changeset/types';
import { buildGitFile } from '../../../../src/core/git/gitFile';
import { gitWritesFor, indexText, worktreeText } from '../../../../src/core/git/gitModel';

import { gitChangeset, lines } from './support';

function step(cs: Changeset, r: ReturnType<typeof decideHunk>): { before: FileChange; after: FileChange; cs: Changeset } {
  assert.ok(r.ok, r.ok ? '' : r.message);
  return { before: cs.files[0]!, after: r.value.files[0]!, cs: r.value };
}

describe('a working-tree file: the index and the working tree', () => {
  const base = lines(30);
  const worktree = base.replace('line 2\n', 'line two\n').replace('line 15\n', 'line fifteen\n').replace('line 28\n', 'line twenty-eight\n');

  it('accepting stages exactly that hunk and leaves the working tree alone', () => {
    const cs = gitChangeset([{ path: 'a.txt', base, index: base, worktree }]);
    assert.equal(cs.files[0]!.hunks.length, 3);
    const { before, after } = step(cs, decideHunk(cs, cs.files[0]!.hunks[1]!.id, 'accept'));
    const writes = gitWritesFor(before, after);
    assert.deepEqual(writes.index, { text: base.replace('line 15\n', 'line fifteen\n') }, 'the index gets the base plus that hunk');
    assert.equal(writes.worktree, undefined, 'staging must not touch the working tree');
  });

  it('rejecting reverts exactly that hunk in the working tree and leaves the index alone', () => {
    const cs = gitChangeset([{ path: 'a.txt', base, index: base, worktree }]);
    const { before, after } = step(cs, decideHunk(cs, cs.files[0]!.hunks[0]!.id, 'reject', 'keep digits'));
    const writes = gitWritesFor(before, after);
    assert.equal(writes.index, undefined, 'a rejection must not stage anything');
    assert.ok(writes.worktree?.kind === 'edit');
    assert.equal(writes.worktree.expected, worktree, 'the edit is checked against the working tree as reviewed');
    assert.equal(applyTextEdits(worktree, writes.worktree.edits), worktree.replace('line two\n', 'line 2\n'), 'only that hunk is reverted');
    assert.equal(writes.worktree.edits.length, 1, 'one minimal edit');
  });

  it('accepting selected lines stages those lines only', () => {
    const wt = base.replace('line 10\n', 'line 10\nnew a\nnew b\nnew c\nnew d\n');
    const cs = gitChangeset([{ path: 'a.txt', base, index: base, worktree: wt }]);
    const { before, after } = step(cs, decideLines(cs, cs.files[0]!.hunks[0]!.id, [0, 1], 'accept'));
    assert.equal(gitWritesFor(before, after).index?.text, base.replace('line 10\n', 'line 10\nnew a\nnew b\n'));
    assert.equal(worktreeText(after), wt, 'the working tree keeps every line');
  });

  it('a revision from a fix request goes into the working tree; the index waits for an accept', () => {
    const cs = gitChangeset([{ path: 'a.txt', base, index: base, worktree }]);
    const hunk = cs.files[0]!.hunks[0]!;
    const revised = reviseHunk(cs, hunk.id, 'line 1\nline TWO\nline 3\n');
    const { before, after } = step(cs, revised);
    const writes = gitWritesFor(before, after);
    assert.equal(writes.index, undefined);
    assert.ok(writes.worktree?.kind === 'edit');
    assert.match(applyTextEdits(worktree, writes.worktree.edits), /^line TWO$/m);
  });

  it('an untracked file: accept adds it to the index, reject deletes it', () => {
    const cs = gitChangeset([{ path: 'new.txt', base: null, index: null, worktree: 'hello\r\n' }]);
    const hunk = cs.files[0]!.hunks[0]!;
    assert.equal(cs.files[0]!.status, 'added');
    const accept = step(cs, decideHunk(cs, hunk.id, 'accept'));
    assert.deepEqual(gitWritesFor(accept.before, accept.after), { index: { text: 'hello\r\n' } }, 'staged byte for byte');
    const reject = step(cs, decideHunk(cs, hunk.id, 'reject'));
    assert.deepEqual(gitWritesFor(reject.before, reject.after), { worktree: { kind: 'delete' } });
  });

  it('a deleted file: accept stages the deletion, reject restores the file', () => {
    const cs = gitChangeset([{ path: 'gone.txt', base: 'bye\n', index: 'bye\n', worktree: null }]);
    const hunk = cs.files[0]!.hunks[0]!;
    const accept = step(cs, decideHunk(cs, hunk.id, 'accept'));
    assert.deepEqual(gitWritesFor(accept.before, accept.after), { index: { text: null } });
    const reject = step(cs, decideHunk(cs, hunk.id, 'reject'));
    assert.deepEqual(gitWritesFor(reject.before, reject.after), { worktree: { kind: 'create', text: 'bye\n' } });
  });

  it('switching an accepted hunk to rejected unstages it and reverts it', () => {
    const cs = gitChangeset([{ path: 'a.txt', base, index: base, worktree }]);
    const id = cs.files[0]!.hunks[2]!.id;
    const accepted = step(cs, decideHunk(cs, id, 'accept'));
    const rejected = step(accepted.cs, decideHunk(accepted.cs, id, 'reject'));
    const writes = gitWritesFor(rejected.before, rejected.after);
    assert.deepEqual(writes.index, { text: base });
    assert.ok(writes.worktree?.kind === 'edit');
    assert.equal(indexText(rejected.after), base);
  });
});

describe('buildGitFile against HEAD', () => {
  const head = lines(30);
  const worktree = head.replace('line 2\n', 'two\n').replace('line 28\n', 'twenty-eight\n');

  it('hunks the index already holds start accepted', () => {
    const index = head.replace('line 28\n', 'twenty-eight\n');
    const cs = gitChangeset([{ path: 'a.txt', base: head, index, worktree }]);
    assert.deepEqual(
      cs.files[0]!.hunks.map((h) => h.state),
      ['pending', 'accepted'],
    );
    assert.equal(indexText(cs.files[0]!), index);
  });

  it('a hunk staged in part makes the file reviewed against the index, so nothing is unstaged', () => {
    const partial = head.replace('line 28\n', 'twenty-eight\n').replace('line 29\n', 'staged only\n');
    const built = buildGitFile({ path: 'a.txt', base: head, index: partial, worktree }, 3, new Set());
    assert.ok(built.ok);
    assert.equal(built.value.againstIndex, true);
    assert.equal(indexText(built.value.file), partial, 'the model must say what the index says');
    assert.equal(worktreeText(built.value.file), worktree);
  });

  it('a staged new file and a staged deletion start accepted', () => {
    const cs = gitChangeset([
      { path: 'added.txt', base: null, index: 'x\n', worktree: 'x\n' },
      { path: 'removed.txt', base: 'y\n', index: null, worktree: null },
    ]);
    assert.deepEqual(
      cs.files.map((f) => [f.status, f.hunks.map((h) => h.state)]),
      [
        ['added', ['accepted']],
        ['deleted', ['accepted']],
      ],
    );
  });
});
