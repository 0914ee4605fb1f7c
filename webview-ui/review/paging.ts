/**
 * Paging through the display list: the next hunk, the next undecided one, the next file. Positions
 * are in the order shown (reading order or file order, groups, hidden hunks left out).
 */
import type { ReviewView } from './panel';
import { nextUndecided } from './undecided';

/** The next pending hunk after the focus, going round, that no decision is on its way for. */
export function nextPending(panel: ReviewView): string | undefined {
  const order = panel.hunkItems;
  const here = order.findIndex((i) => {
    const item = panel.items[i];
    return item?.kind === 'hunk' && item.id === panel.focusedId;
  });
  for (let step = 1; step <= order.length; step++) {
    const item = panel.items[order[(here + step) % order.length] as number];
    if (item?.kind !== 'hunk') continue;
    const hunk = panel.model.get(item.id);
    if (hunk && hunk.state === 'pending' && panel.model.inFlight(hunk.id) === undefined) return hunk.id;
  }
  return undefined;
}

export function move(panel: ReviewView, delta: number): void {
  const order = panel.hunkItems;
  if (order.length === 0) return;
  const here = order.findIndex((i) => {
    const item = panel.items[i];
    return item?.kind === 'hunk' && item.id === panel.focusedId;
  });
  const to = delta === Infinity ? order.length - 1 : delta === -Infinity ? 0 : Math.min(order.length - 1, Math.max(0, here + delta));
  const item = panel.items[order[to] as number];
  if (item?.kind === 'hunk') panel.setFocus(item.id);
}

/** `n` / `N`: the next or previous hunk still to decide, in display order; going round says so. */
export function moveUndecided(panel: ReviewView, direction: 1 | -1): void {
  const order: string[] = [];
  for (const i of panel.hunkItems) {
    const item = panel.items[i];
    if (item?.kind === 'hunk') order.push(item.id);
  }
  const next = nextUndecided(order, panel.focusedId, direction, (id) => {
    const hunk = panel.model.get(id);
    return hunk !== undefined && panel.model.isOpen(hunk);
  });
  if (next === undefined) {
    panel.header.showNotice('info', 'No undecided hunk left.');
    return;
  }
  if (next.wrapped) panel.header.showNotice('info', direction === 1 ? 'First undecided hunk again.' : 'Last undecided hunk again.');
  panel.setFocus(next.id);
}

export function moveFile(panel: ReviewView, direction: 1 | -1): void {
  const order = panel.hunkItems;
  const fileAt = (k: number) => {
    const item = panel.items[order[k] as number];
    return item?.kind === 'hunk' ? item.file : -1;
  };
  const idAt = (k: number) => {
    const item = panel.items[order[k] as number];
    return item?.kind === 'hunk' ? item.id : undefined;
  };
  let k = order.findIndex((i) => {
    const item = panel.items[i];
    return item?.kind === 'hunk' && item.id === panel.focusedId;
  });
  if (k < 0) return;
  const file = fileAt(k);
  if (direction === 1) {
    while (k < order.length && fileAt(k) === file) k++;
    if (k < order.length) panel.setFocus(idAt(k));
    return;
  }
  // Back to the first hunk of the previous file (from the middle of a file: of this file's first hunk's previous file).
  while (k > 0 && fileAt(k) === file) k--;
  if (fileAt(k) === file) return;
  const prev = fileAt(k);
  while (k > 0 && fileAt(k - 1) === prev) k--;
  panel.setFocus(idAt(k));
}
