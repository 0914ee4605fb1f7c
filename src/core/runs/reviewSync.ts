import type { FeedbackQueue, RejectionNote } from '../agent/feedback';
import type { ProposalOverlay } from '../agent/overlay';
import { decidedText, existsAfterDecisions, inPendingApplied, stateLookup } from '../changeset/items';
import { hunkRegion } from '../changeset/revise';
import type { Changeset, FileChange, StepRange } from '../changeset/types';
import type { DecisionEvent } from '../review/reviewSession';

/**
 * A decision on a run's changeset: a rejection, and an accept of the reviewer's own version, are
 * told to the model; the run's view of the file follows.
 */
export function followDecision(e: DecisionEvent, changeset: Changeset, feedback: FeedbackQueue, overlay: ProposalOverlay | undefined): void {
  if (e.decision === 'reject') feedback.add(rejectionNote(changeset, e.path, e.hunkId, e.reason));
  if (e.edit !== undefined) feedback.add({ path: e.path, hunkId: e.hunkId, edit: e.edit });
  const file = changeset.files.find((f) => f.path === e.path);
  if (file !== undefined && overlay?.has(e.path)) seedFromChangeset(overlay, file);
}

function rejectionNote(changeset: Changeset, path: string, hunkId: string, reason: string | undefined): RejectionNote {
  const region = hunkRegion(changeset, hunkId);
  const excerpt = region.ok && region.value.newText !== '' ? region.value.newText : undefined;
  return { path, hunkId, reason: reason ?? '(no reason given)', ...(excerpt === undefined ? {} : { excerpt }) };
}

/** Every rejected hunk of a changeset with its reason, in file order. */
export function rejectionNotes(changeset: Changeset): RejectionNote[] {
  return changeset.files.flatMap((f) => f.hunks.filter((h) => h.state === 'rejected').map((h) => rejectionNote(changeset, f.path, h.id, h.reason)));
}

/**
 * After a review decision (or when a stored run continues) the run's view of a file follows the
 * changeset: its base is what the document now holds (accepted hunks in), and its proposal keeps
 * only what is still pending, so a rejected change is gone for the agent too and later turns do
 * not bring it back. The pending hunks keep their plan steps, so a later turn's update of the
 * file does not strip their tags.
 */
export function seedFromChangeset(overlay: ProposalOverlay, file: FileChange): void {
  const stateOf = stateLookup(file.hunks);
  const live = file.hunks.filter((h) => !h.detached);
  const open = (h: { state: string }): boolean => h.state === 'pending' || h.state === 'accepted' || h.state === 'stale';
  const base = existsAfterDecisions(file) ? decidedText(file) : null;
  let proposedExists = true;
  if (file.status === 'added') proposedExists = live.some(open);
  if (file.status === 'deleted') proposedExists = !(live.length > 0 && live.every(open));
  const proposed = proposedExists
    ? file.items
        .filter((i) => inPendingApplied(i, stateOf))
        .map((i) => i.text)
        .join('')
    : null;
  overlay.seed(file.path, base, proposed, proposedExists ? pendingStepRanges(file) : []);
}

/** Where each pending hunk's steps (and intent) sit in the pending-applied text (StepRange's conventions). */
function pendingStepRanges(file: FileChange): StepRange[] {
  const stateOf = stateLookup(file.hunks);
  const pending = new Map(file.hunks.filter((h) => h.state === 'pending').map((h) => [h.id, h] as const));
  const ranges: { -readonly [K in keyof StepRange]: StepRange[K] }[] = [];
  let line = 0; // lines of the pending-applied text so far
  for (const item of file.items) {
    const shown = inPendingApplied(item, stateOf);
    if (shown) line++;
    const hunk = item.hunk === undefined ? undefined : pending.get(item.hunk);
    if (hunk === undefined) continue;
    // An added line is line `line`; a removed one left an empty range just before the next line.
    const [startLine, endLine] = shown ? [line, line] : [line + 1, line];
    for (const step of hunk.steps) {
      const last = [...ranges].reverse().find((r) => r.step === step && r.intent === hunk.intent);
      if (last !== undefined && last.endLine >= startLine - 1) last.endLine = Math.max(last.endLine, endLine);
      else ranges.push({ startLine, endLine, step, ...(hunk.intent === undefined ? {} : { intent: hunk.intent }) });
    }
  }
  return ranges;
}
