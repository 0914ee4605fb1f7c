/**
 * The changeset model. Everything is immutable: every operation returns a new value and shares
 * what it did not change.
 *
 * A file is one merged line sequence (`items`): the unified diff of base and proposed text with
 * unlimited context. Each removed or added line is owned by exactly one hunk. The text of any
 * combination of decisions is therefore exact and cheap: walk the items and keep
 * - context lines always,
 * - removed lines unless their hunk is accepted,
 * - added lines only if their hunk is accepted.
 * This "decided text" is what the user's document shows (plus the user's own edits, which
 * `rebaseFile` folds into the items).
 */

import type { FileStatus, HunkState } from '../../shared/api';

/**
 * A hunk's decision as the model keeps it. An accept of the reviewer's own version is 'accepted'
 * with `edited` set (every rule about accepted lines holds for it); the API shows it as 'modified'.
 */
export type DecisionState = Exclude<HunkState, 'modified'>;

export type ChangesetSource = 'agent' | 'fix' | 'api' | 'git' | (string & {});
export type LineKind = 'context' | 'removed' | 'added';

/** One line of the merged sequence. `text` includes its terminator (see `splitLines`). */
export interface Item {
  readonly kind: LineKind;
  readonly text: string;
  /** Owner hunk id; absent exactly when `kind` is 'context'. */
  readonly hunk?: string;
}

/** A past revision of a hunk, kept viewable after a fix request or a refresh replaced it. */
export interface HunkRevision {
  readonly revision: number;
  /** The hunk's own lines at that revision, from its first to its last changed line. */
  readonly lines: readonly { readonly kind: LineKind; readonly text: string }[];
  /** Why the revision was replaced: 'fix', 'refresh', 'stale'. */
  readonly replacedBy: string;
}

export interface HunkRecord {
  readonly id: string;
  readonly state: DecisionState;
  /** The reviewer's reason for a rejection, fed back to the agent. */
  readonly reason?: string;
  /** Why the hunk is stale: which of the user's edits it overlaps. */
  readonly staleReason?: string;
  /**
   * A stale hunk's region as it read before the user's edit made it stale: an edit that restores
   * it exactly (an Undo in the editor) makes the hunk pending again.
   */
  readonly freshBase?: string;
  /** Starts at 1; a fix request or a refresh adds one. */
  readonly revision: number;
  readonly history: readonly HunkRevision[];
  /** Tripwire ids, set by the tripwire module through `setHunkFlags`. */
  readonly flags: readonly string[];
  /** Plan steps this hunk serves (from the file input's `stepRanges`). */
  readonly steps: readonly string[];
  /** The agent's one-line reason for the edit that made this hunk (the reading order groups by it). */
  readonly intent?: string;
  /**
   * True when the hunk no longer owns any line: the user edited an accepted or rejected hunk's
   * lines (its decision is then final and cannot be undone), or a stale hunk was merged into
   * another one (`staleReason` says which).
   */
  readonly detached?: boolean;
  /**
   * The hunk's lines are the reviewer's version, edited before it was accepted (`acceptEdited`):
   * `proposed` is its region as the agent proposed it. Accepted, such a hunk is 'modified' to
   * the public API; its lines stay the reviewer's through an undo, so a redo lands them again.
   */
  readonly edited?: { readonly proposed: string };
}

export interface FileChange {
  readonly path: string;
  /** For renames: the path before. */
  readonly oldPath?: string;
  readonly status: FileStatus;
  /** Lines of context shown around a hunk (git's default is 3). */
  readonly context: number;
  /** null for an added file. The text the items' old side started from. */
  readonly baseText: string | null;
  /** null for a deleted file. The proposal as given. */
  readonly proposedText: string | null;
  readonly items: readonly Item[];
  /** In file order of their first line. */
  readonly hunks: readonly HunkRecord[];
}

/** A hunk's decision before and after one step, for undo after a rebase moved its lines. */
export interface StateChange {
  readonly hunkId: string;
  readonly before: { readonly state: DecisionState; readonly reason?: string };
  readonly after: DecisionState;
}

/**
 * What one undo step restores: the affected files as they were before the decision. When the
 * files have changed since (a rebase folded in the user's typing), a decision that only changed
 * states is undone by restoring `states`; a structural one (split, line selection) cannot be.
 */
export interface UndoEntry {
  readonly label: string;
  readonly before: readonly FileChange[];
  readonly after: readonly FileChange[];
  readonly states?: readonly StateChange[];
  /** When the decision was made (ms since the epoch), stamped by the review session for the rewind's list. */
  readonly at?: number;
}

export interface Changeset {
  readonly id: string;
  readonly title: string;
  readonly source: ChangesetSource;
  readonly files: readonly FileChange[];
  /** Most recent last. */
  readonly undo: readonly UndoEntry[];
}

/**
 * One line range (1-based, inclusive, in the proposed text) where a plan step's edits landed, so
 * the changeset can tag hunks by step. `endLine === startLine - 1` is an empty range: lines were
 * removed just before `startLine` (a whole deleted file is `{ startLine: 1, endLine: 0 }`).
 */
export interface StepRange {
  readonly startLine: number;
  readonly endLine: number;
  readonly step: string;
  /** The edit's stated intent, when the agent gave one. */
  readonly intent?: string;
}

export interface FileInput {
  readonly path: string;
  /** Set for a rename. */
  readonly oldPath?: string;
  /** null: the file does not exist yet. */
  readonly baseText: string | null;
  /** null: delete the file. */
  readonly proposedText: string | null;
  readonly stepRanges?: readonly StepRange[];
  /** The intent of every hunk no step range names one for (a terminal agent's edit: its tool call). */
  readonly intent?: string;
}

export interface ChangesetInput {
  readonly id: string;
  readonly title: string;
  readonly source: ChangesetSource;
  readonly files: readonly FileInput[];
  /** Lines of context around hunks; default 3. */
  readonly context?: number;
}

export type ChangesetErrorCode =
  | 'E_UNKNOWN_HUNK'
  | 'E_UNKNOWN_FILE'
  | 'E_STALE'
  | 'E_ALREADY'
  | 'E_RANGE'
  | 'E_SELECTION'
  | 'E_NOT_SPLITTABLE'
  | 'E_NOTHING_TO_UNDO'
  | 'E_UNDO_CONFLICT'
  | 'E_DETACHED'
  | 'E_BINARY'
  | 'E_INVALID_TEXT'
  | 'E_INPUT'
  | 'E_MISMATCH';
