import { myersDiff } from './myers';

/**
 * git's histogram diff (xdiff/xhistogram.c) over lines interned to integers. It marks lines as
 * changed in `changedA` / `changedB` (like xdiff's `rchg`) and follows git's choices step by
 * step, so its hunks are the ones `git diff --histogram` shows:
 * - in a range, the longest common region is grown around the rarest lines of A that also occur
 *   in B (at most 64 occurrences), and the ranges left and right of it are diffed the same way;
 * - a range with common lines that are all too frequent falls back to a Myers diff (linear space);
 * - a range with no common line at all is a plain replacement.
 * Ranges are kept on an explicit stack: recursing once per region would overflow on large files.
 * Values in `a` and `b` must lie in [0, valueCount).
 */
export function histogramDiff(a: Int32Array, b: Int32Array, changedA: Uint8Array, changedB: Uint8Array, valueCount: number): void {
  const index = new HistogramIndex(a, b, valueCount);
  const stack: number[] = [0, a.length, 0, b.length];
  while (stack.length > 0) {
    const count2 = stack.pop() as number;
    const line2 = stack.pop() as number;
    const count1 = stack.pop() as number;
    const line1 = stack.pop() as number;
    if (count1 === 0 || count2 === 0) {
      changedA.fill(1, line1, line1 + count1);
      changedB.fill(1, line2, line2 + count2);
      continue;
    }
    const lcs = index.findLcs(line1, count1, line2, count2);
    if (lcs === 'fallback') {
      myersDiff(a, b, line1, line1 + count1, line2, line2 + count2, changedA, changedB);
    } else if (lcs === undefined) {
      changedA.fill(1, line1, line1 + count1);
      changedB.fill(1, line2, line2 + count2);
    } else {
      stack.push(line1, lcs.begin1 - line1, line2, lcs.begin2 - line2);
      stack.push(lcs.end1 + 1, line1 + count1 - lcs.end1 - 1, lcs.end2 + 1, line2 + count2 - lcs.end2 - 1);
    }
  }
}

/** git's limit on how often a line may occur in A and still seed a common region. */
const MAX_CHAIN_LENGTH = 64;

interface Region {
  begin1: number;
  end1: number;
  begin2: number;
  end2: number;
}

/**
 * The per-range index of A: for each value its first position and occurrence count, and for each
 * position the next one with the same value. Tables are allocated once; a generation stamp
 * empties them between ranges without clearing.
 */
class HistogramIndex {
  private readonly head: Int32Array;
  private readonly count: Int32Array;
  private readonly stamp: Int32Array;
  private readonly next: Int32Array;
  private generation = 0;
  // The state of one findLcs call, fields rather than closures so the hot loop stays monomorphic.
  private best = 0;
  private hasCommon = false;
  private readonly lcs: Region = { begin1: -1, end1: -1, begin2: -1, end2: -1 };

  constructor(
    private readonly a: Int32Array,
    private readonly b: Int32Array,
    valueCount: number,
  ) {
    this.head = new Int32Array(valueCount);
    this.count = new Int32Array(valueCount);
    this.stamp = new Int32Array(valueCount);
    this.next = new Int32Array(a.length);
  }

  /** The region to split at, undefined when A and B share no line, 'fallback' when all are too frequent. */
  findLcs(line1: number, count1: number, line2: number, count2: number): Region | undefined | 'fallback' {
    const gen = ++this.generation;
    const { a, head, count, stamp, next } = this;
    // Backwards, so each chain lists A's positions in ascending order.
    for (let p = line1 + count1 - 1; p >= line1; p--) {
      const v = a[p] as number;
      if (stamp[v] === gen) {
        next[p] = head[v] as number;
        count[v] = (count[v] as number) + 1;
      } else {
        stamp[v] = gen;
        next[p] = -1;
        count[v] = 1;
      }
      head[v] = p;
    }
    this.best = MAX_CHAIN_LENGTH + 1;
    this.hasCommon = false;
    const lcs = this.lcs;
    lcs.begin1 = lcs.end1 = lcs.begin2 = lcs.end2 = -1;
    const end2 = line2 + count2;
    for (let bp = line2; bp < end2;) bp = this.tryLcs(bp, line1, count1, line2, count2);
    if (this.hasCommon && this.best > MAX_CHAIN_LENGTH) return 'fallback';
    if (lcs.begin1 < 0) return undefined;
    return { ...lcs };
  }

  /** xhistogram.c's try_lcs: grows a common region around every occurrence of b[bp] in A. */
  private tryLcs(bp: number, line1: number, count1: number, line2: number, count2: number): number {
    const { a, b, head, count, stamp, next, lcs } = this;
    let bNext = bp + 1;
    const v = b[bp] as number;
    if (stamp[v] !== this.generation) return bNext;
    this.hasCommon = true;
    if ((count[v] as number) > this.best) return bNext;
    const last1 = line1 + count1 - 1;
    const last2 = line2 + count2 - 1;
    let as = head[v] as number;
    for (;;) {
      let np = next[as] as number;
      let bs = bp;
      let ae = as;
      let be = bs;
      let rc = count[v] as number;
      while (line1 < as && line2 < bs && a[as - 1] === b[bs - 1]) {
        as--;
        bs--;
        if (rc > 1) rc = Math.min(rc, count[a[as] as number] as number);
      }
      while (ae < last1 && be < last2 && a[ae + 1] === b[be + 1]) {
        ae++;
        be++;
        if (rc > 1) rc = Math.min(rc, count[a[ae] as number] as number);
      }
      if (bNext <= be) bNext = be + 1;
      if (lcs.end1 - lcs.begin1 < ae - as || rc < this.best) {
        lcs.begin1 = as;
        lcs.begin2 = bs;
        lcs.end1 = ae;
        lcs.end2 = be;
        this.best = rc;
      }
      if (np === -1) break;
      while (np <= ae) {
        np = next[np] as number;
        if (np === -1) return bNext;
      }
      as = np;
    }
    return bNext;
  }
}
