import { buildFileChange } from '../changeset/build';
import { decidedText } from '../changeset/items';
import { takenIds } from '../changeset/locate';
import { rebaseFile } from '../changeset/rebase';
import { refreshFile } from '../changeset/revise';
import type { Changeset, ChangesetErrorCode, FileInput } from '../changeset/types';
import { ok, type Result } from '../result';

/**
 * Puts a new proposal for one file into a changeset. Undecided files are rebuilt from the
 * proposal's own base (so hunks read as the agent meant them) and rebased onto the document;
 * a file with decisions keeps them, and the new text becomes a refresh against the document.
 */
export function replaceProposal(cs: Changeset, input: FileInput, current: string | null): Result<Changeset, ChangesetErrorCode> {
  const index = cs.files.findIndex((f) => f.path === input.path);
  const existing = cs.files[index];
  const decided = existing?.hunks.some((h) => h.state === 'accepted' || h.state === 'rejected') ?? false;
  if (existing && decided && current !== null && input.proposedText !== null) {
    const rebased = rebaseFile(existing, current);
    if (!rebased.ok) return rebased;
    const files = cs.files.slice();
    files[index] = rebased.value;
    return refreshFile({ ...cs, files }, input.path, decidedText(rebased.value), input.proposedText);
  }
  const taken = takenIds(cs);
  if (existing) for (const h of existing.hunks) taken.delete(h.id);
  const built = buildFileChange(input, existing?.context ?? 3, taken);
  if (!built.ok) return built;
  let file = built.value;
  if (current !== null && current !== decidedText(file)) {
    const rebased = rebaseFile(file, current);
    if (!rebased.ok) return rebased;
    file = rebased.value;
  }
  const files = cs.files.slice();
  if (index >= 0) files[index] = file;
  else files.push(file);
  return ok({ ...cs, files });
}
