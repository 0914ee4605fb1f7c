import type { ProposalOverlay } from '../../core/agent/overlay';
import { decidedText, existsAfterDecisions, inPendingApplied, stateLookup } from '../../core/changeset/items';
import type { FileChange } from '../../core/changeset/types';

/**
 * After a review decision the run's view of a file follows the changeset: its base is what the
 * document now holds (accepted hunks in), and its proposal keeps only what is still pending, so a
 * rejected change is gone for the agent too and later turns do not bring it back.
 */
export function seedFromChangeset(overlay: ProposalOverlay, file: FileChange): void {
  const stateOf = stateLookup(file.hunks);
  const live = file.hunks.filter((h) => !h.detached);
  const open = (h: { state: string }): boolean => h.state === 'pending' || h.state === 'accepted' || h.state === 'stale';
  const base = existsAfterDecisions(file) ? decidedText(file) : null;
  let proposedExists = true;
  if (file.status === 'added') proposedExists = live.some(open);
  if (file.status === 'deleted') proposedExists = !(live.length > 0 && live.every(open));
  const proposed = proposedExists ? file.items.filter((i) => inPendingApplied(i, stateOf)).map((i) => i.text).join('') : null;
  overlay.seed(file.path, base, proposed);
}
