import { acceptsAfter, entryChanges } from './rewind';
import type { Changeset, DecisionState, UndoEntry } from './types';

/** A point of a changeset's decision history that a rewind can go back to. */
export interface RewindPoint {
  /** Decisions kept: `rewindAccepts(cs, keep)`. 0 is the start, before any decision. */
  readonly keep: number;
  /** "after accept a.ts hunk 2", or "all accepted hunks" for the start. */
  readonly label: string;
  /** How long ago the decision the point follows was made ("3 min ago"); absent when not known. */
  readonly when?: string;
  /** Accepted hunks a rewind to this point takes back. */
  readonly accepts: number;
}

const VERB: Record<DecisionState, string> = { accepted: 'accept', rejected: 'reject', pending: 'rewind', stale: 'rewind' };

/**
 * The points a rewind can go back to, newest first: after each decision that some later accept
 * still stands on, then the start (every accept of the changeset). Points that would take nothing
 * back are left out, so the list is empty when nothing is accepted.
 */
export function rewindPoints(cs: Changeset, now: number): RewindPoint[] {
  const points: RewindPoint[] = [];
  for (let keep = cs.undo.length - 1; keep >= 0; keep--) {
    const accepts = acceptsAfter(cs, keep).size;
    if (accepts === 0) continue;
    if (keep === 0) {
      points.push({ keep, label: 'all accepted hunks', accepts });
      continue;
    }
    const entry = cs.undo[keep - 1];
    if (entry === undefined) continue;
    const when = entry.at === undefined ? undefined : ago(now - entry.at);
    points.push({ keep, label: `after ${describeEntry(entry)}`, accepts, ...(when === undefined ? {} : { when }) });
  }
  return points;
}

/** "accept a.ts hunk 2", "reject 3 hunks in b.ts", "accept 5 hunks in 2 files", "split a.ts hunk 1". */
function describeEntry(entry: UndoEntry): string {
  const changes = entryChanges(entry);
  const first = changes[0];
  const verb = first === undefined ? (entry.label.split(' ')[0] ?? 'change') : VERB[first.after];
  const where = (hunkId: string): { path: string; ordinal: number } | undefined => {
    for (const f of entry.after) {
      const i = f.hunks.findIndex((h) => h.id === hunkId);
      if (i >= 0) return { path: f.path, ordinal: i + 1 };
    }
    return undefined;
  };
  if (changes.length === 1 && first !== undefined) {
    const at = where(first.hunkId);
    return at === undefined ? `${verb} ${first.hunkId}` : `${verb} ${at.path} hunk ${at.ordinal}`;
  }
  const files = entry.after.map((f) => f.path);
  if (changes.length === 0) return `${verb} ${files.join(', ')}`;
  return files.length === 1 ? `${verb} ${changes.length} hunks in ${files[0] ?? ''}` : `${verb} ${changes.length} hunks in ${files.length} files`;
}

/** "just now", "3 min ago", "2 h ago", "4 days ago". */
export function ago(ms: number): string {
  const min = Math.floor(Math.max(0, ms) / 60_000);
  if (min < 1) return 'just now';
  if (min < 60) return `${min} min ago`;
  const h = Math.floor(min / 60);
  if (h < 24) return `${h} h ago`;
  const d = Math.floor(h / 24);
  return `${d} day${d === 1 ? '' : 's'} ago`;
}
