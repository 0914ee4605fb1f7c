import * as assert from 'node:assert/strict';
import type { ReviewHunk, ReviewMove } from '../../../src/shared/reviewProtocol';
import { ReviewModel } from '../../../webview-ui/review/model';

const hunk = (id: string, file: number, extra: Partial<ReviewHunk> = {}): ReviewHunk => ({
  id,
  file,
  state: 'pending',
  revision: 1,
  oldStart: 1,
  oldLines: 1,
  newStart: 1,
  newLines: 1,
  lines: [[1, 'a']],
  flags: [],
  steps: [],
  ...extra,
});

const move: ReviewMove = { from: 'cut', fromLine: 3, to: 'paste', toLine: 7, lines: 4, reindented: false, whole: true };

function model(hunks: readonly ReviewHunk[], moves: readonly ReviewMove[]): ReviewModel {
  const m = new ReviewModel();
  m.load({
    changesetId: 'cs1',
    header: { title: 't', source: 'api', claimMismatches: [] },
    files: [
      { path: 'a.ts', status: 'modified', language: 'ts' },
      { path: 'b.ts', status: 'modified', language: 'ts' },
    ],
    hunks,
    layout: 'unified',
  });
  m.moved.set(moves);
  return m;
}

/** The hunks the pager lists: those `hidden` leaves in. */
const listed = (m: ReviewModel) => {
  const hidden = m.moved.hidden(m).ids;
  return m.hunks.filter((h) => !hidden.has(h.id)).map((h) => h.id);
};

describe('webview/moved items', () => {
  it('lists a whole move once, at its added side', () => {
    const m = model([hunk('cut', 0), hunk('other', 0), hunk('paste', 1)], [move]);
    assert.deepEqual(listed(m), ['other', 'paste']);
    assert.equal(m.moved.merged(m, hunk('paste', 1))?.from, 'cut');
  });

  it('lists both sides when they stand differently, when one is flagged, or when the move is only part of a hunk', () => {
    const cases: [string, ReviewHunk[], ReviewMove][] = [
      ['decided apart', [hunk('cut', 0, { state: 'rejected' }), hunk('paste', 1)], move],
      ['flagged', [hunk('cut', 0, { flags: [{ id: 'test-cases-removed', reason: 'a test removed' }] }), hunk('paste', 1)], move],
      ['part of a hunk', [hunk('cut', 0), hunk('paste', 1)], { ...move, whole: false }],
    ];
    for (const [what, hunks, mv] of cases) assert.deepEqual(listed(model(hunks, [mv])), ['cut', 'paste'], what);
  });

  it('hides whitespace-only hunks while asked to, and counts them', () => {
    const m = model([hunk('a', 0, { whitespaceOnly: true }), hunk('b', 0), hunk('c', 1, { whitespaceOnly: true })], []);
    assert.deepEqual(listed(m), ['a', 'b', 'c']);
    m.moved.hideWhitespace = true;
    assert.deepEqual(listed(m), ['b']);
    assert.equal(m.moved.hidden(m).whitespace, 2);
  });
});
