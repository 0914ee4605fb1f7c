/**
 * The reading order's two actions: switch between reading and file order (`o`, kept with the
 * panel's view), and open or close a generated file's one line. An opened file's hunks join the
 * paging; a closed one's leave it, and focus stays on its line.
 */
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
