import { structuredPatch } from 'diff';
import { fail, ok, type Result } from '../result';
import { decideHunk } from './decisions';
import { decidedText } from './items';
import { commitDecision, locateHunk, withHunk } from './locate';
import { hunkRegion, reviseHunk, type HunkRegion } from './revise';
import type { Changeset, ChangesetErrorCode, FileChange, HunkRecord } from './types';

/** What a reviewer changed in a hunk before accepting it: its region as proposed, and as it landed. */
export interface HunkEdit {
  readonly proposed: string;
  readonly text: string;
}

export interface EditedAccept {
  readonly changeset: Changeset;
  /** Undefined when the text was the proposal unchanged: that is an ordinary accept. */
  readonly edit?: HunkEdit;
}

/**
 * Accepts a pending hunk with the reviewer's version of its proposed lines: `text` replaces the
 * hunk's region (`hunkRegion(...).newText`, from its first to its last changed line) and the
 * hunk is accepted, as one decision and one undo step. The hunk becomes its next revision (the
 * proposal stays in its history) and is marked `edited`. `revision` is the revision the reviewer
 * edited: a hunk revised since (a fix came in) is refused, as is a stale one, so nothing is
 * written over text the reviewer did not see.
 *
 * `text` may come from a text area: its line breaks become the file's, and it ends with a
 * newline where the proposal did. Text equal to the base is kept as an edit (the hunk removes
 * and adds back its lines); empty text deletes the region.
 */
export function acceptEdited(cs: Changeset, hunkId: string, text: string, revision: number): Result<EditedAccept, ChangesetErrorCode> {
  const found = locateHunk(cs, hunkId);
  if (!found.ok) return found;
  const { fileIndex, file, hunk } = found.value;
  if (hunk.state === 'stale')
    return fail('E_STALE', `hunk '${hunkId}' is stale (${hunk.staleReason ?? 'the file changed under it'}); nothing was written, refresh it and edit again`);
  if (hunk.detached) return fail('E_DETACHED', `hunk '${hunkId}' no longer owns any line; nothing was written`);
  if (hunk.state !== 'pending') return fail('E_ALREADY', `hunk '${hunkId}' is already ${hunk.state}; only a pending hunk can be edited`);
  if (hunk.revision !== revision)
    return fail('E_MISMATCH', `hunk '${hunkId}' changed while you edited it (revision ${hunk.revision} now, you edited ${revision}); nothing was written`);
  const region = hunkRegion(cs, hunkId);
  if (!region.ok) return region;
  const edited = inFileForm(text, region.value, file);
  if (edited === region.value.newText) {
    const accepted = decideHunk(cs, hunkId, 'accept');
    return accepted.ok ? ok({ changeset: accepted.value }) : accepted;
  }
  const revised = reviseHunk(cs, hunkId, edited, 'edit', 'keep');
  if (!revised.ok) return revised;
  const now = revised.value.files[fileIndex];
  const record = now?.hunks.find((h) => h.id === hunkId);
  if (now === undefined || record === undefined) throw new Error(`acceptEdited: hunk '${hunkId}' vanished in its revision`);
  const { reason: _r, ...rest } = record;
  const accepted: HunkRecord = { ...rest, state: 'accepted', edited: { proposed: region.value.newText } };
  const before = hunk.reason === undefined ? { state: hunk.state } : { state: hunk.state, reason: hunk.reason };
  const changeset = commitDecision(cs, `accept ${hunkId} with edits`, new Map([[fileIndex, withHunk(now, accepted)]]), [{ hunkId, before, after: 'accepted' }]);
  return ok({ changeset, edit: { proposed: region.value.newText, text: edited } });
}

/** The reviewer's text with the file's line breaks, ending with a newline where the proposal did. */
function inFileForm(text: string, region: HunkRegion, file: FileChange): string {
  const sample = region.newText || region.oldText || decidedText(file);
  const eol = sample.includes('\r\n') ? '\r\n' : '\n';
  const lines = text.replace(/\r\n/g, '\n').replace(/\n/g, eol);
  const endsLine = region.newText === '' ? region.oldText === '' || region.oldText.endsWith('\n') : region.newText.endsWith('\n');
  return lines !== '' && endsLine && !lines.endsWith('\n') ? lines + eol : lines;
}

/** A small unified diff of the proposed lines against the reviewer's. */
export function editDiff(edit: HunkEdit): string {
  const { hunks } = structuredPatch('proposed', 'accepted', edit.proposed, edit.text, '', '', { context: 2 });
  return hunks.flatMap((h) => [`@@ -${h.oldStart},${h.oldLines} +${h.newStart},${h.newLines} @@`, ...h.lines.map((l) => l.replace(/\r$/, ''))]).join('\n');
}
