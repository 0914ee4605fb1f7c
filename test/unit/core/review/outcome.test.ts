import * as assert from 'node:assert/strict';
import { createChangeset } from '../../../../src/core/changeset/build';
import { acceptHunk, rejectHunk } from '../../../../src/core/changeset/decisions';
import type { Changeset } from '../../../../src/core/changeset/types';
import { reviewOutcome } from '../../../../src/core/review/outcome';

function changeset(): Changeset {
  const built = createChangeset({
    id: 'cs',
    title: 't',
    source: 'agent',
    files: [
      { path: 'src/a.ts', baseText: 'a\nb\nc\nd\ne\nf\ng\nh\ni\nj\n', proposedText: 'A\nb\nc\nd\ne\nf\ng\nh\ni\nJ\nk\n' },
      { path: 'src/b.ts', baseText: null, proposedText: 'one\ntwo\n' },
    ],
  });
  assert.ok(built.ok, built.ok ? '' : built.message);
  return built.value;
}

function decide(cs: Changeset, decisions: ('accept' | string)[]): Changeset {
  const ids = cs.files.flatMap((f) => f.hunks.map((h) => h.id));
  assert.equal(ids.length, decisions.length, 'the fixture has one decision per hunk');
  return ids.reduce((acc, id, i) => {
    const d = decisions[i] ?? 'accept';
    const next = d === 'accept' ? acceptHunk(acc, id) : rejectHunk(acc, id, d === 'reject' ? undefined : d);
    assert.ok(next.ok);
    return next.value;
  }, cs);
}

describe('review/reviewOutcome', () => {
  it('is undefined while a hunk waits, and for an empty changeset', () => {
    const cs = changeset();
    assert.equal(reviewOutcome(cs), undefined);
    const first = cs.files[0]?.hunks[0]?.id ?? '';
    const one = acceptHunk(cs, first);
    assert.ok(one.ok);
    assert.equal(reviewOutcome(one.value), undefined, 'two hunks still wait');
    assert.equal(reviewOutcome({ ...cs, files: [] }), undefined);
  });

  it('counts what landed and lists each rejection with its reason', () => {
    const outcome = reviewOutcome(decide(changeset(), ['accept', 'Keep j lowercase', 'accept']));
    assert.deepEqual(outcome, {
      hunks: 3,
      accepted: 2,
      acceptedFiles: ['src/a.ts', 'src/b.ts'],
      added: 3,
      removed: 1,
      rejected: [{ path: 'src/a.ts', reason: 'Keep j lowercase' }],
    });
  });

  it('leaves out a blank reason and a file with nothing accepted', () => {
    const outcome = reviewOutcome(decide(changeset(), ['reject', 'reject', 'accept']));
    assert.deepEqual(outcome?.acceptedFiles, ['src/b.ts']);
    assert.deepEqual(outcome?.rejected, [{ path: 'src/a.ts' }, { path: 'src/a.ts' }]);
  });
});
