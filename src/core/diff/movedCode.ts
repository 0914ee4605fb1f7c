/**
 * Moved code across a changeset, like `git diff --color-moved`: a block of removed lines that
 * comes back as added lines, verbatim or only re-indented, in the same file or another one.
 *
 * Lines are compared with leading and trailing whitespace stripped. A block counts as moved when
 * it has at least `MIN_MOVED_LINES` non-blank lines and `MIN_MOVED_ALNUM` letters and digits: git's
 * zebra mode asks for 20 alphanumeric characters alone, which lets three closing braces and a
 * `return x;` pass for a move; asking for three real lines as well keeps such noise out.
 *
 * The input travels packed (one string, two typed arrays) so that handing it to a worker costs
 * the host one copy, not one object per line; `findMoves` reads the packed form directly.
 */

import { runAll, type Steps } from '../slices';

/** One line of a hunk as the review shows it: 0 context, 1 removed, 2 added. */
export type MoveLine = readonly [kind: 0 | 1 | 2, text: string, ...rest: readonly unknown[]];

/** A hunk as the detection reads it (a `ReviewHunk` is one). */
export interface MoveHunk {
  /** Index of the hunk's file. */
  readonly file: number;
  /** 1-based old-side line of `lines[0]` (the line before when the hunk removes nothing). */
  readonly oldStart: number;
  readonly newStart: number;
  readonly lines: readonly MoveLine[];
}

/**
 * The changed lines of every hunk: `texts` is their texts joined by '\n', in chunks (each chunk
 * holds whole lines, so joining the chunks by '\n' gives every line once; the host never builds
 * the one long string); `lines` holds, per line, [hunk index, kind (1 removed, 2 added), 1-based
 * line number]; `hunkFiles[h]` is hunk h's file.
 */
export interface PackedMoveInput {
  readonly texts: readonly string[];
  readonly lines: Int32Array;
  readonly hunkFiles: Int32Array;
}

/** One side of a move: a hunk and the block's first line and length in it. */
export interface MoveSide {
  readonly hunk: number;
  readonly file: number;
  /** 1-based: old side for `from`, new side for `to`. */
  readonly line: number;
  readonly count: number;
}

export interface Move {
  readonly from: MoveSide;
  readonly to: MoveSide;
  /** Some line differs in its leading or trailing whitespace. */
  readonly reindented: boolean;
  /** `from` removes this block and `to` adds it, and neither changes any other line but blank ones. */
  readonly whole: boolean;
}

export const MIN_MOVED_LINES = 3;
export const MIN_MOVED_ALNUM = 20;
/** Places a line is tried at before the detection gives up on it: keeps lines like `}` from going quadratic. */
const MAX_CANDIDATES = 64;
const STRIDE = 3;
/** Fields of one move in `packMoves`. */
const MOVE_STRIDE = 8;
/** Hunks packed between two turns of the event loop. */
const SLICE = 64;

/** Packs the changed lines of `hunks` (context lines are not needed to find moves). */
export function packMoveInput(hunks: readonly MoveHunk[]): PackedMoveInput {
  return runAll(packSteps(hunks));
}

/**
 * `packMoveInput` in steps (a step every `SLICE` hunks), for the host to pack a large changeset in
 * slices between which its event loop turns (`runSliced`).
 */
export function* packSteps(hunks: readonly MoveHunk[]): Steps<PackedMoveInput> {
  const hunkFiles = new Int32Array(hunks.length);
  const chunks: string[] = [];
  const metas: Int32Array[] = [];
  let total = 0;
  // A slice at a time, its own texts and numbers: no array grows past a slice until the end.
  for (let start = 0; start < hunks.length; start += SLICE) {
    const end = Math.min(hunks.length, start + SLICE);
    let size = 0;
    for (let index = start; index < end; index++) size += hunks[index]?.lines.length ?? 0;
    const meta = new Int32Array(size * STRIDE);
    const texts: string[] = [];
    let m = 0;
    for (let index = start; index < end; index++) {
      const h = hunks[index];
      if (h === undefined) continue;
      hunkFiles[index] = h.file;
      let oldLine = h.oldStart;
      let newLine = h.newStart;
      for (const line of h.lines) {
        const kind = line[0];
        if (kind !== 0) {
          const text = line[1];
          // A line has no terminator; a stray '\n' would shift every later line of the packed text.
          texts.push(text.includes('\n') ? text.replace(/\n/g, ' ') : text);
          meta[m++] = index;
          meta[m++] = kind;
          meta[m++] = kind === 1 ? oldLine : newLine;
        }
        if (kind !== 2) oldLine++;
        if (kind !== 1) newLine++;
      }
    }
    if (texts.length > 0) {
      chunks.push(texts.join('\n'));
      metas.push(meta.subarray(0, m));
      total += m;
    }
    yield;
  }
  const lines = new Int32Array(total);
  let at = 0;
  for (const meta of metas) {
    lines.set(meta, at);
    at += meta.length;
  }
  return { texts: chunks, lines, hunkFiles };
}

function alnumCount(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if ((c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c > 127) n++;
  }
  return n;
}

