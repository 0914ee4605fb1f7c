import { fileEdits } from '../changeset/edits';
import { decidedText, existsAfterDecisions, stateLookup, type StateOf } from '../changeset/items';
import type { FileChange, HunkRecord, Item } from '../changeset/types';
import type { FileWrite } from '../review/ports';

/**
 * A file of a working-tree review has two texts, where an agent's proposal has one:
 * - the index: the base with the accepted hunks (`decidedText`): accepting stages;
 * - the working tree: the base with every hunk but the rejected ones: rejecting reverts.
 * Pending hunks are in the working tree (that is where they came from) and not in the index.
 */
export function inWorking(item: Item, stateOf: StateOf): boolean {
  if (item.kind === 'context') return true;
  const rejected = item.hunk !== undefined && stateOf(item.hunk) === 'rejected';
  return item.kind === 'removed' ? rejected : !rejected;
}

export function workingText(file: FileChange): string {
  const stateOf = stateLookup(file.hunks);
  let out = '';
  for (const item of file.items) if (inWorking(item, stateOf)) out += item.text;
  return out;
}

/** Whether the working tree has the file: a new file is gone once rejected, a deletion is undone by a rejection. */
export function worktreeExists(file: FileChange): boolean {
  const live = file.hunks.filter((h) => !h.detached);
  if (file.status === 'added') return live.some((h) => h.state !== 'rejected');
  if (file.status === 'deleted') return live.some((h) => h.state === 'rejected');
  return true;
}

/** The index's text of the file as the decisions make it; null when the index does not hold it. */
export function indexText(file: FileChange): string | null {
  return existsAfterDecisions(file) ? decidedText(file) : null;
}

export function worktreeText(file: FileChange): string | null {
  return worktreeExists(file) ? workingText(file) : null;
}

/** What one decision does to git: the index's new text (null removes the file from it) and the working tree's edit. */
export interface GitWrites {
  readonly index?: { readonly text: string | null };
  readonly worktree?: FileWrite;
}

/**
 * The writes that take a file from `before` to `after`. The working tree gets minimal line edits
 * (one `WorkspaceEdit`, one undo step), computed like an accept's edits on a mirror of the file in
 * which "in the working tree" is what "decided" means.
 */
export function gitWritesFor(before: FileChange, after: FileChange): GitWrites {
  const out: { index?: { text: string | null }; worktree?: FileWrite } = {};
  const ib = indexText(before);
  const ia = indexText(after);
  if (ib !== ia) out.index = { text: ia };
  const wb = worktreeText(before);
  const wa = worktreeText(after);
  if (wb === wa) return out;
  if (wb === null) out.worktree = { kind: 'create', text: wa ?? '' };
  else if (wa === null) out.worktree = { kind: 'delete' };
  else out.worktree = { kind: 'edit', edits: fileEdits(mirror(before), mirror(after)), expected: wb };
  return out;
}

/** The same file with states chosen so that `decidedText` is the working text. */
function mirror(file: FileChange): FileChange {
  const hunks = file.hunks.map((h): HunkRecord => ({ ...h, state: h.state === 'rejected' ? 'pending' : 'accepted' }));
  return { ...file, hunks };
}
