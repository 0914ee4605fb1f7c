import * as assert from 'node:assert/strict';
import { codeSpans, plainText } from '../../../webview-ui/review/codeSpans';

describe('inline code spans of the review', () => {
  it('makes code of what is between backticks and keeps the rest as text', () => {
    assert.deepEqual(codeSpans('"`npm test` passes" is claimed'), [
      { text: '"', code: false },
      { text: 'npm test', code: true },
      { text: ' passes" is claimed', code: false },
    ]);
  });

  it('keeps a backtick without a partner, and an empty pair, as text', () => {
    assert.deepEqual(codeSpans('`x` then ` alone'), [
      { text: 'x', code: true },
      { text: ' then ` alone', code: false },
    ]);
    assert.deepEqual(codeSpans('a `` b'), [{ text: 'a `` b', code: false }]);
    assert.deepEqual(codeSpans('one ` only'), [{ text: 'one ` only', code: false }]);
  });

  it('loses no character: the spans put back together are the text without the paired backticks', () => {
    const text = 'Add `truncateWords(text, max)` in `src/truncate.ts`, with tests';
    assert.equal(plainText(text), 'Add truncateWords(text, max) in src/truncate.ts, with tests');
    assert.equal(plainText(''), '');
  });
});