/** Every moved block of the input, in the order of their added lines. Deterministic. */
export function findMoves(input: PackedMoveInput): Move[] {
  const n = input.lines.length / STRIDE;
  if (n === 0) return [];
  const raw = input.texts.flatMap((chunk) => chunk.split('\n'));
  const norm = raw.map((t) => t.trim());
  const hunkOf = (i: number): number => input.lines[i * STRIDE] ?? -1;
  const kindOf = (i: number): number => input.lines[i * STRIDE + 1] ?? 0;
  const lineOf = (i: number): number => input.lines[i * STRIDE + 2] ?? 0;
  // A run: consecutive lines of one hunk and kind with consecutive line numbers. runEnd[i] is
  // the index after the run holding i.
  const runEnd = new Int32Array(n);
  for (let i = n - 1; i >= 0; i--) {
    const next = i + 1;
    const sameRun = next < n && hunkOf(next) === hunkOf(i) && kindOf(next) === kindOf(i) && lineOf(next) === lineOf(i) + 1;
    runEnd[i] = sameRun ? (runEnd[next] ?? n) : next;
  }
  const where = new Map<string, number[]>();
  // Changed lines per hunk, blank ones apart: a block moved with a blank line before it and one
  // after it on the other side is still a whole move.
  const removedIn = new Map<number, number>();
  const addedIn = new Map<number, number>();
  for (let i = 0; i < n; i++) {
    const key = norm[i] ?? '';
    if (key === '') continue;
    const counts = kindOf(i) === 1 ? removedIn : addedIn;
    counts.set(hunkOf(i), (counts.get(hunkOf(i)) ?? 0) + 1);
    if (kindOf(i) !== 2) continue;
    const list = where.get(key);
    if (list) list.push(i);
    else where.set(key, [i]);
  }
  const used = new Uint8Array(n);
  const found: { from: number; to: number; count: number }[] = [];
  for (let i = 0; i < n;) {
    if (kindOf(i) !== 1 || used[i] === 1 || norm[i] === '') {
      i++;
      continue;
    }
    const end = runEnd[i] ?? n;
    let best = -1;
    let bestLength = 0;
    let tried = 0;
    for (const c of where.get(norm[i] ?? '') ?? []) {
      if (used[c] === 1) continue;
      if (tried++ >= MAX_CANDIDATES) break;
      const cEnd = runEnd[c] ?? n;
      let k = 0;
      while (i + k < end && c + k < cEnd && used[c + k] === 0 && norm[i + k] === norm[c + k]) k++;
      if (k > bestLength) {
        best = c;
        bestLength = k;
      }
    }
    if (best >= 0 && qualifies(norm, i, bestLength)) {
      found.push({ from: i, to: best, count: bestLength });
      used.fill(1, best, best + bestLength);
      used.fill(1, i, i + bestLength);
      i += bestLength;
    } else {
      i++;
    }
  }
  found.sort((a, b) => a.to - b.to);
  return found.map(({ from, to, count }) => {
    const fromHunk = hunkOf(from);
    const toHunk = hunkOf(to);
    let reindented = false;
    for (let k = 0; k < count && !reindented; k++) reindented = raw[from + k] !== raw[to + k];
    let solid = 0;
    for (let k = 0; k < count; k++) if (norm[from + k] !== '') solid++;
    const whole = fromHunk !== toHunk && removedIn.get(fromHunk) === solid && !addedIn.has(fromHunk) && addedIn.get(toHunk) === solid && !removedIn.has(toHunk);
    return {
      from: { hunk: fromHunk, file: input.hunkFiles[fromHunk] ?? -1, line: lineOf(from), count },
      to: { hunk: toHunk, file: input.hunkFiles[toHunk] ?? -1, line: lineOf(to), count },
      reindented,
      whole,
    };
  });
}

function qualifies(norm: readonly string[], start: number, length: number): boolean {
  let lines = 0;
  let alnum = 0;
  for (let k = start; k < start + length; k++) {
    const t = norm[k] ?? '';
    if (t !== '') lines++;
    alnum += alnumCount(t);
  }
  return lines >= MIN_MOVED_LINES && alnum >= MIN_MOVED_ALNUM;
}

/** Moves as one transferable array (the worker's answer). */
export function packMoves(moves: readonly Move[]): Int32Array<ArrayBuffer> {
  const out = new Int32Array(moves.length * MOVE_STRIDE);
  moves.forEach((m, i) => {
    out.set([m.from.hunk, m.from.line, m.to.hunk, m.to.line, m.from.count, m.to.count, m.reindented ? 1 : 0, m.whole ? 1 : 0], i * MOVE_STRIDE);
  });
  return out;
}

/** The inverse of `packMoves`; `hunkFiles` from the input gives each side its file. */
export function unpackMoves(packed: Int32Array, hunkFiles: Int32Array): Move[] {
  const out: Move[] = [];
  for (let i = 0; i + MOVE_STRIDE <= packed.length; i += MOVE_STRIDE) {
    const [fromHunk = 0, fromLine = 0, toHunk = 0, toLine = 0, fromCount = 0, toCount = 0, reindented, whole] = packed.subarray(i, i + MOVE_STRIDE);
    out.push({
      from: { hunk: fromHunk, file: hunkFiles[fromHunk] ?? -1, line: fromLine, count: fromCount },
      to: { hunk: toHunk, file: hunkFiles[toHunk] ?? -1, line: toLine, count: toCount },
      reindented: reindented === 1,
      whole: whole === 1,
    });
  }
  return out;
}
