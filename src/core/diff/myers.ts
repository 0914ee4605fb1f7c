/**
 * Myers' diff in linear space (divide and conquer on the middle snake), as xdiff's
 * `xdl_recs_cmp`/`xdl_split` do it: the fallback of the histogram diff for ranges whose common
 * lines are all frequent (blank lines, braces). Like xdiff it
 * - first marks the lines the other side does not have at all (they are changed in every diff),
 * - gives up on minimality once a split costs more than ~√(lines) edits, splitting where the
 *   furthest-reaching path got to, so a pathological range stays near O(N·√N).
 * Marks changed lines of a[start1, end1) and b[start2, end2) in `changedA` / `changedB`.
 */
export function myersDiff(
  a: Int32Array,
  b: Int32Array,
  start1: number,
  end1: number,
  start2: number,
  end2: number,
  changedA: Uint8Array,
  changedB: Uint8Array,
): void {
  const inA = new Set<number>();
  const inB = new Set<number>();
  for (let i = start1; i < end1; i++) inA.add(a[i] as number);
  for (let j = start2; j < end2; j++) inB.add(b[j] as number);
  const keptA = kept(a, start1, end1, inB, changedA);
  const keptB = kept(b, start2, end2, inA, changedB);
  const ra = Int32Array.from(keptA, (i) => a[i] as number);
  const rb = Int32Array.from(keptB, (j) => b[j] as number);
  const ca = new Uint8Array(ra.length);
  const cb = new Uint8Array(rb.length);
  new LinearMyers(ra, rb, ca, cb).run();
  keptA.forEach((i, k) => (changedA[i] = ca[k] as number));
  keptB.forEach((j, k) => (changedB[j] = cb[k] as number));
}

function kept(xs: Int32Array, start: number, end: number, other: ReadonlySet<number>, changed: Uint8Array): number[] {
  const out: number[] = [];
  for (let i = start; i < end; i++) {
    if (other.has(xs[i] as number)) out.push(i);
    else changed[i] = 1;
  }
  return out;
}

/** xdiff's XDL_MAX_COST_MIN: below this many edits a split is always exact. */
const MAX_COST_MIN = 256;

interface Split {
  i1: number;
  i2: number;
  minLo: boolean;
  minHi: boolean;
}

class LinearMyers {
  /** Furthest-reaching x on each diagonal k (index k + offset), forwards and backwards. */
  private readonly kvdf: Int32Array;
  private readonly kvdb: Int32Array;
  private readonly offset: number;
  private readonly maxCost: number;

  constructor(
    private readonly a: Int32Array,
    private readonly b: Int32Array,
    private readonly ca: Uint8Array,
    private readonly cb: Uint8Array,
  ) {
    const diagonals = a.length + b.length + 3;
    this.kvdf = new Int32Array(diagonals);
    this.kvdb = new Int32Array(diagonals);
    this.offset = b.length + 1;
    this.maxCost = Math.max(MAX_COST_MIN, Math.ceil(Math.sqrt(diagonals)));
  }

  run(): void {
    const { a, b, ca, cb } = this;
    // [off1, lim1, off2, lim2, needMin] per pending box.
    const stack: number[] = [0, a.length, 0, b.length, 0];
    while (stack.length > 0) {
      const needMin = stack.pop() === 1;
      let lim2 = stack.pop() as number;
      let off2 = stack.pop() as number;
      let lim1 = stack.pop() as number;
      let off1 = stack.pop() as number;
      while (off1 < lim1 && off2 < lim2 && a[off1] === b[off2]) {
        off1++;
        off2++;
      }
      while (off1 < lim1 && off2 < lim2 && a[lim1 - 1] === b[lim2 - 1]) {
        lim1--;
        lim2--;
      }
      if (off1 === lim1) {
        cb.fill(1, off2, lim2);
      } else if (off2 === lim2) {
        ca.fill(1, off1, lim1);
      } else {
        const s = this.split(off1, lim1, off2, lim2, needMin);
        stack.push(off1, s.i1, off2, s.i2, s.minLo ? 1 : 0);
        stack.push(s.i1, lim1, s.i2, lim2, s.minHi ? 1 : 0);
      }
    }
  }

