import { fail, ok, type Result } from '../result';

/**
 * Globs from a model, a plan or a workspace's settings are attacker input: compiled to a
 * backtracking regular expression (picomatch), `*a*a*a*a*a*a*a*ab` takes 10 s on a 40-character
 * name and `**a` repeated doubles with each copy. This matcher never builds a regular expression:
 * a path is matched segment by segment, and within a segment character by character, each level
 * with the two-pointer wildcard algorithm (a mismatch goes back to the last star only), so one
 * match costs at most (glob length × path length) steps whatever the glob.
 *
 * The dialect: `*` and `?` within a segment, `**` as a whole segment for any number of segments
 * (elsewhere it is `*`), `[abc]`, `[a-z]`, `[!a]` and `[^a]`, `{a,b}` alternatives (nested too),
 * `\` escapes. Extglobs (`+(a)`, `@(a|b)`) and ranges (`{1..3}`) are not globs here: their
 * characters match themselves. Dot files match like any other file.
 */
export const globLimits = {
  /** Characters of one glob. */
  length: 1000,
  /** Alternatives one glob's braces expand to (`{a,b}{c,d}` is 4). */
  alternatives: 256,
} as const;

export interface GlobOptions {
  /** Ignore case (ASCII and Unicode simple case folding, as `toLowerCase` does). */
  nocase?: boolean;
}

type Token = { kind: 'char'; char: string } | { kind: 'any' } | { kind: 'star' } | { kind: 'class'; negated: boolean; ranges: [string, string][] };
type Segment = { kind: 'globstar' } | { kind: 'tokens'; tokens: Token[] };

/** A matcher for slash-separated paths; `Result` because a glob can be over the limits. */
export function compileGlob(glob: string, options: GlobOptions = {}): Result<(path: string) => boolean> {
  if (glob.length > globLimits.length) return fail('E_GLOB', `the glob is ${glob.length} characters, over the limit of ${globLimits.length}`);
  const fold = options.nocase === true ? (s: string) => s.toLowerCase() : (s: string) => s;
  const expanded = expandBraces(fold(glob));
  if (expanded === undefined) return fail('E_GLOB', `the glob's braces expand to more than ${globLimits.alternatives} alternatives`);
  const patterns = expanded.map(parsePath);
  return ok((path) => {
    const segments = fold(path)
      .split('/')
      .filter((s) => s !== '')
      .map((s) => [...s]);
    return patterns.some((pattern) => matchSegments(pattern, segments));
  });
}

/** Matches one path segment (a file name) against a glob without slashes, as `basename` matching does. */
export function segmentGlob(glob: string, options: GlobOptions = {}): Result<(name: string) => boolean> {
  const whole = compileGlob(glob.replace(/\*\*/g, '*'), options);
  return whole.ok ? ok((name) => whole.value(name.slice(name.lastIndexOf('/') + 1))) : whole;
}

function parsePath(glob: string): Segment[] {
  return glob
    .replace(/^(\.\/)+/, '')
    .split('/')
    .filter((s) => s !== '')
    .map((s): Segment => (s === '**' ? { kind: 'globstar' } : { kind: 'tokens', tokens: tokensOf(s) }));
}

function tokensOf(segment: string): Token[] {
  const tokens: Token[] = [];
  for (let i = 0; i < segment.length; i++) {
    const c = segment[i] ?? '';
    if (c === '\\' && i + 1 < segment.length) tokens.push({ kind: 'char', char: segment[++i] ?? '' });
    else if (c === '?') tokens.push({ kind: 'any' });
    else if (c === '*') {
      // `**` inside a segment is `*`; consecutive stars are one.
      if (tokens.at(-1)?.kind !== 'star') tokens.push({ kind: 'star' });
    } else if (c === '[') {
      const parsed = classAt(segment, i);
      if (parsed === undefined) tokens.push({ kind: 'char', char: c });
      else {
        tokens.push(parsed.token);
        i = parsed.end;
      }
    } else tokens.push({ kind: 'char', char: c });
  }
  return tokens;
}

