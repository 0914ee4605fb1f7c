import { HunkHash } from '../diff/hunkId';
import type { Changeset, FileChange } from '../changeset/types';

/**
 * What the reviewer has looked at: each seen hunk's id with the key of its content at that moment.
 * A hunk id names content when the hunk is built, but a fix or a refresh gives the same id new
 * lines (a new revision): a mark counts only while the content is still the one that was seen, so
 * a flagged hunk revised into something else must be looked at again before Accept all.
 */
export type SeenMarks = ReadonlyMap<string, string>;

/** How a hunk stands with the reviewer: looked at as it is, looked at before its lines changed, or neither. */
export type SeenStatus = 'seen' | 'changed' | undefined;

const NOTHING_TAKEN: ReadonlySet<string> = new Set();

/** The content key of every hunk of a file that owns lines, in one pass over its items. */
export function contentKeys(file: FileChange): Map<string, string> {
  const hashes = new Map<string, HunkHash>();
  for (const item of file.items) {
    if (item.hunk === undefined) continue;
    let hash = hashes.get(item.hunk);
    if (hash === undefined) {
      hash = new HunkHash(file.path);
      hashes.set(item.hunk, hash);
    }
    hash.line(item.kind === 'added', item.text);
  }
  const keys = new Map<string, string>();
  for (const [id, hash] of hashes) keys.set(id, hash.id(NOTHING_TAKEN));
  return keys;
}

export function seenStatus(marks: SeenMarks, hunkId: string, key: string | undefined): SeenStatus {
  const mark = marks.get(hunkId);
  if (mark === undefined) return undefined;
  return key === undefined || mark === key ? 'seen' : 'changed';
}

/** The marks with `hunkId` seen as it is now; the same marks when nothing changes. */
export function markSeen(marks: SeenMarks, cs: Changeset, hunkId: string): SeenMarks {
  const file = cs.files.find((f) => f.hunks.some((h) => h.id === hunkId));
  if (file === undefined) return marks;
  const key = contentKeys(file).get(hunkId);
  if (key === undefined || marks.get(hunkId) === key) return marks;
  return new Map(marks).set(hunkId, key);
}

/** Whether each hunk of the changeset is seen as it is now, by id (for the hunks that have a mark). */
export function seenHunks(marks: SeenMarks, cs: Changeset): Map<string, SeenStatus> {
  const status = new Map<string, SeenStatus>();
  if (marks.size === 0) return status;
  for (const file of cs.files) {
    if (!file.hunks.some((h) => marks.has(h.id))) continue;
    const keys = contentKeys(file);
    for (const h of file.hunks) if (marks.has(h.id)) status.set(h.id, seenStatus(marks, h.id, keys.get(h.id)));
  }
  return status;
}

/**
 * Marks as stored: `id#key`. A record written before marks had keys holds bare ids; those hunks
 * count as seen as they are when the record is read back, which is what the record meant.
 */
export function serializeMarks(marks: SeenMarks): string[] {
  return [...marks].map(([id, key]) => `${id}#${key}`);
}

export function restoreMarks(stored: readonly string[], cs: Changeset): Map<string, string> {
  const marks = new Map<string, string>();
  const bare = new Set<string>();
  for (const s of stored) {
    const at = s.lastIndexOf('#');
    if (at < 0) bare.add(s);
    else marks.set(s.slice(0, at), s.slice(at + 1));
  }
  let next: SeenMarks = marks;
  for (const id of bare) next = markSeen(next, cs, id);
  return new Map(next);
}
