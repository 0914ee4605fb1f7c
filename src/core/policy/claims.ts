import { extractPathTokens, tokenNamesPath } from './claimPaths';

export interface CheckRun {
  readonly command: string;
  /** null when the check never finished (killed, timed out). */
  readonly exitCode: number | null;
}

export type ClaimMismatchKind = 'claimed-but-unchanged' | 'changed-but-unmentioned' | 'unverified-claim' | 'contradicted-claim';

export interface ClaimMismatch {
  readonly kind: ClaimMismatchKind;
  /** The path, or the claim's wording as the agent wrote it. */
  readonly subject: string;
  readonly message: string;
}

type ClaimCategory = 'tests' | 'coverage' | 'lint' | 'typecheck' | 'build';

/** Phrases that assert success, per kind of check. Sentences with a negation are not claims. */
const SUCCESS_CLAIMS: readonly { category: ClaimCategory; pattern: RegExp }[] = [
  {
    category: 'coverage',
    pattern: /\b(?:100\s*%|full|complete)\s+(?:test\s+|code\s+|line\s+|branch\s+)?coverage\b|\bcoverage\b[^.\n]{0,20}?\b\d{2,3}(?:\.\d+)?\s*%/i,
  },
  { category: 'tests', pattern: /\b(?:tests?|test suite|specs?)\b[^.\n]{0,30}?\b(?:pass(?:es|ed|ing)?|green|succeed(?:s|ed)?)\b/i },
  { category: 'lint', pattern: /\blint(?:ing|er)?\b[^.\n]{0,20}?\b(?:pass(?:es|ed|ing)?|clean|green)\b|\bno\s+lint(?:ing)?\s+(?:errors|warnings)\b/i },
  {
    category: 'typecheck',
    pattern:
      /\b(?:type[- ]?checks?|type[- ]?checking|tsc|mypy|pyright)\b[^.\n]{0,20}?\b(?:pass(?:es|ed)?|clean|green)\b|\bno\s+type\s+errors\b|\bcompiles\s+(?:cleanly|without\s+errors)\b/i,
  },
  { category: 'build', pattern: /\bbuild\b[^.\n]{0,20}?\b(?:pass(?:es|ed)?|succeed(?:s|ed)?|green|works)\b/i },
];

/** Which checks can back which claim: the command must name that kind of work. */
const CHECK_KINDS: Record<ClaimCategory, RegExp> = {
  tests: /\b(?:test|tests|spec|jest|mocha|vitest|pytest|ava|tap|karma|jasmine|ctest|rspec|phpunit|unittest|nose2?)\b|\bnpm\s+t\b/i,
  coverage: /cov|coverage|nyc|\bc8\b|istanbul/i,
  lint: /lint|ruff|flake8|golangci|clippy|rubocop|biome/i,
  typecheck: /\btsc\b|type-?check|mypy|pyright|\bcargo\s+check\b|\bgo\s+vet\b/i,
  build: /build|compile|\btsc\b|\bmake\b|esbuild|webpack/i,
};

const CHANGE_VERB =
  /\b(?:add(?:ed|s)?|creat(?:ed|es?)|chang(?:ed|es?)|modif(?:ied|ies|y)|updat(?:ed|es?)|edit(?:ed|s)?|fix(?:ed|es)?|remov(?:ed|es?)|delet(?:ed|es?)|renam(?:ed|es?)|refactor(?:ed|s)?|rewr(?:ote|ite|itten)|implement(?:ed|s)?|mov(?:ed|es?)|touch(?:ed|es)?|wrote|introduc(?:ed|es?)|replac(?:ed|es?)|extract(?:ed|s)?)\b/i;
const NEGATION = /\b(?:not|never|without|unchanged|untouched|didn't|did\s+not|couldn't|could\s+not|won't|can't|cannot|yet\s+to|unable|left\s+as)\b|n't\b/i;
const CHANGE_HEADING = /^#{1,6}\s.*\b(?:changes|changed|files|modified|updated)\b/i;
const BULLET = /^\s*(?:[-*+]|\d+[.)])\s+/;

