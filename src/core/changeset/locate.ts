import { fail, ok, type Result } from '../result';
import type { Changeset, ChangesetErrorCode, FileChange, HunkRecord, StateChange, UndoEntry } from './types';

export interface Located {
  readonly fileIndex: number;
  readonly file: FileChange;
  readonly hunk: HunkRecord;
}

export function locateHunk(cs: Changeset, hunkId: string): Result<Located, ChangesetErrorCode> {
  for (let fileIndex = 0; fileIndex < cs.files.length; fileIndex++) {
    const file = cs.files[fileIndex];
    const hunk = file?.hunks.find((h) => h.id === hunkId);
    if (file !== undefined && hunk !== undefined) return ok({ fileIndex, file, hunk });
  }
  return fail('E_UNKNOWN_HUNK', `no hunk '${hunkId}' in changeset '${cs.id}'`);
}

export function locateFile(cs: Changeset, path: string): Result<{ fileIndex: number; file: FileChange }, ChangesetErrorCode> {
  const fileIndex = cs.files.findIndex((f) => f.path === path);
  const file = cs.files[fileIndex];
  if (file === undefined) return fail('E_UNKNOWN_FILE', `no file '${path}' in changeset '${cs.id}'`);
  return ok({ fileIndex, file });
}

/** Every hunk id in use, so that new ids (split, line selection) never collide. */
export function takenIds(cs: Changeset): Set<string> {
  const taken = new Set<string>();
  for (const f of cs.files) for (const h of f.hunks) taken.add(h.id);
  for (const e of cs.undo) for (const f of e.before) for (const h of f.hunks) taken.add(h.id);
  return taken;
}

export function withHunk(file: FileChange, hunk: HunkRecord): FileChange {
  return { ...file, hunks: file.hunks.map((h) => (h.id === hunk.id ? hunk : h)) };
}

/** Replaces files (matched by index) and records one undo step for the decision. */
export function commitDecision(cs: Changeset, label: string, changed: ReadonlyMap<number, FileChange>, states?: readonly StateChange[]): Changeset {
  const before: FileChange[] = [];
  const after: FileChange[] = [];
  const files = cs.files.map((f, i) => {
    const next = changed.get(i);
    if (next === undefined || next === f) return f;
    before.push(f);
    after.push(next);
    return next;
  });
  const entry: UndoEntry = states === undefined ? { label, before, after } : { label, before, after, states };
  return { ...cs, files, undo: [...cs.undo, entry] };
}

/** Replaces files without an undo step (rebase, revisions, flags: not decisions). */
export function replaceFiles(cs: Changeset, changed: ReadonlyMap<number, FileChange>): Changeset {
  return { ...cs, files: cs.files.map((f, i) => changed.get(i) ?? f) };
}
