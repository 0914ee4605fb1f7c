import { buildFileChange } from '../changeset/build';
import { itemsBaseText, sortHunks } from '../changeset/items';
import { locateFile, replaceFiles } from '../changeset/locate';
import type { Changeset, ChangesetErrorCode, FileChange, HunkRecord, Item } from '../changeset/types';
import { ok, type Result } from '../result';
import { indexText, worktreeText } from './gitModel';
import { withStagedHunks, type GitTexts } from './gitFile';

/** The base a file of the review was diffed from (for a review against the index, the index when it was read). */
export function modelBase(file: FileChange): string | null {
  return file.status === 'added' ? null : itemsBaseText(file.items);
}

/** Whether the model of a file still says what git and the working tree say. */
export function inSync(file: FileChange, texts: GitTexts): boolean {
  return indexText(file) === texts.index && worktreeText(file) === texts.worktree && modelBase(file) === texts.base;
}

/**
 * Follows a file that changed underneath the review (an agent still writing, a `git add` in a
 * terminal, a commit). The file is diffed again, and:
 * - a hunk whose change is the same as before keeps its id and its decision (a rejected change that
 *   is back in the working tree, say after an undo, is pending again);
 * - a new hunk where an open hunk was takes that hunk's id as its next revision (the previous one
 *   stays viewable), so the reviewer's place and the mark of what changed survive;
 * - decided hunks that are gone stay on record, detached; open ones that are gone are dropped.
 * The index is then matched: hunks staged elsewhere become accepted, and when the index cannot be
 * told as whole hunks, the file is diffed from the index instead.
 */
export function refreshGitFile(cs: Changeset, texts: GitTexts): Result<Changeset, ChangesetErrorCode> {
  const found = locateFile(cs, texts.path);
  if (!found.ok) return found;
  const old = found.value.file;
  if (inSync(old, texts)) return ok(cs);
  const taken = idsOutside(cs, texts.path);
  const fromBase = rebuild(old, texts, texts.base, taken, false);
  if (!fromBase.ok) return fromBase;
  let next: FileChange | undefined = indexText(fromBase.value) === texts.index ? fromBase.value : undefined;
  if (next === undefined) {
    const reset: FileChange = {
      ...fromBase.value,
      hunks: fromBase.value.hunks.map((h) => (h.state === 'accepted' && !h.detached ? { ...h, state: 'pending' } : h)),
    };
    next = withStagedHunks(reset, texts, old.context);
  }
  if (next === undefined) {
    const fromIndex = rebuild(old, texts, texts.index, taken, true);
    if (!fromIndex.ok) return fromIndex;
    next = fromIndex.value;
  }
  return ok(replaceFiles(cs, new Map([[found.value.fileIndex, next]])));
}

function rebuild(old: FileChange, texts: GitTexts, base: string | null, taken: Set<string>, againstIndex: boolean): Result<FileChange, ChangesetErrorCode> {
  if (base === null && texts.worktree === null) {
    // A new file that is gone again: nothing left to review, decisions stay on record.
    return ok({ ...old, items: [], hunks: leftovers(old, new Set()), baseText: null, proposedText: null });
  }
  const built = buildFileChange(
    { path: texts.path, ...(texts.oldPath !== undefined ? { oldPath: texts.oldPath } : {}), baseText: base, proposedText: texts.worktree },
    old.context,
    new Set(taken),
  );
  if (!built.ok) return built;
  return ok(carry(old, built.value, againstIndex));
}

function carry(old: FileChange, fresh: FileChange, againstIndex: boolean): FileChange {
  const byId = new Map(old.hunks.map((h) => [h.id, h]));
  const used = new Set<string>();
  const rename = new Map<string, string>();
  const records: HunkRecord[] = [];
  const unmatched: HunkRecord[] = [];
  for (const h of fresh.hunks) {
    const was = byId.get(h.id);
    if (was === undefined) {
      unmatched.push(h);
      continue;
    }
    used.add(was.id);
    records.push(carried(was, againstIndex));
  }
  const oldRanges = baseRanges(old.items);
  const newRanges = baseRanges(fresh.items);
  for (const h of unmatched) {
    const range = newRanges.get(h.id);
    const was = old.hunks.find((o) => !used.has(o.id) && !o.detached && (o.state === 'pending' || o.state === 'stale') && overlaps(range, oldRanges.get(o.id)));
    if (was === undefined) {
      records.push(h);
      continue;
    }
    used.add(was.id);
    rename.set(h.id, was.id);
    const previous = {
      revision: was.revision,
      lines: old.items.filter((i) => i.hunk === was.id).map((i) => ({ kind: i.kind, text: i.text })),
      replacedBy: 'refresh',
    };
    records.push({ id: was.id, state: 'pending', revision: was.revision + 1, history: [...was.history, previous], flags: was.flags, steps: was.steps });
  }
  const items: Item[] =
    rename.size === 0
      ? [...fresh.items]
      : fresh.items.map((i) => (i.hunk !== undefined && rename.has(i.hunk) ? { ...i, hunk: rename.get(i.hunk) ?? i.hunk } : i));
  return { ...fresh, items, hunks: sortHunks(items, [...records, ...leftovers(old, used)]) };
}

/** A hunk whose change is back: an acceptance holds; a rejection or staleness is over (the change returned). */
function carried(h: HunkRecord, againstIndex: boolean): HunkRecord {
  const { staleReason: _s, detached: _d, reason: _r, ...rest } = h;
  return { ...rest, state: h.state === 'accepted' && !againstIndex ? 'accepted' : 'pending' };
}

function leftovers(old: FileChange, used: ReadonlySet<string>): HunkRecord[] {
  return old.hunks
    .filter((h) => !used.has(h.id) && (h.state === 'accepted' || h.state === 'rejected'))
    .map((h) => ({ ...h, detached: true, staleReason: h.staleReason ?? 'the working tree changed under this hunk' }));
}

/** Each hunk's lines in the old text, [start, end); a pure insertion is empty at its place. */
function baseRanges(items: readonly Item[]): Map<string, { start: number; end: number }> {
  const out = new Map<string, { start: number; end: number }>();
  let line = 0;
  for (const item of items) {
    if (item.hunk !== undefined) {
      const r = out.get(item.hunk);
      const end = item.kind === 'removed' ? line + 1 : line;
      out.set(item.hunk, r === undefined ? { start: line, end } : { start: r.start, end: Math.max(r.end, end) });
    }
    if (item.kind !== 'added') line++;
  }
  return out;
}

function overlaps(a: { start: number; end: number } | undefined, b: { start: number; end: number } | undefined): boolean {
  if (a === undefined || b === undefined) return false;
  if (a.start === a.end || b.start === b.end) return a.start <= b.end && b.start <= a.end;
  return a.start < b.end && b.start < a.end;
}

/** Ids in use anywhere but this file, so that a rebuilt hunk with an unchanged change gets its old id back. */
function idsOutside(cs: Changeset, path: string): Set<string> {
  const taken = new Set<string>();
  for (const f of cs.files) if (f.path !== path) for (const h of f.hunks) taken.add(h.id);
  for (const e of cs.undo) for (const f of e.before) if (f.path !== path) for (const h of f.hunks) taken.add(h.id);
  return taken;
}