/** `[…]` starting at `start`, or undefined when it does not close (then `[` is literal, as in picomatch). */
function classAt(segment: string, start: number): { token: Token; end: number } | undefined {
  let i = start + 1;
  const negated = segment[i] === '!' || segment[i] === '^';
  if (negated) i++;
  const ranges: [string, string][] = [];
  // A `]` right after the opening (or its negation) is a member, as in every shell.
  for (let first = true; i < segment.length; first = false) {
    let c = segment[i] ?? '';
    if (c === ']' && !first) return { token: { kind: 'class', negated, ranges }, end: i };
    if (c === '\\' && i + 1 < segment.length) c = segment[++i] ?? '';
    if (segment[i + 1] === '-' && i + 2 < segment.length && segment[i + 2] !== ']') {
      ranges.push([c, segment[i + 2] ?? '']);
      i += 3;
    } else {
      ranges.push([c, c]);
      i++;
    }
  }
  return undefined;
}

function matchesToken(token: Token, c: string): boolean {
  switch (token.kind) {
    case 'char':
      return token.char === c;
    case 'any':
      return true;
    case 'star':
      return false;
    case 'class':
      return token.ranges.some(([from, to]) => c >= from && c <= to) !== token.negated;
  }
}

/**
 * The two-pointer wildcard match: on a mismatch, the last star swallows one more item and the
 * match resumes after it. Earlier stars never need revisiting (a later star can absorb anything
 * they could), so the work is at most items × pattern length, with no backtracking tree.
 */
function wildcard<P, T>(pattern: readonly P[], items: readonly T[], isStar: (p: P) => boolean, matches: (p: P, item: T) => boolean): boolean {
  let p = 0;
  let t = 0;
  let starAt = -1;
  let resumeAt = 0;
  while (t < items.length) {
    const current = pattern[p];
    if (current !== undefined && isStar(current)) {
      starAt = p++;
      resumeAt = t;
    } else if (current !== undefined && matches(current, items[t] as T)) {
      p++;
      t++;
    } else if (starAt !== -1) {
      p = starAt + 1;
      t = ++resumeAt;
    } else return false;
  }
  while (p < pattern.length && isStar(pattern[p] as P)) p++;
  return p === pattern.length;
}

function matchSegments(pattern: readonly Segment[], segments: readonly (readonly string[])[]): boolean {
  return wildcard(
    pattern,
    segments,
    (s) => s.kind === 'globstar',
    (s, segment) =>
      s.kind === 'tokens' &&
      wildcard(
        s.tokens,
        segment,
        (t) => t.kind === 'star',
        (t, c) => matchesToken(t, c),
      ),
  );
}

/** `a{b,c{d,e}}` → `ab`, `acd`, `ace`; undefined past the limit. A group without a top-level comma is literal. */
function expandBraces(glob: string): string[] | undefined {
  const open = findGroup(glob);
  if (open === undefined) return [glob];
  const { start, end, parts } = open;
  const head = glob.slice(0, start);
  const tails = expandBraces(glob.slice(end + 1));
  if (tails === undefined) return undefined;
  const out: string[] = [];
  for (const part of parts) {
    const inner = expandBraces(part);
    if (inner === undefined) return undefined;
    for (const middle of inner) {
      for (const tail of tails) {
        if (out.length >= globLimits.alternatives) return undefined;
        out.push(head + middle + tail);
      }
    }
  }
  return out;
}

/** The first brace group with a top-level comma: its bounds and its comma-separated parts. */
function findGroup(glob: string): { start: number; end: number; parts: string[] } | undefined {
  for (let start = 0; start < glob.length; start++) {
    if (glob[start] === '\\') {
      start++;
      continue;
    }
    if (glob[start] !== '{') continue;
    let depth = 0;
    const commas: number[] = [];
    for (let i = start; i < glob.length; i++) {
      const c = glob[i];
      if (c === '\\') i++;
      else if (c === '{') depth++;
      else if (c === ',' && depth === 1) commas.push(i);
      else if (c === '}' && --depth === 0) {
        if (commas.length === 0) break;
        const bounds = [start, ...commas, i];
        return { start, end: i, parts: bounds.slice(1).map((b, k) => glob.slice((bounds[k] ?? 0) + 1, b)) };
      }
    }
  }
  return undefined;
}
