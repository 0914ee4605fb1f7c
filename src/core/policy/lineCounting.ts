/**
 * Counting helpers for line-based tripwires. Rules compare occurrences on the removed side
 * with the added side, so moving or reformatting a line is not a change in meaning: only a net
 * gain of `.skip` or a net loss of `it(` trips.
 */
export function countMatches(lines: readonly string[], patterns: readonly RegExp[]): number {
  const any = anyOf(patterns);
  let n = 0;
  for (const line of lines) {
    if (!any.test(line)) continue;
    for (const pattern of patterns) n += (line.match(globalCopy(pattern)) ?? []).length;
  }
  return n;
}

/** The distinct matched snippets, for evidence ("added: it.only(, xit(") — never whole lines. */
export function matchedSnippets(lines: readonly string[], patterns: readonly RegExp[], limit = 3): string[] {
  const seen = new Set<string>();
  const any = anyOf(patterns);
  for (const line of lines) {
    if (!any.test(line)) continue;
    for (const pattern of patterns) {
      for (const m of line.matchAll(globalCopy(pattern))) seen.add(m[0].trim());
    }
  }
  return [...seen].slice(0, limit);
}

/** Snippets as evidence shows them: each a code span ("`it.only(`, `xit(`"), so a `(` reads as code. */
export function codeList(snippets: readonly string[]): string {
  return snippets.map((s) => (s.includes('`') ? s : `\`${s}\``)).join(', ');
}

// One copy per pattern: building a RegExp per line made tripwires the slowest part of a large diff.
const globalCopies = new WeakMap<RegExp, RegExp>();

function globalCopy(pattern: RegExp): RegExp {
  if (pattern.flags.includes('g')) return pattern;
  let copy = globalCopies.get(pattern);
  if (copy === undefined) globalCopies.set(pattern, (copy = new RegExp(pattern.source, `${pattern.flags}g`)));
  return copy;
}

// Most changed lines match none of a rule's patterns: one test of the alternation rules them out
// before each pattern is run on its own. The alternation must match wherever any pattern does:
// `i`, `m` and `s` only widen it, so their union is taken; a pattern with other flags or with a
// numbered back-reference (renumbered by the alternation) gets no pre-filter.
const alternations = new WeakMap<readonly RegExp[], RegExp>();
const MATCH_ALL = /[^]|^$/;

function anyOf(patterns: readonly RegExp[]): RegExp {
  let any = alternations.get(patterns);
  if (any === undefined) {
    any = alternation(patterns);
    alternations.set(patterns, any);
  }
  return any;
}

function alternation(patterns: readonly RegExp[]): RegExp {
  const simple = patterns.every((p) => /^[gims]*$/.test(p.flags) && !/\\[1-9]/.test(p.source));
  if (!simple || patterns.length === 0) return MATCH_ALL;
  const flags = [...new Set(patterns.flatMap((p) => [...p.flags].filter((f) => f !== 'g')))].join('');
  try {
    return new RegExp(patterns.map((p) => `(?:${p.source})`).join('|'), flags);
  } catch {
    return MATCH_ALL; // e.g. the same group name in two patterns
  }
}
