import * as vm from 'node:vm';
import type { LineMatcher, SearchPort } from '../../core/agent/ports';
import { fail, ok, type Result } from '../../core/result';

/** How long the regular expression of one search may run in total, over all its files. */
export const DEFAULT_REGEX_BUDGET_MS = 500;

/**
 * Runs the matching loop of a compiled pattern; its inputs are set on the context before each run.
 * The loop runs inside the context so the `timeout` of `runInContext` covers the regex itself: V8
 * interrupts a backtracking match there, which no check in our own code could do.
 */
const SCAN = new vm.Script('out = []; for (let i = 0; i < lines.length && out.length < limit; i++) { if (re.test(lines[i])) out.push(i); }', {
  filename: 'redline-search.vm',
});

/**
 * search_text's patterns with a hard time limit: a literal is a plain substring test (it cannot
 * backtrack), a regular expression runs in a `vm` context under a time budget shared by every
 * `match` of one compiled pattern. Past the budget the search fails with a message that names
 * the pattern as the problem, and the extension host stays responsive.
 */
export function timedSearch(budgetMs: number = DEFAULT_REGEX_BUDGET_MS): SearchPort {
  return {
    compile: (pattern, isRegex, options = {}) =>
      isRegex ? compileRegex(pattern, budgetMs, options.ignoreCase === true) : ok(literal(pattern, options.ignoreCase === true)),
  };
}

function literal(pattern: string, ignoreCase: boolean): LineMatcher {
  const needle = ignoreCase ? pattern.toLowerCase() : pattern;
  return {
    match: (lines, limit) => {
      const out: number[] = [];
      for (let i = 0; i < lines.length && out.length < limit; i++) {
        const line = lines[i] ?? '';
        if ((ignoreCase ? line.toLowerCase() : line).includes(needle)) out.push(i);
      }
      return ok(out);
    },
  };
}

function compileRegex(pattern: string, budgetMs: number, ignoreCase: boolean): Result<LineMatcher> {
  const context = vm.createContext({ pattern, flags: ignoreCase ? 'i' : '', re: undefined, lines: [], limit: 0, out: [] });
  try {
    // No time limit here: parsing a pattern does not backtrack, and a limit only makes a busy
    // machine report a valid pattern as invalid. The budget is for matching.
    vm.runInContext('re = new RegExp(pattern, flags)', context);
  } catch (error) {
    return fail('E_REGEX', `invalid regular expression: ${error instanceof Error ? error.message : String(error)}`);
  }
  let spent = 0;
  return ok({
    match: (lines, limit) => {
      const left = budgetMs - spent;
      if (left <= 0) return overBudget(pattern, budgetMs);
      context.lines = lines;
      context.limit = limit;
      const started = performance.now();
      try {
        SCAN.runInContext(context, { timeout: Math.max(1, Math.ceil(left)) });
      } catch (error) {
        if ((error as { code?: unknown }).code === 'ERR_SCRIPT_EXECUTION_TIMEOUT') return overBudget(pattern, budgetMs);
        return fail('E_REGEX', `the regular expression failed: ${error instanceof Error ? error.message : String(error)}`);
      } finally {
        spent += performance.now() - started;
        context.lines = [];
      }
      // The array was made in the context's realm: copy it into ours.
      return ok(Array.from(context.out as number[]));
    },
  });
}

function overBudget(pattern: string, budgetMs: number): Result<number[]> {
  return fail(
    'E_REGEX_TIMEOUT',
    `the regular expression ${JSON.stringify(pattern.length > 200 ? `${pattern.slice(0, 200)}…` : pattern)} ran longer than its ${budgetMs} ms limit and was stopped (catastrophic backtracking, e.g. a nested quantifier like (a+)+); use a simpler pattern or a literal search`,
  );
}
