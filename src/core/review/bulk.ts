import { decideAll, decideFile, type Decision } from '../changeset/decisions';
import { commitDecision } from '../changeset/locate';
import type { Changeset, ChangesetErrorCode, FileChange, StateChange } from '../changeset/types';
import { fail, ok, type Result } from '../result';
import type { ChangesetEntry } from './changesetEntry';
import { isProtectedFlag } from './flags';
import { seenHunks } from './seenMarks';

/**
 * A whole file decided at once. Accepting it is a bulk accept: a protected path's hunks go one by
 * one, and a flagged hunk must have been looked at first.
 */
export function decideWholeFile(cs: Changeset, entry: ChangesetEntry, path: string, decision: Decision): Result<Changeset> {
  if (decision === 'accept') {
    const file = cs.files.find((f) => f.path === path);
    if (file?.hunks.some((h) => h.state === 'pending' && h.flags.some(isProtectedFlag))) {
      return fail('E_PROTECTED', `${path} is a protected path: accept its hunks one by one`);
    }
    const blocked = bulkBlocker(entry, (p) => p === path);
    if (blocked) return fail('E_FLAGGED', blocked);
  }
  return decideFile(cs, path, decision);
}

/**
 * Every open hunk decided at once. Accept all refuses while a flagged hunk has not been looked at,
 * and never accepts a hunk of a protected path: those are accepted one by one (Safety issue).
 */
export function decideEverything(cs: Changeset, entry: ChangesetEntry, decision: Decision): Result<Changeset> {
  if (decision === 'reject') return decideAll(cs, 'reject');
  const blocked = bulkBlocker(entry, () => true);
  if (blocked) return fail('E_FLAGGED', blocked);
  return acceptAllUnprotected(cs);
}

/** Why a bulk accept must wait: the flagged hunks in scope the reviewer has not looked at. */
function bulkBlocker(entry: ChangesetEntry, inScope: (path: string) => boolean): string | undefined {
  const unseen: string[] = [];
  // A mark counts while the hunk is still what was seen: a fix may have revised it since.
  const status = seenHunks(entry.seen, entry.changeset);
  for (const file of entry.changeset.files) {
    if (!inScope(file.path)) continue;
    for (const h of file.hunks) {
      if (h.state === 'pending' && h.flags.length > 0 && status.get(h.id) !== 'seen') unseen.push(`${file.path} (${h.flags.join(', ')})`);
    }
  }
  if (unseen.length === 0) return undefined;
  return `look at the flagged hunks before accepting them in bulk: ${unseen.slice(0, 5).join('; ')}${unseen.length > 5 ? ` and ${unseen.length - 5} more` : ''}`;
}

/**
 * Accepts every pending hunk except those of protected paths, as one undo step. Protected hunks
 * (workspace settings, CI, agent config, the plan's Constraints) need a decision of their own.
 */
export function acceptAllUnprotected(cs: Changeset): Result<Changeset, ChangesetErrorCode | 'E_PROTECTED_ONLY'> {
  const states: StateChange[] = [];
  let skipped = 0;
  const changed = new Map<number, FileChange>();
  cs.files.forEach((file, i) => {
    let touched = false;
    const hunks = file.hunks.map((h) => {
      if (h.state !== 'pending' || h.detached) return h;
      if (h.flags.some(isProtectedFlag)) {
        skipped++;
        return h;
      }
      touched = true;
      const { reason: _reason, ...rest } = h;
      states.push({ hunkId: h.id, before: h.reason === undefined ? { state: h.state } : { state: h.state, reason: h.reason }, after: 'accepted' });
      return { ...rest, state: 'accepted' as const };
    });
    if (touched) changed.set(i, { ...file, hunks });
  });
  if (states.length === 0) {
    return skipped > 0
      ? fail('E_PROTECTED_ONLY', `the ${skipped} pending hunk(s) left touch protected paths; accept them one by one`)
      : fail('E_ALREADY', `changeset '${cs.id}' has no pending hunk to accept`);
  }
  return ok(commitDecision(cs, 'accept all', changed, states));
}
