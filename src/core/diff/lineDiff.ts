import { diffArrays } from 'diff';
import { histogramDiff } from './histogram';
import { internTexts } from './internText';

/** One run of a line diff: `count` lines kept, removed from old, or added from new. */
export interface LineRun {
  readonly kind: 'equal' | 'removed' | 'added';
  readonly count: number;
}

export interface LineDiffOptions {
  /**
   * 'histogram' is git's histogram diff (ours, linear in practice); 'myers' the `diff` package
   * between unique anchors. 'auto' (the default) takes histogram above `HISTOGRAM_ABOVE` lines.
   */
  readonly algorithm?: 'auto' | 'histogram' | 'myers';
  /**
   * Milliseconds one Myers pass may take before that gap is reported as a plain replacement.
   * The diff stays correct (applying it still gives the new text), only less minimal.
   */
  readonly timeoutMs?: number;
}

const DEFAULT_TIMEOUT_MS = 5000;

/**
 * Old plus new lines above which the histogram diff runs. Below it the `diff` package is as fast
 * and its hunks are the ones the fixtures pin against `git diff`'s default (Myers) output.
 */
export const HISTOGRAM_ABOVE = 2000;

/**
 * A line diff that keeps every line exact (lines are compared with their terminators) and stays
 * fast on large files. Lines are interned to integers first.
 * - Large inputs: git's histogram diff (`histogram.ts`), near-linear, with hunks the size of
 *   `git diff --histogram`'s. `diff`'s Myers is O((N+M)·D) and took tens of seconds on 100,000
 *   lines with 10% changed (Performance issue).
 * - Small inputs: as git's patience diff does, lines that occur exactly once on each side and in
 *   the same order are matched first, and `diff`'s Myers (`diffArrays`) runs on the gaps.
 * Within a run of removed and added lines, removed lines come first.
 */
export function diffLineArrays(oldLines: readonly string[], newLines: readonly string[], options: LineDiffOptions = {}): LineRun[] {
  const { a, b, valueCount } = internLines(oldLines, newLines);
  return diffIds(a, b, valueCount, options);
}

/** `diffLineArrays(splitLines(oldText), splitLines(newText))`, with the lines interned in place. */
export function diffTexts(oldText: string, newText: string, options: LineDiffOptions = {}): { runs: LineRun[]; aStarts: Int32Array; bStarts: Int32Array } {
  const { a, b, valueCount, aStarts, bStarts } = internTexts(oldText, newText);
  return { runs: diffIds(a, b, valueCount, options), aStarts, bStarts };
}

function diffIds(a: Int32Array, b: Int32Array, valueCount: number, options: LineDiffOptions): LineRun[] {
  const algorithm = options.algorithm ?? 'auto';
  if (algorithm === 'histogram' || (algorithm === 'auto' && a.length + b.length > HISTOGRAM_ABOVE)) {
    const changedA = new Uint8Array(a.length);
    const changedB = new Uint8Array(b.length);
    histogramDiff(a, b, changedA, changedB, valueCount);
    return runsFromFlags(changedA, changedB);
  }
  const runs = new RunBuilder();
  const timeout = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  // The common ends first, as git's xdiff trims them: an agent's edit of a file changes a few
  // lines, and the anchors and their gaps are then built for those alone.
  let pre = 0;
  while (pre < a.length && pre < b.length && a[pre] === b[pre]) pre++;
  let suf = 0;
  while (suf < a.length - pre && suf < b.length - pre && a[a.length - 1 - suf] === b[b.length - 1 - suf]) suf++;
  runs.push('equal', pre);
  const aa = Array.from(a.subarray(pre, a.length - suf));
  const bb = Array.from(b.subarray(pre, b.length - suf));
  let ai = 0;
  let bi = 0;
  for (const [ao, bo] of uniqueAnchors(aa, bb)) {
    diffGap(aa.slice(ai, ao), bb.slice(bi, bo), runs, timeout);
    runs.push('equal', 1);
    ai = ao + 1;
    bi = bo + 1;
  }
  diffGap(aa.slice(ai), bb.slice(bi), runs, timeout);
  runs.push('equal', suf);
  runs.finish();
  return runs.runs;
}

/** Equal lines get equal integers, so the diffs compare numbers, never strings. */
function internLines(oldLines: readonly string[], newLines: readonly string[]): { a: Int32Array; b: Int32Array; valueCount: number } {
  const ids = new Map<string, number>();
  const intern = (lines: readonly string[]): Int32Array => {
    const out = new Int32Array(lines.length);
    for (let i = 0; i < lines.length; i++) {
      const line = lines[i] as string;
      let id = ids.get(line);
      if (id === undefined) {
        id = ids.size;
        ids.set(line, id);
      }
      out[i] = id;
    }
    return out;
  };
  const a = intern(oldLines);
  const b = intern(newLines);
  return { a, b, valueCount: ids.size };
}

