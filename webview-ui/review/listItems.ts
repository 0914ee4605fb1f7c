/**
 * The display list: file headers and hunks in review order, optionally only one plan step's hunks
 * or grouped under step headers; in reading order (see src/shared/readingOrder.ts) under group
 * headers, generated files and lockfiles one line each. No DOM here: the list is plain data.
 */
import { readingOrder, tierReason, type FileKind, type Tier } from '../../src/shared/readingOrder';
import type { ReviewHunk } from '../../src/shared/reviewProtocol';
import type { ReviewModel } from './model';

export type ListItem =
  | { readonly kind: 'file'; readonly file: number }
  | { readonly kind: 'step'; readonly step: string | undefined; readonly count: number }
  /** A reading-order group: its intent, and why it sits where it does. */
  | { readonly kind: 'group'; readonly intent: string | undefined; readonly tier: Tier; readonly reason: string; readonly count: number }
  /** A generated file or lockfile as one line; `expanded`: its hunks follow. */
  | { readonly kind: 'collapsed'; readonly file: number; readonly count: number; readonly lines: number; readonly expanded: boolean }
  | { readonly kind: 'hunk'; readonly id: string; readonly file: number };

export type OrderChoice = 'reading' | 'file';

/** `stepFilter`: undefined shows every hunk, '' only hunks tied to no step. */
export interface ListOptions {
  readonly groupByStep: boolean;
  readonly stepFilter: string | undefined;
  readonly order: OrderChoice;
  /** Generated files and lockfiles the reviewer opened: their hunks are listed (and paged). */
  readonly expanded: ReadonlySet<number>;
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

const kindOf =
  (model: ReviewModel) =>
  (file: number): FileKind =>
    model.files[file]?.kind ?? 'source';

/**
 * Reading order is the default when the agent said why it made its edits, for more than one
 * reason (stated intents, or a terminal agent's turns); a changeset that states none (a patch, the
 * working tree, the API) opens in file order, as a diff reads, and `o` reorders it.
 */
export function defaultOrder(model: ReviewModel): OrderChoice {
  const first = model.hunks[0]?.intent;
  return model.hunks.some((h) => h.intent !== first) ? 'reading' : 'file';
}

function changedLineCount(hunks: readonly ReviewHunk[]): number {
  let n = 0;
  for (const hunk of hunks) for (const line of hunk.lines) if (line[0] !== 0) n++;
  return n;
}

function withReadingGroups(model: ReviewModel, hunks: readonly ReviewHunk[], expanded: ReadonlySet<number>, out: ListItem[]): void {
  for (const group of readingOrder(hunks, kindOf(model))) {
    out.push({ kind: 'group', intent: group.intent, tier: group.tier, reason: tierReason(group), count: group.hunks.length });
    if (group.tier !== 'generated') {
      withFileHeaders(group.hunks, out);
      continue;
    }
    // One line a file: the reviewer rarely reads a lockfile line by line, and can still decide it.
    const byFile = new Map<number, ReviewHunk[]>();
    for (const hunk of group.hunks) {
      const members = byFile.get(hunk.file);
      if (members) members.push(hunk);
      else byFile.set(hunk.file, [hunk]);
    }
    for (const [file, members] of byFile) {
      const open = expanded.has(file);
      out.push({ kind: 'collapsed', file, count: members.length, lines: changedLineCount(members), expanded: open });
      if (open) for (const hunk of members) out.push({ kind: 'hunk', id: hunk.id, file });
    }
  }
}

/** Files without hunks (binary, not diffable) are still listed with their note. */
function noteFiles(model: ReviewModel, out: ListItem[]): void {
  model.files.forEach((file, i) => {
    if (file.note) out.push({ kind: 'file', file: i });
  });
}

export function buildListItems(model: ReviewModel, opts: ListOptions): ListItem[] {
  const out: ListItem[] = [];
  const hunks = model.hunks.filter((h) => matches(h, opts.stepFilter) && !opts.hidden?.has(h.id));
  const reading = opts.order === 'reading';
  const emit = (members: readonly ReviewHunk[]): void => (reading ? withReadingGroups(model, members, opts.expanded, out) : withFileHeaders(members, out));
  if (!opts.groupByStep) {
    if (reading) {
      emit(hunks);
      if (opts.stepFilter === undefined) noteFiles(model, out);
      return out;
    }
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
    emit(members);
  }
  return out;
}
