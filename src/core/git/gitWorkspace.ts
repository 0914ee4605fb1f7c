import type { FileChange } from '../changeset/types';
import { fail, ok, type Result } from '../result';
import type { FileTexts, FileWriteTo, ResolvedFile, ReviewWorkspace } from '../review/ports';
import { gitWritesFor, indexText } from './gitModel';

/** Where one file of a working-tree review lives in git. */
export interface GitFileRef {
  /** The repository's root, as the index port knows it. */
  readonly repo: string;
  /** Relative to the root, '/'-separated. */
  readonly path: string;
  /** The mode staging writes (the index's, so a mode is never changed by accepting text). */
  readonly mode: string;
}

/** The git index, as the working-tree review needs it. */
export interface GitIndexPort {
  /** The staged text as the working tree would have it; null when the index does not hold the file. */
  readIndex(ref: GitFileRef): Promise<Result<string | null>>;
  /** Stages `text` (null removes the file from the index). */
  writeIndex(ref: GitFileRef, text: string | null): Promise<Result<void>>;
}

/** The working tree: reads prefer the open document, writes are undoable edits. */
export type WorktreePort = Pick<ReviewWorkspace, 'read' | 'write' | 'folderNames'>;

/**
 * The review session's workspace for the git working tree. What the session calls "the file" is
 * the index: accepting stages. Rejecting reverts the hunk in the working tree. Every decision
 * first checks that the index is what the review last saw, so a `git add` in a terminal is never
 * overwritten; a working-tree edit that fails puts the index back.
 */
export class GitReviewWorkspace implements ReviewWorkspace {
  private readonly refs = new Map<string, GitFileRef>();

  constructor(
    private readonly index: GitIndexPort,
    private readonly worktree: WorktreePort,
  ) {}

  /** Makes a file of the review known; `file.handle` is its absolute path in the working tree. */
  track(file: ResolvedFile, ref: GitFileRef): void {
    this.refs.set(file.handle, ref);
  }

  refOf(file: ResolvedFile): GitFileRef | undefined {
    return this.refs.get(file.handle);
  }

  folderNames(): readonly string[] {
    return this.worktree.folderNames();
  }

  async resolve(raw: string): Promise<Result<ResolvedFile>> {
    return fail('E_INPUT', `'${raw}': the files of a working-tree review come from git, not from a path`);
  }

  async read(file: ResolvedFile): Promise<Result<FileTexts>> {
    const ref = this.refs.get(file.handle);
    if (ref === undefined) return fail('E_UNKNOWN_FILE', `${file.path} is not part of a working-tree review`);
    const staged = await this.index.readIndex(ref);
    if (!staged.ok) return staged;
    return ok({ disk: staged.value, current: staged.value });
  }

  /** The working tree's text of a file (the open document's when it is open); null when it does not exist. */
  async readWorktree(file: ResolvedFile): Promise<Result<string | null>> {
    const texts = await this.worktree.read(file);
    return texts.ok ? ok(texts.value.current) : texts;
  }

  async write(writes: readonly FileWriteTo[]): Promise<Result<void>> {
    return fail('E_INTERNAL', `${writes.map((w) => w.file.path).join(', ')}: a working-tree review writes through writeChange`);
  }

  async writeChange(file: ResolvedFile, before: FileChange, after: FileChange): Promise<Result<void>> {
    const ref = this.refs.get(file.handle);
    if (ref === undefined) return fail('E_UNKNOWN_FILE', `${file.path} is not part of a working-tree review`);
    const writes = gitWritesFor(before, after);
    const expected = indexText(before);
    if (writes.index !== undefined) {
      const now = await this.index.readIndex(ref);
      if (!now.ok) return now;
      if (now.value !== expected)
        return fail('E_CHANGED', 'the index changed while the decision was being applied (staged elsewhere?); nothing was changed, try again');
      const staged = await this.index.writeIndex(ref, writes.index.text);
      if (!staged.ok) return staged;
    }
    if (writes.worktree !== undefined) {
      const written = await this.worktree.write([{ file, write: writes.worktree }]);
      if (!written.ok) {
        if (writes.index !== undefined) await this.index.writeIndex(ref, expected);
        return written;
      }
    }
    return ok(undefined);
  }
}
