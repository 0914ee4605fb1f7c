import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { countMatches, matchedSnippets } from '../../../../src/core/policy/lineCounting';

/** What the counting helpers must equal: every pattern run on every line, nothing skipped. */
function naiveCount(lines: readonly string[], patterns: readonly RegExp[]): number {
  let n = 0;
  for (const line of lines) for (const p of patterns) n += [...line.matchAll(new RegExp(p.source, `${p.flags.replace('g', '')}g`))].length;
  return n;
}

const PATTERN_SETS: readonly (readonly RegExp[])[] = [
  [/(?<![\w.$])(?:it|test)\.(?:only|skip)\s*\(/, /\bthis\.skip\s*\(/],
  // Mixed flags: the alternation takes `i` for all, which only widens it.
  [/eslint-disable/, /#\s*noqa\b/i, /^\s*assert\s+\S/m],
  // A back-reference is renumbered in an alternation (here \2 would become the first pattern's
  // group and match "aba" instead of "abb"): these get no pre-filter.
  [/(x)y/, /(a)(b)\2/],
  [/(?<q>['"])skip\k<q>/, /(?<q>`)only\k<q>/],
];

const line = fc
  .array(
    fc.constantFrom(
      'it',
      '.skip',
      '.only',
      '(',
      ' ',
      'test',
      'this',
      'eslint-disable',
      '# NOQA',
      '#noqa',
      'assert x',
      '\n',
      'ab',
      'abb',
      'xy',
      '"',
      "'",
      '`',
      'skip',
      'only',
      '$',
      'a',
      'x',
    ),
    { maxLength: 12 },
  )
  .map((parts) => parts.join(''));

describe('line counting: the one-pass pre-filter never changes a count', () => {
  it('counts and snippets equal every pattern run on every line', () => {
    fc.assert(
      fc.property(fc.array(line, { maxLength: 20 }), fc.constantFrom(...PATTERN_SETS), (lines, patterns) => {
        assert.equal(countMatches(lines, patterns), naiveCount(lines, patterns));
        const snippets = new Set(
          lines.flatMap((l) => patterns.flatMap((p) => [...l.matchAll(new RegExp(p.source, `${p.flags.replace('g', '')}g`))].map((m) => m[0].trim()))),
        );
        assert.deepEqual(matchedSnippets(lines, patterns, 1000), [...snippets]);
      }),
      { numRuns: 500 },
    );
  });

  it('finds matches of a pattern with a flag the others lack', () => {
    assert.equal(countMatches(['x = 1  # NOQA', 'plain'], PATTERN_SETS[1] ?? []), 1);
    assert.equal(countMatches(['xy', 'abb', 'aba'], PATTERN_SETS[2] ?? []), 2);
  });
});
