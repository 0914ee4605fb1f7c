import type { DecisionState, FileChange, HunkRecord, Item } from './types';

/** Hunk id -> state, for the presence tests below. */
export type StateOf = (hunkId: string) => DecisionState | undefined;

export function stateLookup(hunks: readonly HunkRecord[]): StateOf {
  const map = new Map<string, DecisionState>();
  for (const h of hunks) map.set(h.id, h.state);
  return (id) => map.get(id);
}

/** Is the line in the decided text (the document): context, undecided removals, accepted additions. */
export function inDecided(item: Item, stateOf: StateOf): boolean {
  if (item.kind === 'context') return true;
  const accepted = item.hunk !== undefined && stateOf(item.hunk) === 'accepted';
  return item.kind === 'added' ? accepted : !accepted;
}

/** Is the line in the text with every pending hunk applied too (what `git diff` would still show). */
export function inPendingApplied(item: Item, stateOf: StateOf): boolean {
  if (item.kind === 'context') return true;
  const state = item.hunk === undefined ? undefined : stateOf(item.hunk);
  const applied = state === 'accepted' || state === 'pending';
  return item.kind === 'added' ? applied : !applied;
}

/** The base with exactly the accepted hunks (or accepted lines) applied. */
export function decidedText(file: FileChange): string {
  const stateOf = stateLookup(file.hunks);
  let out = '';
  for (const item of file.items) if (inDecided(item, stateOf)) out += item.text;
  return out;
}

/** The old side of the items: the base as the model knows it (after any rebase, the user's text). */
export function itemsBaseText(items: readonly Item[]): string {
  let out = '';
  for (const item of items) if (item.kind !== 'added') out += item.text;
  return out;
}

/**
 * Whether the file exists once the decisions are applied: an added file exists when one of its
 * hunks is accepted; a deleted file is gone only when all of its hunks are accepted.
 */
export function existsAfterDecisions(file: FileChange): boolean {
  const live = file.hunks.filter((h) => !h.detached);
  if (file.status === 'added') return live.some((h) => h.state === 'accepted');
  if (file.status === 'deleted') return !(live.length > 0 && live.every((h) => h.state === 'accepted'));
  return true;
}

/** Index range [first, last] of each hunk's items. */
export function itemSpans(items: readonly Item[]): Map<string, { first: number; last: number }> {
  const spans = new Map<string, { first: number; last: number }>();
  items.forEach((item, i) => {
    if (item.hunk === undefined) return;
    const s = spans.get(item.hunk);
    if (s === undefined) spans.set(item.hunk, { first: i, last: i });
    else s.last = i;
  });
  return spans;
}

/** Records sorted by the position of their first item; detached ones keep their relative place. */
export function sortHunks(items: readonly Item[], hunks: readonly HunkRecord[]): HunkRecord[] {
  const spans = itemSpans(items);
  const keyed = hunks.map((h, i) => ({ h, i, at: spans.get(h.id)?.first }));
  // Detached hunks sort right after the hunk that preceded them before.
  let last = -1;
  const withKeys = keyed.map((k) => {
    if (k.at !== undefined) last = k.at;
    return { ...k, key: k.at ?? last + 0.5 };
  });
  withKeys.sort((x, y) => x.key - y.key || x.i - y.i);
  return withKeys.map((k) => k.h);
}
