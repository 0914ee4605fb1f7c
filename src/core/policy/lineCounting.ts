/**
 * Counting helpers for line-based tripwires. Rules compare occurrences on the removed side
 * with the added side, so moving or reformatting a line is not a change in meaning: only a net
 * gain of `.skip` or a net loss of `it(` trips.
 */
export function countMatches(lines: readonly string[], patterns: readonly RegExp[]): number {
  let n = 0;
  for (const line of lines) {
    for (const pattern of patterns) n += (line.match(globalCopy(pattern)) ?? []).length;
  }
  return n;
}

/** The distinct matched snippets, for evidence ("added: it.only(, xit(") — never whole lines. */
export function matchedSnippets(lines: readonly string[], patterns: readonly RegExp[], limit = 3): string[] {
  const seen = new Set<string>();
  for (const line of lines) {
    for (const pattern of patterns) {
      for (const m of line.matchAll(globalCopy(pattern))) seen.add(m[0].trim());
    }
  }
  return [...seen].slice(0, limit);
}

// One copy per pattern: building a RegExp per line made tripwires the slowest part of a large diff.
const globalCopies = new WeakMap<RegExp, RegExp>();

function globalCopy(pattern: RegExp): RegExp {
  if (pattern.flags.includes('g')) return pattern;
  let copy = globalCopies.get(pattern);
  if (copy === undefined) globalCopies.set(pattern, (copy = new RegExp(pattern.source, `${pattern.flags}g`)));
  return copy;
}
