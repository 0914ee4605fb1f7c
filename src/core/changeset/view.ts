import { pairLines, type CharRange } from '../diff/wordEmphasis';
import { lineContent, lineEnding } from '../text/lines';
import { inDecided, inPendingApplied, itemSpans, stateLookup, type StateOf } from './items';
import type { FileChange, HunkRecord, Item, LineKind } from './types';

export interface HunkLine {
  readonly kind: LineKind;
  /** The line without its terminator. */
  readonly text: string;
  readonly eol: '' | '\n' | '\r\n';
  /** Changed words, when this line is paired with a similar line of the other kind. */
  readonly emphasis?: readonly CharRange[];
}

/**
 * A hunk as `git add -p` would show it now. Ranges are 1-based like git's (`oldStart` is the
 * line before when `oldLines` is 0) and include the context lines:
 * - old side: the document as decided, without this hunk;
 * - new side: for a pending or stale hunk, the document with this and every other pending hunk
 *   applied (so a fresh changeset shows exactly `git diff base proposed`); for a decided hunk,
 *   the document with only this hunk applied.
 */
export interface HunkView {
  readonly id: string;
  readonly record: HunkRecord;
  readonly oldStart: number;
  readonly oldLines: number;
  readonly newStart: number;
  readonly newLines: number;
  readonly lines: readonly HunkLine[];
}

export interface ViewOptions {
  /** Compute word emphasis (default true). */
  readonly emphasis?: boolean;
}

/** The 1-based line, before the change, of a hunk's first changed line (not its leading context). */
export function firstChangedLine(v: HunkView): number {
  const context = v.lines.findIndex((l) => l.kind !== 'context');
  return Math.max(1, v.oldStart + Math.max(0, context));
}

/** Views of all of a file's hunks, in file order. Detached hunks have empty ranges and no lines. */
export function viewHunks(file: FileChange, options: ViewOptions = {}): HunkView[] {
  return file.hunks.map(hunkViewer(file, options));
}

/** The view of any one of the file's hunks, the file's line tables made once (for callers that go hunk by hunk). */
export function hunkViewer(file: FileChange, options: ViewOptions = {}): (h: HunkRecord) => HunkView {
  const stateOf = stateLookup(file.hunks);
  const prefixD = prefixCounts(file.items, (i) => inDecided(i, stateOf));
  const prefixP = prefixCounts(file.items, (i) => inPendingApplied(i, stateOf));
  const spans = itemSpans(file.items);
  return (h) => {
    const span = spans.get(h.id);
    if (span === undefined) return { id: h.id, record: h, oldStart: 0, oldLines: 0, newStart: 0, newLines: 0, lines: [] };
    return viewOne(file, h, span, stateOf, prefixD, prefixP, options.emphasis ?? true);
  };
}

function prefixCounts(items: readonly Item[], present: (item: Item) => boolean): Int32Array {
  const out = new Int32Array(items.length + 1);
  items.forEach((item, i) => {
    out[i + 1] = (out[i] ?? 0) + (present(item) ? 1 : 0);
  });
  return out;
}

function viewOne(
  file: FileChange,
  h: HunkRecord,
  span: { first: number; last: number },
  stateOf: StateOf,
  prefixD: Int32Array,
  prefixP: Int32Array,
  emphasis: boolean,
): HunkView {
  const open = h.state === 'pending' || h.state === 'stale';
  const inOld = (item: Item): boolean => (item.hunk === h.id ? item.kind !== 'added' : inDecided(item, stateOf));
  const inNew = (item: Item): boolean => (item.hunk === h.id ? item.kind !== 'removed' : open ? inPendingApplied(item, stateOf) : inDecided(item, stateOf));
  const items = file.items;
  // Extend over up to `context` shared lines each side; lines in neither side are invisible.
  let start = span.first;
  for (let seen = 0, i = span.first - 1; i >= 0 && seen < file.context; i--) {
    const item = items[i];
    if (item === undefined) break;
    const o = inOld(item);
    const n = inNew(item);
    if (o !== n) break;
    if (o) seen++;
    start = i;
  }
  let end = span.last;
  for (let seen = 0, i = span.last + 1; i < items.length && seen < file.context; i++) {
    const item = items[i];
    if (item === undefined) break;
    const o = inOld(item);
    const n = inNew(item);
    if (o !== n) break;
    if (o) seen++;
    end = i;
  }
  const lines: HunkLine[] = [];
  let oldLines = 0;
  let newLines = 0;
  for (let i = start; i <= end; i++) {
    const item = items[i];
    if (item === undefined) continue;
    const o = inOld(item);
    const n = inNew(item);
    if (!o && !n) continue;
    if (o) oldLines++;
    if (n) newLines++;
    const kind: LineKind = o && n ? 'context' : o ? 'removed' : 'added';
    lines.push({ kind, text: lineContent(item.text), eol: lineEnding(item.text) });
  }
  const oldBefore = prefixD[start] ?? 0;
  const newBefore = (open ? prefixP : prefixD)[start] ?? 0;
  return {
    id: h.id,
    record: h,
    oldStart: oldLines === 0 ? oldBefore : oldBefore + 1,
    oldLines,
    newStart: newLines === 0 ? newBefore : newBefore + 1,
    newLines,
    lines: emphasis ? withEmphasis(lines) : lines,
  };
}

/** Marks changed words in each run of removed lines followed by added lines. */
export function withEmphasis(lines: readonly HunkLine[]): HunkLine[] {
  const out = lines.slice();
  let i = 0;
  while (i < out.length) {
    if (out[i]?.kind !== 'removed') {
      i++;
      continue;
    }
    const rStart = i;
    while (out[i]?.kind === 'removed') i++;
    const aStart = i;
    while (out[i]?.kind === 'added') i++;
    if (aStart === i) continue;
    const removed = out.slice(rStart, aStart).map((l) => l.text);
    const added = out.slice(aStart, i).map((l) => l.text);
    for (const pair of pairLines(removed, added)) {
      const r = out[rStart + pair.removed];
      const a = out[aStart + pair.added];
      if (r !== undefined) out[rStart + pair.removed] = { ...r, emphasis: pair.emphasis.removed };
      if (a !== undefined) out[aStart + pair.added] = { ...a, emphasis: pair.emphasis.added };
    }
  }
  return out;
}