  /** xdl_split: the middle snake of the box, or a good-enough split point once it costs too much. */
  private split(off1: number, lim1: number, off2: number, lim2: number, needMin: boolean): Split {
    const { a, b, kvdf, kvdb, offset: o } = this;
    const dmin = off1 - lim2;
    const dmax = lim1 - off2;
    const fmid = off1 - off2;
    const bmid = lim1 - lim2;
    const odd = ((fmid - bmid) & 1) !== 0;
    let fmin = fmid;
    let fmax = fmid;
    let bmin = bmid;
    let bmax = bmid;
    kvdf[fmid + o] = off1;
    kvdb[bmid + o] = lim1;
    for (let ec = 1; ; ec++) {
      if (fmin > dmin) kvdf[--fmin - 1 + o] = -1;
      else ++fmin;
      if (fmax < dmax) kvdf[++fmax + 1 + o] = -1;
      else --fmax;
      for (let d = fmax; d >= fmin; d -= 2) {
        const lo = kvdf[d - 1 + o] as number;
        const hi = kvdf[d + 1 + o] as number;
        let i1 = lo >= hi ? lo + 1 : hi;
        let i2 = i1 - d;
        while (i1 < lim1 && i2 < lim2 && a[i1] === b[i2]) {
          i1++;
          i2++;
        }
        kvdf[d + o] = i1;
        if (odd && bmin <= d && d <= bmax && (kvdb[d + o] as number) <= i1) return { i1, i2, minLo: true, minHi: true };
      }
      if (bmin > dmin) kvdb[--bmin - 1 + o] = 0x7fffffff;
      else ++bmin;
      if (bmax < dmax) kvdb[++bmax + 1 + o] = 0x7fffffff;
      else --bmax;
      for (let d = bmax; d >= bmin; d -= 2) {
        const lo = kvdb[d - 1 + o] as number;
        const hi = kvdb[d + 1 + o] as number;
        let i1 = lo < hi ? lo : hi - 1;
        let i2 = i1 - d;
        while (i1 > off1 && i2 > off2 && a[i1 - 1] === b[i2 - 1]) {
          i1--;
          i2--;
        }
        kvdb[d + o] = i1;
        if (!odd && fmin <= d && d <= fmax && i1 <= (kvdf[d + o] as number)) return { i1, i2, minLo: true, minHi: true };
      }
      if (!needMin && ec >= this.maxCost) return this.bestSplit(off1, lim1, off2, lim2, fmin, fmax, bmin, bmax);
    }
  }

  /** The split of xdiff's cost cut-off: whichever direction got furthest along its diagonal. */
  private bestSplit(off1: number, lim1: number, off2: number, lim2: number, fmin: number, fmax: number, bmin: number, bmax: number): Split {
    const { kvdf, kvdb, offset: o } = this;
    let fbest = -1;
    let fbest1 = -1;
    for (let d = fmax; d >= fmin; d -= 2) {
      let i1 = Math.min(kvdf[d + o] as number, lim1);
      let i2 = i1 - d;
      if (lim2 < i2) {
        i1 = lim2 + d;
        i2 = lim2;
      }
      if (fbest < i1 + i2) {
        fbest = i1 + i2;
        fbest1 = i1;
      }
    }
    let bbest = 0x7fffffff;
    let bbest1 = 0x7fffffff;
    for (let d = bmax; d >= bmin; d -= 2) {
      let i1 = Math.max(off1, kvdb[d + o] as number);
      let i2 = i1 - d;
      if (i2 < off2) {
        i1 = off2 + d;
        i2 = off2;
      }
      if (i1 + i2 < bbest) {
        bbest = i1 + i2;
        bbest1 = i1;
      }
    }
    if (lim1 + lim2 - bbest < fbest - (off1 + off2)) return { i1: fbest1, i2: fbest - fbest1, minLo: true, minHi: false };
    return { i1: bbest1, i2: bbest - bbest1, minLo: false, minHi: true };
  }
}
