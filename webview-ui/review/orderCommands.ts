/**
 * The reading order's two actions: switch between reading and file order (`o`, kept with the
 * panel's view), and open or close a generated file's one line. An opened file's hunks join the
 * paging; a closed one's leave it, and focus stays on its line.
 */
import type { ReviewHunk } from '../../src/shared/reviewProtocol';
import type { ReviewView } from './panel';

export function switchOrder(panel: ReviewView): void {
  panel.order = panel.shownOrder === 'reading' ? 'file' : 'reading';
  panel.rebuild();
}

export function toggleFile(panel: ReviewView, file: number): void {
  const opening = !panel.expandedFiles.has(file);
  const focusInside = panel.focused()?.file === file;
  if (opening) panel.expandedFiles.add(file);
  else panel.expandedFiles.delete(file);
  panel.rebuild();
  if (opening) {
    const first = panel.items.find((item) => item.kind === 'hunk' && item.file === file);
    if (first?.kind === 'hunk') panel.setFocus(first.id);
    return;
  }
  if (focusInside) {
    // The focused hunk went into the line: focus the hunk next to the line, not the list's top.
    const row = panel.items.findIndex((item) => item.kind === 'collapsed' && item.file === file);
    let near: number | undefined; // the first hunk after the line, else the last before it
    for (const i of panel.hunkItems) {
      near = i;
      if (i > row) break;
    }
    const item = near === undefined ? undefined : panel.items[near];
    if (item?.kind === 'hunk') panel.setFocus(item.id);
  }
  panel.elementOf(`file:${file}`)?.querySelector<HTMLButtonElement>('button.toggle-file')?.focus();
}

/** Focuses a hunk, opening the one line its file is folded into first. */
export function showHunk(panel: ReviewView, hunk: ReviewHunk): void {
  if (!panel.listed(hunk.id) && !panel.expandedFiles.has(hunk.file)) {
    panel.expandedFiles.add(hunk.file);
    panel.rebuild();
  }
  panel.setFocus(hunk.id);
}

/**
 * *Accept file* where the host would refuse it: a protected path's hunks (a lockfile) are accepted
 * one by one, and a flagged hunk only once it was seen. Shows the first such hunk and says why;
 * true when it did. Rejecting a whole file needs neither.
 */
export function lookFirst(panel: ReviewView, file: number): boolean {
  for (const i of panel.model.ofFile(file)) {
    const hunk = panel.model.hunks[i];
    if (!hunk || hunk.state !== 'pending' || hunk.flags.length === 0) continue;
    const isProtected = hunk.flags.some((f) => f.id.startsWith('protected:'));
    if (!isProtected && panel.model.seen.has(hunk.id)) continue;
    showHunk(panel, hunk);
    panel.header.showNotice(
      'error',
      isProtected
        ? `${panel.model.files[file]?.path ?? 'This file'} is a protected path: accept its hunks one by one (a).`
        : `Look at the flagged hunk first: ${hunk.flags.map((f) => f.reason).join('; ')}`,
    );
    return true;
  }
  return false;
}