/**
 * Compares an agent's final summary with the changeset and the run's checks (issue 10,
 * "Claims against the diff"). Deterministic heuristics:
 * - A file is *claimed* when it is named in a sentence with a change verb and no negation, or in
 *   a bullet under a heading or a lead-in line about changes ("Files changed:").
 * - A changed file is *mentioned* when any path token anywhere names it (folder or basename too).
 * - A success claim ("all tests pass", "100% coverage") is backed only by the last check of that
 *   kind in the run (by its command's wording) having exit code 0; a failing last check
 *   contradicts it, no such check leaves it unverified.
 */
export function checkClaims(summaryText: string, changedPaths: readonly string[], checks: readonly CheckRun[]): ClaimMismatch[] {
  const out: ClaimMismatch[] = [];
  const claimed = new Map<string, string>();
  for (const sentence of claimSentences(summaryText)) {
    for (const token of extractPathTokens(sentence)) claimed.set(token.text, token.text);
  }
  for (const token of claimed.keys()) {
    if (!changedPaths.some((p) => tokenNamesPath(token, p))) {
      out.push({ kind: 'claimed-but-unchanged', subject: token, message: `The summary says ${token} was changed, but the changeset does not touch it.` });
    }
  }
  const mentioned = extractPathTokens(summaryText).map((t) => t.text);
  for (const path of changedPaths) {
    if (!mentioned.some((t) => tokenNamesPath(t, path))) {
      out.push({ kind: 'changed-but-unmentioned', subject: path, message: `${path} was changed, but the summary does not mention it.` });
    }
  }
  out.push(...successClaimMismatches(summaryText, checks));
  return out;
}

/** Sentences and bullet lines that assert a change. */
function claimSentences(text: string): string[] {
  const out: string[] = [];
  let inChangeList = false;
  for (const line of text.split(/\r?\n/)) {
    if (BULLET.test(line) && inChangeList) {
      if (!NEGATION.test(line)) out.push(line);
      continue;
    }
    const trimmed = line.trim();
    inChangeList = CHANGE_HEADING.test(trimmed) || (trimmed.endsWith(':') && CHANGE_VERB.test(trimmed) && !NEGATION.test(trimmed));
    if (BULLET.test(line) && !inChangeList && CHANGE_VERB.test(line) && !NEGATION.test(line)) {
      out.push(line);
      continue;
    }
    for (const sentence of line.split(/(?<=[.!?])\s+/)) {
      if (CHANGE_VERB.test(sentence) && !NEGATION.test(sentence)) out.push(sentence);
    }
  }
  return out;
}

function successClaimMismatches(text: string, checks: readonly CheckRun[]): ClaimMismatch[] {
  const out: ClaimMismatch[] = [];
  const seen = new Set<ClaimCategory>();
  for (const sentence of text.split(/(?<=[.!?])\s+|\r?\n/)) {
    if (NEGATION.test(sentence)) continue;
    for (const { category, pattern } of SUCCESS_CLAIMS) {
      const match = pattern.exec(sentence);
      if (match === null || seen.has(category)) continue;
      seen.add(category);
      const relevant = checks.filter((c) => CHECK_KINDS[category].test(c.command));
      const last = relevant[relevant.length - 1];
      const claim = match[0];
      if (last === undefined) {
        out.push({ kind: 'unverified-claim', subject: claim, message: `"${claim}" is claimed, but no ${category} check ran.` });
      } else if (last.exitCode !== 0) {
        const result = last.exitCode === null ? 'did not finish' : `exited with ${last.exitCode}`;
        out.push({ kind: 'contradicted-claim', subject: claim, message: `"${claim}" is claimed, but \`${last.command}\` ${result}.` });
      }
    }
  }
  return out;
}
