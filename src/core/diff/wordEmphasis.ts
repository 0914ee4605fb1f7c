import { diffWordsWithSpace } from 'diff';

/** A half-open range [start, end) of UTF-16 code units inside one line's content. */
export type CharRange = readonly [number, number];

export interface LineEmphasis {
  readonly removed: CharRange[];
  readonly added: CharRange[];
  /** Share of characters that changed, 0 (same) to 1 (nothing in common). */
  readonly distance: number;
}

/** delta's default `max-line-distance`: lines further apart than this are not paired. */
export const MAX_LINE_DISTANCE = 0.6;
/** Beyond this length a word diff costs more than the emphasis is worth; the line is shown whole. */
export const MAX_EMPHASIS_LENGTH = 5000;
/** How many added lines a removed line is compared with. Keeps big blocks linear. */
const SEARCH_WINDOW = 32;

/** Word-level changes between two line contents (without terminators). */
export function wordEmphasis(oldLine: string, newLine: string): LineEmphasis {
  const removed: CharRange[] = [];
  const added: CharRange[] = [];
  let a = 0;
  let b = 0;
  let changed = 0;
  for (const part of diffWordsWithSpace(oldLine, newLine)) {
    const len = part.value.length;
    if (part.removed) {
      removed.push([a, a + len]);
      a += len;
      changed += len;
    } else if (part.added) {
      added.push([b, b + len]);
      b += len;
      changed += len;
    } else {
      a += len;
      b += len;
    }
  }
  const total = oldLine.length + newLine.length;
  return { removed, added, distance: total === 0 ? 0 : changed / total };
}

/**
 * Pairs removed lines with added lines as delta does: each removed line, in order, takes the
 * first following unpaired added line within `MAX_LINE_DISTANCE`, so pairs never cross.
 * Returns the pairs as [removedIndex, addedIndex] with their emphasis.
 */
export function pairLines(removed: readonly string[], added: readonly string[]): Array<{ removed: number; added: number; emphasis: LineEmphasis }> {
  const pairs: Array<{ removed: number; added: number; emphasis: LineEmphasis }> = [];
  let next = 0;
  for (let r = 0; r < removed.length && next < added.length; r++) {
    const oldLine = removed[r] ?? '';
    if (oldLine.length > MAX_EMPHASIS_LENGTH) continue;
    let best: { index: number; emphasis: LineEmphasis } | undefined;
    for (let k = next; k < Math.min(added.length, next + SEARCH_WINDOW); k++) {
      const newLine = added[k] ?? '';
      if (newLine.length > MAX_EMPHASIS_LENGTH) continue;
      const emphasis = wordEmphasis(oldLine, newLine);
      if (emphasis.distance <= MAX_LINE_DISTANCE && (best === undefined || emphasis.distance < best.emphasis.distance)) {
        best = { index: k, emphasis };
        if (emphasis.distance === 0) break;
      }
    }
    if (best !== undefined) {
      pairs.push({ removed: r, added: best.index, emphasis: best.emphasis });
      next = best.index + 1;
    }
  }
  return pairs;
}