/** Runs from per-line change marks; the unchanged lines of both sides pair up in order. */
function runsFromFlags(changedA: Uint8Array, changedB: Uint8Array): LineRun[] {
  const runs: LineRun[] = [];
  let i = 0;
  let j = 0;
  while (i < changedA.length || j < changedB.length) {
    const i0 = i;
    while (i < changedA.length && j < changedB.length && changedA[i] === 0 && changedB[j] === 0) {
      i++;
      j++;
    }
    if (i > i0) runs.push({ kind: 'equal', count: i - i0 });
    const r0 = i;
    while (i < changedA.length && changedA[i] === 1) i++;
    if (i > r0) runs.push({ kind: 'removed', count: i - r0 });
    const a0 = j;
    while (j < changedB.length && changedB[j] === 1) j++;
    if (j > a0) runs.push({ kind: 'added', count: j - a0 });
    // A bug, not bad input: the unchanged lines of the two sides must pair up.
    if (i === i0 && j === a0) throw new Error('line diff: unchanged lines of the two sides do not pair up');
  }
  return runs;
}

class RunBuilder {
  readonly runs: LineRun[] = [];
  private pendingAdded = 0;

  push(kind: LineRun['kind'], count: number): void {
    if (count === 0) return;
    if (kind === 'added') {
      this.pendingAdded += count;
      return;
    }
    if (kind === 'equal') this.flushAdded();
    this.append(kind, count);
  }

  private flushAdded(): void {
    if (this.pendingAdded > 0) this.append('added', this.pendingAdded);
    this.pendingAdded = 0;
  }

  private append(kind: LineRun['kind'], count: number): void {
    const last = this.runs[this.runs.length - 1];
    if (last !== undefined && last.kind === kind) this.runs[this.runs.length - 1] = { kind, count: last.count + count };
    else this.runs.push({ kind, count });
  }

  finish(): void {
    this.flushAdded();
  }
}

function diffGap(a: number[], b: number[], runs: RunBuilder, timeout: number): void {
  // Common prefix and suffix first: cheap, and it keeps Myers' work to the real change.
  let pre = 0;
  while (pre < a.length && pre < b.length && a[pre] === b[pre]) pre++;
  let suf = 0;
  while (suf < a.length - pre && suf < b.length - pre && a[a.length - 1 - suf] === b[b.length - 1 - suf]) suf++;
  runs.push('equal', pre);
  const midA = a.slice(pre, a.length - suf);
  const midB = b.slice(pre, b.length - suf);
  if (midA.length === 0 || midB.length === 0) {
    runs.push('removed', midA.length);
    runs.push('added', midB.length);
  } else {
    const changes = diffArrays(midA, midB, { timeout });
    if (changes === undefined) {
      runs.push('removed', midA.length);
      runs.push('added', midB.length);
    } else {
      for (const c of changes) runs.push(c.added ? 'added' : c.removed ? 'removed' : 'equal', c.count);
    }
  }
  runs.push('equal', suf);
  runs.finish();
}

/** Pairs (oldIndex, newIndex) of lines unique on both sides, longest increasing subsequence. */
function uniqueAnchors(a: readonly number[], b: readonly number[]): Array<[number, number]> {
  const countA = new Map<number, number>();
  const posA = new Map<number, number>();
  a.forEach((id, i) => {
    countA.set(id, (countA.get(id) ?? 0) + 1);
    posA.set(id, i);
  });
  const countB = new Map<number, number>();
  for (const id of b) countB.set(id, (countB.get(id) ?? 0) + 1);
  const pairs: Array<[number, number]> = [];
  b.forEach((id, j) => {
    if (countA.get(id) === 1 && countB.get(id) === 1) pairs.push([posA.get(id) ?? 0, j]);
  });
  return longestIncreasing(pairs);
}

/** Patience LIS over the old index of pairs already sorted by new index. O(n log n). */
function longestIncreasing(pairs: Array<[number, number]>): Array<[number, number]> {
  const tails: number[] = [];
  const prev: number[] = new Array<number>(pairs.length).fill(-1);
  pairs.forEach(([ai], k) => {
    let lo = 0;
    let hi = tails.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((pairs[tails[mid] ?? 0]?.[0] ?? 0) < ai) lo = mid + 1;
      else hi = mid;
    }
    if (lo > 0) prev[k] = tails[lo - 1] ?? -1;
    tails[lo] = k;
  });
  const out: Array<[number, number]> = [];
  for (let k = tails[tails.length - 1] ?? -1; k !== -1; k = prev[k] ?? -1) {
    const p = pairs[k];
    if (p !== undefined) out.push(p);
  }
  return out.reverse();
}
