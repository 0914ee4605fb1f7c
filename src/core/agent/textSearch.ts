import { compileGlob, segmentGlob } from '../policy/globMatch';
import { ok, type Result } from '../result';

/** A text search over the workspace, as the search tool asks for it. */
export interface TextSearchQuery {
  pattern: string;
  isRegex: boolean;
  ignoreCase: boolean;
  /** Only files matching this glob (see `toolGlob`). */
  glob?: string;
  /** Lines of context before and after each matching line. */
  context: number;
  /** Stop once this many matching lines are found: the result is then cut `by: 'hits'`. */
  maxHits: number;
  /** Paths not to search on disk: the caller searches its own text of them (proposals). */
  skip: ReadonlySet<string>;
}

/** One line of a file's result: a match, or context around one. Line numbers are 1-based. */
export interface SearchLine {
  line: number;
  text: string;
  match: boolean;
}

export interface FileMatches {
  path: string;
  /** Matching lines in this file. */
  matches: number;
  /** Matching and context lines, in line order, without duplicates. */
  lines: SearchLine[];
}

/** Why a result is partial: never silent, the tool result says it. */
export interface SearchCut {
  by: 'hits' | 'files' | 'time';
  /** The limit that was reached: hits, files, or milliseconds. */
  limit: number;
}

export interface TextSearchResult {
  files: FileMatches[];
  cut?: SearchCut;
}

export interface FileQuery {
  glob: string;
  /** Most paths to return: the result is then cut `by: 'files'`. */
  limit: number;
  sort: 'path' | 'mtime';
}

export interface FoundFiles {
  paths: string[];
  cut?: SearchCut;
}

/** The matcher a compiled pattern gives: indexes of matching lines (see LineMatcher). */
interface Matcher {
  match(lines: readonly string[], limit: number): Result<number[]>;
}

/**
 * A glob as a model writes it for the search tools, with ripgrep's (gitignore's) anchoring: a glob
 * without a slash (`*.ts`) matches a file name at any depth, one with a slash (`src/**\/*.ts`) is
 * anchored at the folder root. The disk search and the proposals are filtered by the same rule,
 * in linear time whatever the glob (globMatch.ts); a glob over its limits is an error.
 */
export function compileToolGlob(glob: string): Result<(relativePath: string) => boolean> {
  const trimmed = glob.replace(/^\/+/, '');
  return trimmed.includes('/') ? compileGlob(trimmed) : segmentGlob(trimmed);
}

/** `compileToolGlob` for the adapters: the tools refuse a glob that does not compile before any search, so here it matches nothing. */
export function toolGlob(glob: string): (relativePath: string) => boolean {
  const compiled = compileToolGlob(glob);
  return compiled.ok ? compiled.value : () => false;
}

/**
 * Searches one text (a proposal, or an open document's unsaved text) the way the disk is searched:
 * at most `maxHits` matching lines, with `context` lines around each. Undefined when nothing matches.
 */
export function searchInText(matcher: Matcher, path: string, text: string, context: number, maxHits: number): Result<FileMatches | undefined> {
  const lines = text.split('\n').map((line) => (line.endsWith('\r') ? line.slice(0, -1) : line));
  // A final newline ends the last line; it does not start an empty one.
  if (lines.length > 1 && lines[lines.length - 1] === '') lines.pop();
  const matched = matcher.match(lines, maxHits);
  if (!matched.ok) return matched;
  if (matched.value.length === 0) return ok(undefined);
  const hits = new Set(matched.value);
  const shown = new Set<number>();
  for (const i of matched.value) {
    for (let j = Math.max(0, i - context); j <= Math.min(lines.length - 1, i + context); j++) shown.add(j);
  }
  const out = [...shown].sort((a, b) => a - b).map((i) => ({ line: i + 1, text: lines[i] ?? '', match: hits.has(i) }));
  return ok({ path, matches: matched.value.length, lines: out });
}

/** Caps a merged result at `maxHits` matching lines, keeping the context of the lines kept. */
export function capHits(files: readonly FileMatches[], maxHits: number): { files: FileMatches[]; cut: boolean } {
  const out: FileMatches[] = [];
  let left = maxHits;
  for (const file of files) {
    if (left <= 0) return { files: out, cut: true };
    if (file.matches <= left) {
      out.push(file);
      left -= file.matches;
      continue;
    }
    const lastKept = file.lines.filter((l) => l.match)[left - 1]?.line ?? 0;
    const end = lastKept + contextAfter(file, lastKept);
    out.push({ path: file.path, matches: left, lines: file.lines.filter((l) => l.line <= end) });
    return { files: out, cut: true };
  }
  return { files: out, cut: false };
}

/** How many context lines follow `line` in a file's result before the next match or a gap. */
function contextAfter(file: FileMatches, line: number): number {
  let n = 0;
  for (const l of file.lines) {
    if (l.line <= line) continue;
    if (l.match || l.line !== line + n + 1) break;
    n++;
  }
  return n;
}
