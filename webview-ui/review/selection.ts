/**
 * Line selection inside one hunk, like staging chosen lines in `git add -p` (`e`) or in a GUI.
 * Only changed lines can be chosen; the selection holds indexes into the hunk's `lines`, which is
 * what `decideLines` carries to the host. The cursor moves over changed lines only.
 */
import type { ReviewHunk } from '../../src/shared/reviewProtocol';
import type { Selection } from './hunkView';
import { changedLines } from './rows';

export function startSelection(hunk: ReviewHunk, lineIndex?: number): Selection {
  const changed = changedLines(hunk.lines);
  const at = lineIndex === undefined ? 0 : Math.max(0, changed.indexOf(lineIndex));
  return { hunkId: hunk.id, selected: new Set(), cursor: at, anchor: at };
}

/** Moves the cursor; with `extend`, the selection becomes the lines from the anchor to it. */
export function moveCursor(sel: Selection, hunk: ReviewHunk, delta: number, extend: boolean): void {
  const changed = changedLines(hunk.lines);
  if (changed.length === 0) return;
  sel.cursor = Math.min(changed.length - 1, Math.max(0, sel.cursor + delta));
  if (extend) selectOrdinals(sel, changed, sel.anchor, sel.cursor);
  else sel.anchor = sel.cursor;
}

export function toggleCursor(sel: Selection, hunk: ReviewHunk): void {
  const line = changedLines(hunk.lines)[sel.cursor];
  if (line === undefined) return;
  if (sel.selected.has(line)) sel.selected.delete(line);
  else sel.selected.add(line);
  sel.anchor = sel.cursor;
}

/** A click on a changed line toggles it; a Shift+click selects from the anchor to it. */
export function clickLine(sel: Selection, hunk: ReviewHunk, lineIndex: number, range: boolean): void {
  const changed = changedLines(hunk.lines);
  const at = changed.indexOf(lineIndex);
  if (at < 0) return;
  if (range) {
    sel.cursor = at;
    selectOrdinals(sel, changed, sel.anchor, at);
    return;
  }
  sel.cursor = sel.anchor = at;
  if (sel.selected.has(lineIndex)) sel.selected.delete(lineIndex);
  else sel.selected.add(lineIndex);
}

function selectOrdinals(sel: Selection, changed: readonly number[], a: number, b: number): void {
  sel.selected.clear();
  for (let k = Math.min(a, b); k <= Math.max(a, b); k++) {
    const line = changed[k];
    if (line !== undefined) sel.selected.add(line);
  }
}

/** The selected line indexes in order, as `decideLines` wants them. */
export function selectedLines(sel: Selection): number[] {
  return [...sel.selected].sort((x, y) => x - y);
}
