import * as assert from 'node:assert/strict';
import { decideHunk } from '../../../../src/core/changeset/decisions';
import type { Changeset } from '../../../../src/core/changeset/types';
import { assembleReview, followScan, type ScannedFile, type ScannedText } from '../../../../src/core/git/assemble';
import { GitReviewWorkspace, type GitFileRef, type GitIndexPort } from '../../../../src/core/git/gitWorkspace';
import { ok, type Result } from '../../../../src/core/result';
import { FakeWorkspace } from '../review/fakeWorkspace';
import { gitChangeset, lines } from './support';

class FakeIndex implements GitIndexPort {
  readonly texts = new Map<string, string | null>();
  readonly writes: (string | null)[] = [];
  async readIndex(ref: GitFileRef): Promise<Result<string | null>> {
    return ok(this.texts.get(ref.path) ?? null);
  }
  async writeIndex(ref: GitFileRef, text: string | null): Promise<Result<void>> {
    this.writes.push(text);
    this.texts.set(ref.path, text);
    return ok(undefined);
  }
}

const base = lines(30);
const worktree = base.replace('line 2\n', 'two\n').replace('line 28\n', 'twenty-eight\n');
const file = { path: 'a.txt', handle: '/ws/a.txt' };
const ref: GitFileRef = { repo: '/ws', path: 'a.txt', mode: '100644' };

function setup(): { index: FakeIndex; tree: FakeWorkspace; ws: GitReviewWorkspace; cs: Changeset } {
  const index = new FakeIndex();
  index.texts.set('a.txt', base);
  const tree = new FakeWorkspace();
  tree.disk.set('a.txt', worktree);
  const ws = new GitReviewWorkspace(index, tree);
  ws.track(file, ref);
  return { index, tree, ws, cs: gitChangeset([{ path: 'a.txt', base, index: base, worktree }]) };
}

function decided(cs: Changeset, n: number, d: 'accept' | 'reject'): Changeset {
  const r = decideHunk(cs, cs.files[0]!.hunks[n]!.id, d);
  assert.ok(r.ok);
  return r.value;
}

describe('GitReviewWorkspace: a decision on the index and the working tree', () => {
  it('reads the index as the file the session decides on', async () => {
    const { ws } = setup();
    assert.deepEqual(await ws.read(file), ok({ disk: base, current: base }));
  });

  it('refuses to stage over an index that changed since it was read, and writes nothing', async () => {
    const { index, ws, cs } = setup();
    index.texts.set('a.txt', `${base}staged elsewhere\n`);
    const r = await ws.writeChange(file, cs.files[0]!, decided(cs, 0, 'accept').files[0]!);
    assert.ok(!r.ok);
    assert.equal(r.code, 'E_CHANGED');
    assert.deepEqual(index.writes, [], 'nothing may be staged over the other change');
  });

  it('puts the index back when the working-tree half of a decision fails', async () => {
    const { index, tree, ws, cs } = setup();
    const accepted = decided(cs, 1, 'accept');
    assert.ok((await ws.writeChange(file, cs.files[0]!, accepted.files[0]!)).ok);
    tree.failWrites = true;
    // Switching the accepted hunk to rejected unstages it and reverts it; the revert fails.
    const switched = decided(accepted, 1, 'reject');
    const r = await ws.writeChange(file, accepted.files[0]!, switched.files[0]!);
    assert.ok(!r.ok);
    assert.equal(index.texts.get('a.txt'), base.replace('line 28\n', 'twenty-eight\n'), 'the index must be as before the failed decision');
  });

  it('does not take paths from callers: a working-tree review comes from git', async () => {
    const { ws } = setup();
    assert.equal((await ws.resolve('a.txt')).ok, false);
    assert.equal((await ws.read({ path: 'b.txt', handle: '/ws/b.txt' })).ok, false);
  });
});

describe('followScan: a review follows new scans', () => {
  const text = (
    path: string,
    texts: { base: string | null; index: string | null; worktree: string | null },
    modeChange?: { from: string; to: string },
  ): ScannedText => ({
    kind: 'text',
    texts: { path, ...texts },
    ref: { repo: '/ws', path, mode: '100644' },
    absolute: `/ws/${path}`,
    planned: {
      kind: 'text',
      path,
      base: texts.base === null ? null : 'index',
      inIndex: texts.index !== null,
      inWorktree: texts.worktree !== null,
      mode: '100644',
      ...(modeChange ? { modeChange } : {}),
    },
  });

  it('appends new files after the old ones, so file indexes stay put, and replaces listings', () => {
    const first: ScannedFile[] = [
      text('b.txt', { base, index: base, worktree }),
      { kind: 'listed', path: 'x.bin', status: 'modified', note: 'binary: listed, not diffed' },
    ];
    const review = assembleReview('wt', 'Working tree', first);
    const next = followScan(review, [text('a.txt', { base: null, index: null, worktree: 'new\n' }), text('b.txt', { base, index: base, worktree })], 'index');
    assert.deepEqual(
      next.changeset.files.map((f) => f.path),
      ['b.txt', 'a.txt'],
    );
    assert.deepEqual(next.listed, [], 'a listing that is gone is dropped');
    assert.equal(next.changeset.files[0], review.changeset.files[0], 'an unchanged file keeps its object (the panel re-renders nothing)');
  });

  it('a mode change alone is listed; with hunks it is said in the notes', () => {
    const review = assembleReview('wt', 'Working tree', [
      text('run.sh', { base, index: base, worktree: base }, { from: '100644', to: '100755' }),
      text('tool.sh', { base, index: base, worktree }, { from: '100644', to: '100755' }),
    ]);
    assert.deepEqual(
      review.listed.map((l) => [l.path, l.note]),
      [['run.sh', 'mode 100644 → 100755 only: not staged here (git add stages it)']],
    );
    assert.deepEqual(review.notes, ['tool.sh: mode 100644 → 100755 is not staged by Redline']);
  });

  it('against the index, an accepted hunk stays accepted after the index moved to include it', () => {
    const review = assembleReview('wt', 'Working tree', [text('b.txt', { base, index: base, worktree })]);
    const accepted = { ...review, changeset: decided(review.changeset, 0, 'accept') };
    const staged = base.replace('line 2\n', 'two\n');
    const next = followScan(accepted, [text('b.txt', { base: staged, index: staged, worktree })], 'index');
    assert.deepEqual(
      next.changeset.files[0]!.hunks.map((h) => h.state),
      ['accepted', 'pending'],
    );
  });
});
