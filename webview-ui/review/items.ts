/**
 * The display list: file headers and hunks in review order, optionally only one plan step's hunks
 * or grouped under step headers; and the height each item will have before it is measured.
 */
import type { ReviewHunk } from '../../src/shared/reviewProtocol';
import { expandable, type HunkContext } from './hunkView';
import type { ReviewModel } from './model';
import { splitRowCount } from './rows';

export type ListItem =
  | { readonly kind: 'file'; readonly file: number }
  | { readonly kind: 'step'; readonly step: string | undefined; readonly count: number }
  | { readonly kind: 'hunk'; readonly id: string; readonly file: number };

/** `stepFilter`: undefined shows every hunk, '' only hunks tied to no step. */
export interface ListOptions {
  readonly groupByStep: boolean;
  readonly stepFilter: string | undefined;
  /** Hunks not listed (the source of a moved block shown at its destination, hidden whitespace-only hunks). */
  readonly hidden?: ReadonlySet<string>;
}

function matches(hunk: ReviewHunk, filter: string | undefined): boolean {
  if (filter === undefined) return true;
  return filter === '' ? hunk.steps.length === 0 : hunk.steps.includes(filter);
}

function withFileHeaders(hunks: readonly ReviewHunk[], out: ListItem[]): void {
  let file = -1;
  for (const hunk of hunks) {
    if (hunk.file !== file) {
      file = hunk.file;
      out.push({ kind: 'file', file });
    }
    out.push({ kind: 'hunk', id: hunk.id, file });
  }
}

export function buildListItems(model: ReviewModel, opts: ListOptions): ListItem[] {
  const out: ListItem[] = [];
  const hunks = model.hunks.filter((h) => matches(h, opts.stepFilter) && !opts.hidden?.has(h.id));
  if (!opts.groupByStep) {
    if (opts.stepFilter === undefined) {
      // Files without hunks (binary, not diffable) are still listed with their note.
      let next = 0;
      let file = -1;
      for (const hunk of hunks) {
        for (; next < hunk.file; next++) if (model.files[next]?.note) out.push({ kind: 'file', file: next });
        if (hunk.file !== file) {
          file = hunk.file;
          next = file + 1;
          out.push({ kind: 'file', file });
        }
        out.push({ kind: 'hunk', id: hunk.id, file });
      }
      for (; next < model.files.length; next++) if (model.files[next]?.note) out.push({ kind: 'file', file: next });
      return out;
    }
    withFileHeaders(hunks, out);
    return out;
  }
  // Groups follow the plan's order. A hunk serving several steps is listed under the one that
  // comes first in the plan, so paging visits it once.
  const order = model.steps();
  const rank = new Map(order.map((step, i) => [step, i]));
  const groups = new Map<string | undefined, ReviewHunk[]>();
  for (const step of order) groups.set(step, []);
  groups.set(undefined, []);
  for (const hunk of hunks) {
    const first = hunk.steps.reduce<string | undefined>(
      (best, s) => (best === undefined || (rank.get(s) ?? Infinity) < (rank.get(best) ?? Infinity) ? s : best),
      undefined,
    );
    groups.get(first)?.push(hunk);
  }
  for (const [step, members] of groups) {
    if (members.length === 0) continue;
    out.push({ kind: 'step', step, count: members.length });
    withFileHeaders(members, out);
  }
  return out;
}

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
}

export function estimateItem(item: ListItem, ctx: HunkContext, m: Metrics): number {
  if (item.kind === 'file') return m.file;
  if (item.kind === 'step') return m.step;
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
