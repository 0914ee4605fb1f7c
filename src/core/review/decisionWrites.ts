import { fileEdits } from '../changeset/edits';
import { decidedText, existsAfterDecisions } from '../changeset/items';
import type { FileChange } from '../changeset/types';
import { fail, ok, type Result } from '../result';
import { untrusted, type TrustPort } from '../trust';
import type { FileWrite, FileWriteTo, ResolvedFile, ReviewWorkspace } from './ports';

/** One file of a decision: its model before and after the decision. */
export interface FileDecision {
  readonly file: ResolvedFile;
  readonly before: FileChange;
  readonly after: FileChange;
}

/**
 * Writes a decision's files, or nothing. Restricted Mode is refused here and only here, before
 * the first write (issue 15): a rejection writes nothing and so stays on, an accept or the undo of
 * one writes and is refused, whichever door (API, command, panel, plan) it came through. The
 * files go to the port as one batch, so one decision is one undo step.
 */
export async function writeDecision(workspace: ReviewWorkspace, trust: TrustPort, changes: readonly FileDecision[]): Promise<Result<void>> {
  const { writeChange } = workspace;
  const writes: FileWriteTo[] = writeChange
    ? []
    : changes.flatMap(({ file, before, after }) => {
        const write = writeFor(before, after);
        return write ? [{ file, write }] : [];
      });
  if ((writeChange ? changes.length : writes.length) === 0) return ok(undefined);
  if (!trust.isTrusted()) return untrusted();
  if (!writeChange) return workspace.write(writes);
  // The git working tree stages and reverts file by file (its port puts a file's index back when
  // its working-tree edit fails); a later file's failure leaves the earlier ones done.
  for (const { file, before, after } of changes) {
    const changed = await writeChange.call(workspace, file, before, after);
    if (!changed.ok) return fail(changed.code, `${after.path}: ${changed.message}`);
  }
  return ok(undefined);
}

/** The write that turns `before`'s file into `after`'s, or undefined when nothing changes. */
export function writeFor(before: FileChange, after: FileChange): FileWrite | undefined {
  const existed = existsAfterDecisions(before);
  const exists = existsAfterDecisions(after);
  if (!existed && exists) return { kind: 'create', text: decidedText(after) };
  if (existed && !exists) return { kind: 'delete' };
  if (!exists) return undefined;
  const edits = fileEdits(before, after);
  return edits.length > 0 ? { kind: 'edit', edits, expected: decidedText(before) } : undefined;
}
