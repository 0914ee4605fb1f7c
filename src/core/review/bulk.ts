import { commitDecision } from '../changeset/locate';
import type { Changeset, ChangesetErrorCode, FileChange, StateChange } from '../changeset/types';
import { fail, ok, type Result } from '../result';
import { isProtectedFlag } from './flags';

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
