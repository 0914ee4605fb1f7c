/** The height each list item will have before it is measured. */
import { expandable, type HunkContext } from './hunkView';
import type { ListItem } from './listItems';
import { splitRowCount } from './rows';

/** Heights of the parts of a hunk, measured once from a probe (see metrics.ts). */
export interface Metrics {
  readonly row: number;
  readonly head: number;
  readonly note: number;
  readonly expand: number;
  readonly selbar: number;
  readonly box: number;
  readonly base: number;
  readonly file: number;
  readonly step: number;
  readonly group: number;
}

export function estimateItem(item: ListItem, ctx: HunkContext, m: Metrics): number {
  if (item.kind === 'file' || item.kind === 'collapsed') return m.file;
  if (item.kind === 'step') return m.step;
  if (item.kind === 'group') return m.group;
  const hunk = ctx.model.get(item.id);
  if (!hunk) return m.base;
  const previous = ctx.showPrevious.has(hunk.id) && hunk.previous ? hunk.previous : undefined;
  const exp = previous ? undefined : ctx.model.expansions.get(hunk.id);
  const lines = previous ?? hunk.lines;
  const extra = (exp?.above.length ?? 0) + (exp?.below.length ?? 0);
  const rows = (ctx.layout === 'split' ? splitRowCount(lines) : lines.length) + extra;
  let notes = hunk.flags.filter((f) => f.reason !== f.id).length;
  if (hunk.state === 'rejected' && hunk.reason) notes++;
  if (hunk.state === 'rejected' && ctx.model.rejectedNow.has(hunk.id)) notes++;
  if (hunk.state === 'stale') notes++;
  if (previous) notes++;
  let height = m.base + m.head + notes * m.note + rows * m.row;
  const more = expandable(ctx.model, hunk);
  if (!previous && more.above > 0) height += m.expand;
  if (!previous && more.below > 0) height += m.expand;
  if (ctx.selection?.hunkId === hunk.id) height += m.selbar;
  if (ctx.box?.hunkId === hunk.id) height += m.box;
  return height;
}
