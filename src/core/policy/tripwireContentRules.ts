import { compileGlobs, type GlobSet } from './glob';
import { codeList, countMatches, matchedSnippets } from './lineCounting';
import { findSecrets } from './secrets';
import type { TripwireRule } from './tripwireTypes';

/** Comments and attributes that silence a linter or type checker for some code. */
const SUPPRESSION_PATTERNS: readonly RegExp[] = [
  /eslint-disable/,
  /@ts-(?:ignore|expect-error|nocheck)\b/,
  /tslint:disable/,
  /biome-ignore/,
  /deno-lint-ignore/,
  /#\s*noqa\b/i,
  /#\s*type:\s*ignore\b/,
  /#\s*mypy:\s*ignore-errors/,
  /#\s*pyright:\s*(?:ignore|basic)\b/,
  /#\s*pylint:\s*disable/,
  /#\s*nosec\b/,
  /\/\/\s*nolint\b/,
  /\bNOLINT(?:NEXTLINE)?\b/,
  /#!?\[allow\(/,
  /@SuppressWarnings\b/,
  /#pragma\s+warning\s+disable/,
  /rubocop:disable/,
  /@phpstan-ignore/,
  /@psalm-suppress/,
];

export const CONTENT_RULES: readonly TripwireRule[] = [
  {
    id: 'suppression-added',
    title: 'Lint or type suppression added',
    reason: 'A suppression hides the error instead of fixing it.',
    test: (input) =>
      countMatches(input.addedLines, SUPPRESSION_PATTERNS) > countMatches(input.removedLines, SUPPRESSION_PATTERNS)
        ? `added ${codeList(matchedSnippets(input.addedLines, SUPPRESSION_PATTERNS))}`
        : undefined,
  },
  {
    id: 'secret-added',
    title: 'Secret-looking string added',
    reason: 'Credentials must not be committed; this looks like one.',
    test: (input) => {
      // Kinds only: the evidence is shown in the review and must not repeat the secret.
      const kinds = new Set(findSecrets(input.addedLines.join('\n')).map((f) => f.kind));
      return kinds.size > 0 ? `looks like: ${[...kinds].join(', ')}` : undefined;
    },
  },
  {
    id: 'outside-context',
    title: "Outside the plan's Context",
    reason: "The plan's Context does not list this file; the change may exceed what was approved.",
    test: (input, ctx) => {
      const context = ctx.planContextPaths ?? [];
      if (context.length === 0) return undefined;
      const outside = [input.path, input.oldPath].filter((p): p is string => p !== undefined && !inContext(p, context));
      return outside.length > 0 ? `not in Context: ${outside.join(', ')}` : undefined;
    },
  },
  {
    id: 'large-deletion',
    title: 'Large deletion',
    reason: 'Removing many lines at once deserves a careful look.',
    test: (input, ctx) => {
      const net = input.removedLines.length - input.addedLines.length;
      return net > ctx.deletionThreshold ? `${net} lines removed (threshold ${ctx.deletionThreshold})` : undefined;
    },
  },
];

/**
 * Context entries are files (`src/a.ts`), folders (`src/`, `src`) or globs (`src/**\/*.ts`), all
 * workspace-relative. Matching is case-sensitive and anchored at the root: Context is the
 * user's approval, so it is read literally (unlike deny lists, which err on the safe side).
 */
function inContext(path: string, context: readonly string[]): boolean {
  return context.some((entry) => {
    const clean = entry.trim().replace(/^\.\//, '').replace(/\/+$/, '');
    if (clean === '') return false;
    if (path === clean || path.startsWith(`${clean}/`)) return true;
    return contextGlob(clean).matches(path);
  });
}

// The rule runs once per hunk: compiling an entry's glob each time dominated a large diff.
const contextGlobs = new Map<string, GlobSet>();
const MAX_CONTEXT_GLOBS = 500;

function contextGlob(clean: string): GlobSet {
  let set = contextGlobs.get(clean);
  if (set === undefined) {
    if (contextGlobs.size >= MAX_CONTEXT_GLOBS) contextGlobs.clear();
    contextGlobs.set(clean, (set = compileGlobs([`/${clean}`], { caseSensitive: true })));
  }
  return set;
}
