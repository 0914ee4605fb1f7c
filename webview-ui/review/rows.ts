/**
 * Side-by-side rows: a context line sits on both sides; a run of removed lines followed by a run of
 * added lines is paired line by line (as the word emphasis pairs them), the shorter side padded.
 */
import type { ReviewLine } from '../../src/shared/reviewProtocol';

/** Flat pairs [left, right, left, right, …] of line indexes; -1 is an empty filler cell. */
export type SplitRows = Int32Array;

const cache = new WeakMap<readonly ReviewLine[], SplitRows>();

export function splitRows(lines: readonly ReviewLine[]): SplitRows {
  const hit = cache.get(lines);
  if (hit) return hit;
  const out: number[] = [];
  let i = 0;
  while (i < lines.length) {
    const kind = (lines[i] as ReviewLine)[0];
    if (kind === 0) {
      out.push(i, i);
      i++;
      continue;
    }
    const removed: number[] = [];
    const added: number[] = [];
    while (i < lines.length && (lines[i] as ReviewLine)[0] === 1) removed.push(i++);
    while (i < lines.length && (lines[i] as ReviewLine)[0] === 2) added.push(i++);
    const n = Math.max(removed.length, added.length);
    for (let k = 0; k < n; k++) out.push(removed[k] ?? -1, added[k] ?? -1);
  }
  const rows = Int32Array.from(out);
  cache.set(lines, rows);
  return rows;
}

export function splitRowCount(lines: readonly ReviewLine[]): number {
  return splitRows(lines).length / 2;
}

/** True when a context line separates changed lines: the host can split the hunk there. */
export function isSplittable(lines: readonly ReviewLine[]): boolean {
  let seenChange = false;
  let contextAfterChange = false;
  for (const [kind] of lines) {
    if (kind === 0) {
      if (seenChange) contextAfterChange = true;
    } else {
      if (contextAfterChange) return true;
      seenChange = true;
    }
  }
  return false;
}

/** Indexes of the changed (removed or added) lines, the only ones a line selection can hold. */
export function changedLines(lines: readonly ReviewLine[]): number[] {
  const out: number[] = [];
  lines.forEach(([kind], i) => {
    if (kind !== 0) out.push(i);
  });
  return out;
}
