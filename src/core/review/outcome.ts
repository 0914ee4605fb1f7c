import type { Changeset, HunkRecord } from '../changeset/types';

/** A rejected hunk as the done moment reports it: where, and why if the reviewer said. */
export interface RejectedHunk {
  readonly path: string;
  readonly reason?: string;
}

/** What a fully decided changeset came to: what landed and what was turned away. */
export interface ReviewOutcome {
  readonly hunks: number;
  readonly accepted: number;
  /** Files with at least one accepted hunk, in changeset order. */
  readonly acceptedFiles: readonly string[];
  /** Lines the accepted hunks added and removed. */
  readonly added: number;
  readonly removed: number;
  readonly rejected: readonly RejectedHunk[];
}

/**
 * The review's end: undefined while any hunk waits (pending, or stale and needing a look) or when
 * the changeset is empty, else what was accepted and rejected. A decision the user's own edit
 * detached still counts, with the lines it had when it was decided.
 */
export function reviewOutcome(changeset: Changeset): ReviewOutcome | undefined {
  let hunks = 0;
  let added = 0;
  let removed = 0;
  const acceptedFiles: string[] = [];
  const rejected: RejectedHunk[] = [];
  for (const file of changeset.files) {
    let fileAccepted = false;
    for (const hunk of file.hunks) {
      if (hunk.state === 'pending' || hunk.state === 'stale') return undefined;
      hunks++;
      if (hunk.state === 'rejected') {
        rejected.push({ path: file.path, ...(hunk.reason === undefined || hunk.reason.trim() === '' ? {} : { reason: hunk.reason }) });
        continue;
      }
      fileAccepted = true;
      const lines = linesOf(hunk, file.items);
      added += lines.added;
      removed += lines.removed;
    }
    if (fileAccepted) acceptedFiles.push(file.path);
  }
  if (hunks === 0) return undefined;
  return { hunks, accepted: hunks - rejected.length, acceptedFiles, added, removed, rejected };
}

function linesOf(hunk: HunkRecord, items: Changeset['files'][number]['items']): { added: number; removed: number } {
  const owned = hunk.detached === true ? (hunk.history.at(-1)?.lines ?? []) : items.filter((item) => item.hunk === hunk.id);
  let added = 0;
  let removed = 0;
  for (const line of owned) {
    if (line.kind === 'added') added++;
    else if (line.kind === 'removed') removed++;
  }
  return { added, removed };
}
