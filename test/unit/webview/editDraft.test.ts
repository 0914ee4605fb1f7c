import * as assert from 'node:assert/strict';
import type { ReviewHunk, ReviewLine } from '../../../src/shared/reviewProtocol';
import { editDraft, proposedText } from '../../../webview-ui/review/editDraft';

const lines: ReviewLine[] = [
  [0, 'before'],
  [1, 'old a'],
  [2, 'new a'],
  [0, 'between'],
  [2, 'added b'],
  [0, 'after'],
];

const hunk: ReviewHunk = { id: 'h1', file: 0, state: 'pending', revision: 2, oldStart: 1, oldLines: 4, newStart: 1, newLines: 5, lines, flags: [], steps: [] };

describe('review webview: the edit box', () => {
  it('opens the new side from the first to the last changed line, the context between included', () => {
    assert.equal(proposedText(lines), 'new a\nbetween\nadded b');
  });

  it('a pure deletion proposes nothing to edit', () => {
    assert.equal(
      proposedText([
        [0, 'x'],
        [1, 'gone'],
        [0, 'y'],
      ]),
      '',
    );
  });

  it('opens a refused edit again at the same revision, the proposal at another', () => {
    assert.equal(editDraft(hunk, { hunkId: 'h1', revision: 2, draft: 'mine' }), 'mine');
    assert.equal(editDraft(hunk, { hunkId: 'h1', revision: 1, draft: 'mine' }), 'new a\nbetween\nadded b', 'a draft of an older revision is not reused');
    assert.equal(editDraft(hunk, { hunkId: 'h2', revision: 2, draft: 'mine' }), 'new a\nbetween\nadded b');
  });
});
