import type { TextEdit } from '../changeset/edits';
import type { FileChange } from '../changeset/types';
import type { Result } from '../result';

/** A file the session may touch: its workspace-relative path and an opaque handle for the port. */
export interface ResolvedFile {
  /** Workspace-relative, POSIX: the name in snapshots and messages. */
  readonly path: string;
  /** What the port needs to reach the file (an absolute path or a URI string). */
  readonly handle: string;
}

export interface FileTexts {
  /** The text saved on disk; null when the file does not exist. */
  readonly disk: string | null;
  /** The open document's text when it has unsaved edits; otherwise equal to `disk`. */
  readonly current: string | null;
}

/** One write of one file: its part of one decision's undoable edit. */
export type FileWrite =
  /** Minimal edits to the current text; `expected` is that text, so a racing edit is detected. */
  | { readonly kind: 'edit'; readonly edits: readonly TextEdit[]; readonly expected: string }
  /** Create the file with exactly these characters (BOM and line endings as given). */
  | { readonly kind: 'create'; readonly text: string }
  | { readonly kind: 'delete' };

/** One file's write in a batch. */
export interface FileWriteTo {
  readonly file: ResolvedFile;
  readonly write: FileWrite;
}

/** What the review session needs of the workspace; VS Code implements it with WorkspaceEdit. */
export interface ReviewWorkspace {
  /** Resolves a path from an API caller or the agent inside the workspace, or says why not. */
  resolve(raw: string): Promise<Result<ResolvedFile>>;
  /**
   * Optional: the file `raw` names, checked as written only (inside a folder, not `.git`, not
   * denied), with no trip to the file system. Its `read` checks it in full before reading; a
   * caller that reads at once saves the first full check.
   */
  locate?(raw: string): Result<ResolvedFile>;
  /**
   * The workspace folders' names, in order: with more than one, paths are `folder/…` and the
   * policy matches them without that prefix (`folderRelativePath`).
   */
  folderNames(): readonly string[];
  read(file: ResolvedFile): Promise<Result<FileTexts>>;
  /**
   * Applies the writes of one decision, of one or many files (Accept all, undo), as one undoable
   * edit: every precondition (each edit's `expected` text) is checked before anything is
   * applied, so a failure writes nothing. A failure of one file names its path.
   */
  write(writes: readonly FileWriteTo[]): Promise<Result<void>>;
  /**
   * Optional: applies one file's decision from its model before and after, instead of `write`.
   * The git working tree needs it: a decision there stages (the index) or reverts (the working
   * tree), which one text cannot say.
   */
  writeChange?(file: ResolvedFile, before: FileChange, after: FileChange): Promise<Result<void>>;
}
