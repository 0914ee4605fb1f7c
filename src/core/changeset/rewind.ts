import { fail, ok, type Result } from '../result';
import { decidedText } from './items';
import { commitDecision } from './locate';
import type { Changeset, ChangesetErrorCode, DecisionState, FileChange, HunkRecord, Item, StateChange, UndoEntry } from './types';

/** Why a hunk of a file the user edited after accepting it stays as it is. */
export const EDITED_SINCE_ACCEPT = 'you edited this file after accepting';

/** A hunk's decision as it stood at a point of the history. */
type PastState = StateChange['before'];

export interface Rewound {
  readonly changeset: Changeset;
  /** Hunks whose accept was taken back (their files go back to the text before the accepts). */
  readonly restored: readonly string[];
  /** Files the user edited after the accepts: not written, their accepted hunks now stale. */
  readonly left: readonly string[];
}

/**
 * What one undo entry changed, hunk by hunk: worked out from its files before and after, so a line
 * selection (which records no states) counts like any accept. A hunk new in `after` was pending.
 */
export function entryChanges(entry: UndoEntry): StateChange[] {
  const changes: StateChange[] = [];
  entry.after.forEach((after, k) => {
    const before = new Map((entry.before[k]?.hunks ?? []).map((h) => [h.id, h]));
    for (const h of after.hunks) {
      const was = before.get(h.id);
      const state: DecisionState = was?.state ?? 'pending';
      if (state === h.state) continue;
      changes.push({ hunkId: h.id, before: was?.reason === undefined ? { state } : { state, reason: was.reason }, after: h.state });
    }
  });
  return changes;
}

/** Each hunk's decision at the point (the first state any later entry found it in); later hunks only. */
function statesAtPoint(later: readonly UndoEntry[]): Map<string, PastState> {
  const at = new Map<string, PastState>();
  for (const entry of later) for (const change of entryChanges(entry)) if (!at.has(change.hunkId)) at.set(change.hunkId, change.before);
  return at;
}

/** Hunks accepted now that were not accepted at the point: what a rewind takes back, with the state it returns to. */
export function acceptsAfter(cs: Changeset, keep: number): Map<string, PastState> {
  const at = statesAtPoint(cs.undo.slice(keep));
  const out = new Map<string, PastState>();
  for (const file of cs.files)
    for (const h of file.hunks) {
      const was = at.get(h.id);
      if (h.state === 'accepted' && was !== undefined && was.state !== 'accepted') out.set(h.id, was);
    }
  return out;
}

/**
 * Whether `path` changed between the decisions after the point, or since the last of them: each
 * entry that touched it must start from the text the previous one left, and the file must still
 * read as the last one left it. Only the user's edits change a file's text between decisions.
 */
function editedSince(later: readonly UndoEntry[], file: FileChange): boolean {
  let left: string | undefined;
  for (const entry of later) {
    const k = entry.after.findIndex((f) => f.path === file.path);
    const before = entry.before[k];
    const after = entry.after[k];
    if (k < 0 || before === undefined || after === undefined) continue;
    if (left !== undefined && decidedText(before) !== left) return true;
    left = decidedText(after);
  }
  return left !== undefined && decidedText(file) !== left;
}

/**
 * Takes back every accept made after the first `keep` decisions of the changeset (0: every accept
 * of the changeset), as one decision: each such hunk returns to the state it had at that point
 * (pending, or rejected with its reason); hunks rejected since stay rejected. A file the user
 * edited after the accepts is not taken back: its hunks become stale (`EDITED_SINCE_ACCEPT`) and
 * its text stays exactly as it is. Files are matched by path, so a split or a rebase in between
 * does not matter.
 */
export function rewindAccepts(cs: Changeset, keep: number): Result<Rewound, ChangesetErrorCode> {
  if (!Number.isInteger(keep) || keep < 0 || keep > cs.undo.length)
    return fail('E_RANGE', `no point ${String(keep)} in the history of changeset '${cs.id}' (it has ${cs.undo.length} decisions)`);
  const later = cs.undo.slice(keep);
  const targets = acceptsAfter(cs, keep);
  if (targets.size === 0) return fail('E_NOTHING_TO_UNDO', `changeset '${cs.id}' has no hunk accepted after that point`);
  const changed = new Map<number, FileChange>();
  const states: StateChange[] = [];
  const restored: string[] = [];
  const left: string[] = [];
  cs.files.forEach((file, index) => {
    const mine = file.hunks.filter((h) => targets.has(h.id));
    if (mine.length === 0) return;
    if (editedSince(later, file)) {
      changed.set(index, staleInPlace(file, new Set(mine.filter((h) => !h.detached).map((h) => h.id))));
      left.push(file.path);
      return;
    }
    const hunks = file.hunks.map((h): HunkRecord => {
      const was = targets.get(h.id);
      if (was === undefined) return h;
      states.push({ hunkId: h.id, before: { state: 'accepted' }, after: was.state });
      restored.push(h.id);
      const { reason: _r, ...rest } = h;
      return was.reason === undefined ? { ...rest, state: was.state } : { ...rest, state: was.state, reason: was.reason };
    });
    changed.set(index, { ...file, hunks });
  });
  const label = keep === 0 ? 'rewind all accepts' : `rewind accepts after decision ${keep}`;
  return ok({ changeset: commitDecision(cs, label, changed, states), restored, left });
}

/**
 * Accepted hunks made stale without changing a character of the file: each keeps the lines it put
 * in as both its old side (the user's text) and its new side (the proposal), as a stale hunk reads;
 * the lines it replaced go to its history, where the review shows the previous revision.
 */
function staleInPlace(file: FileChange, ids: ReadonlySet<string>): FileChange {
  if (ids.size === 0) return file;
  const items: Item[] = [];
  const owned = new Map<string, Item[]>();
  let run: { id: string; added: Item[] } | undefined;
  const flush = (): void => {
    if (run === undefined) return;
    for (const kind of ['removed', 'added'] as const) for (const a of run.added) items.push({ ...a, kind });
    run = undefined;
  };
  for (const item of file.items) {
    const id = item.hunk;
    if (id === undefined || !ids.has(id)) {
      flush();
      items.push(item);
      continue;
    }
    owned.set(id, [...(owned.get(id) ?? []), item]);
    if (run !== undefined && run.id !== id) flush();
    run ??= { id, added: [] };
    if (item.kind === 'added') run.added.push(item);
  }
  flush();
  const hunks = file.hunks.map((h): HunkRecord => {
    if (!ids.has(h.id)) return h;
    const lines = (owned.get(h.id) ?? []).map((i) => ({ kind: i.kind, text: i.text }));
    const { reason: _r, freshBase: _f, ...rest } = h;
    // A hunk that only removed lines has none left to show: it keeps its decision's record, detached.
    const detached = !items.some((i) => i.hunk === h.id);
    return {
      ...rest,
      state: 'stale',
      staleReason: EDITED_SINCE_ACCEPT,
      revision: h.revision + 1,
      history: [...h.history, { revision: h.revision, lines, replacedBy: 'rewind' }],
      ...(detached ? { detached: true } : {}),
    };
  });
  return { ...file, items, hunks };
}
