import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { applyTextEdits, wholeTextEdit } from '../../../../src/core/changeset/edits';
import { RUNS } from './arbitraries';

// Texts of lines with every terminator VS Code knows, and none at the end.
const textArb = fc
  .array(fc.tuple(fc.string({ maxLength: 6 }), fc.constantFrom('\n', '\r\n', '\r', '')), { maxLength: 8 })
  .map((ls) => ls.map(([l, t]) => l + t).join(''));

describe('wholeTextEdit', () => {
  it('turns any text into any other, whatever its line endings', () => {
    fc.assert(
      fc.property(textArb, textArb, (before, after) => {
        assert.equal(applyTextEdits(before, [wholeTextEdit(before, after)]), after);
      }),
      { numRuns: RUNS },
    );
  });

  it('ends at the last character of the old text', () => {
    assert.deepEqual(wholeTextEdit('a\r\nbc', 'x'), { startLine: 0, startCharacter: 0, endLine: 1, endCharacter: 2, newText: 'x' });
    assert.deepEqual(wholeTextEdit('a\n', 'x'), { startLine: 0, startCharacter: 0, endLine: 1, endCharacter: 0, newText: 'x' });
  });
});
