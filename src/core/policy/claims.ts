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
      const claim = claimWording(sentence, match.index, match[0].length);
      if (last === undefined) {
        out.push({ kind: 'unverified-claim', subject: claim, message: `${quoted(claim)} is claimed, but no ${category} check ran.` });
      } else if (last.exitCode !== 0) {
        const result = last.exitCode === null ? 'did not finish' : `exited with ${last.exitCode}`;
        out.push({ kind: 'contradicted-claim', subject: claim, message: `${quoted(claim)} is claimed, but ${asCode(last.command)} ${result}.` });
      }
    }
  }
  return out;
}

/**
 * The agent's words of a claim, never cut inside a quotation: a match that starts or ends inside
 * a `code` span or a "quoted" stretch of the sentence grows to take the whole of it ("`npm test`
 * passes", not "test` passes"). A quotation mark left without a partner in the sentence is dropped.
 */
export function claimWording(sentence: string, start: number, length: number): string {
  let from = start;
  let to = start + length;
  for (const mark of ['`', '"']) {
    for (const [open, close] of pairsOf(sentence, mark)) {
      if (open < from && close >= from) from = open;
      if (open < to && close >= to) to = close + 1;
    }
  }
  let words = sentence.slice(from, to).trim();
  for (const mark of ['`', '"']) if (count(words, mark) % 2 === 1) words = words.split(mark).join('');
  // A claim the agent put in quotation marks of its own is quoted once, not twice.
  if (/^"[^"]*"$/.test(words)) words = words.slice(1, -1);
  return words;
}

/** The [open, close] offsets of each pair of `mark` in `text`, in order. */
function pairsOf(text: string, mark: string): [number, number][] {
  const at: number[] = [];
  for (let i = text.indexOf(mark); i >= 0; i = text.indexOf(mark, i + 1)) at.push(i);
  const pairs: [number, number][] = [];
  for (let i = 0; i + 1 < at.length; i += 2) pairs.push([at[i] as number, at[i + 1] as number]);
  return pairs;
}

function count(text: string, mark: string): number {
  return text.split(mark).length - 1;
}

/** The claim in quotation marks that its own words cannot unbalance. */
function quoted(claim: string): string {
  return claim.includes('"') ? `“${claim}”` : `"${claim}"`;
}

/** A command shown as code, unless a backtick of its own would break the span. */
function asCode(command: string): string {
  return command.includes('`') ? `“${command}”` : `\`${command}\``;
}
