import * as assert from 'node:assert/strict';
import { headline } from '../../../webview-ui/plan/logText';

describe('plan webview: a log headline', () => {
  it("drops the backticks, marks the code spans and makes the entry's file the link", () => {
    assert.deepEqual(headline('Edited `src/a.ts` (+3 −1), step s2', 'src/a.ts'), {
      text: 'Edited src/a.ts (+3 −1), step s2',
      spans: [{ start: 7, end: 15, path: true }],
    });
    assert.deepEqual(headline('Searched for `foo` in `src/**` (2 hits)', undefined).spans, [
      { start: 13, end: 16, path: false },
      { start: 20, end: 26, path: false },
    ]);
  });

  it('puts the file after a text that does not name it, and shows an unclosed backtick as text', () => {
    assert.deepEqual(headline('Proposed a change to', 'a.ts'), { text: 'Proposed a change to a.ts', spans: [{ start: 21, end: 25, path: true }] });
    assert.deepEqual(headline('failed: `x', undefined), { text: 'failed: `x', spans: [] });
  });
});
