import { buildFileChange, buildItems } from '../changeset/build';
import type { ChangesetErrorCode, FileChange, HunkRecord, Item } from '../changeset/types';
import { ok, type Result } from '../result';
import { indexText } from './gitModel';

/** The three texts of one file; null where the file does not exist. Paths are display paths. */
export interface GitTexts {
  readonly path: string;
  /** A rename already staged (reviewed against HEAD). */
  readonly oldPath?: string;
  /** What the review is against: the index, or HEAD. */
  readonly base: string | null;
  readonly index: string | null;
  readonly worktree: string | null;
}

export interface BuiltGitFile {
  readonly file: FileChange;
  /** The index holds part of a hunk, so the file is reviewed against the index instead. */
  readonly againstIndex: boolean;
}

/**
 * Builds one file of a working-tree review: the diff from the base to the working tree, with the
 * hunks the index already holds accepted (against HEAD, what is staged shows as accepted). When
 * the index cannot be told as whole hunks (a hunk staged in part), the file is diffed from the
 * index instead, so accepting never unstages anything.
 */
export function buildGitFile(texts: GitTexts, context: number, taken: Set<string>): Result<BuiltGitFile, ChangesetErrorCode> {
  const built = buildFileChange(fileInput(texts, texts.base), context, taken);
  if (!built.ok) return built;
  const staged = withStagedHunks(built.value, texts, context);
  if (staged !== undefined) return ok({ file: staged, againstIndex: false });
  for (const h of built.value.hunks) taken.delete(h.id);
  const fromIndex = buildFileChange(fileInput(texts, texts.index), context, taken);
  if (!fromIndex.ok) return fromIndex;
  return ok({ file: fromIndex.value, againstIndex: true });
}

function fileInput(texts: GitTexts, base: string | null) {
  return { path: texts.path, ...(texts.oldPath !== undefined ? { oldPath: texts.oldPath } : {}), baseText: base, proposedText: texts.worktree };
}

/** The file with the hunks the index holds accepted, or undefined when that does not give the index exactly. */
export function withStagedHunks(file: FileChange, texts: GitTexts, context: number): FileChange | undefined {
  if (indexText(file) === texts.index) return file;
  const staged = new Set(changeRuns(buildItems(file.path, texts.base ?? '', texts.index ?? '', context, new Set()).items).map((r) => r.key));
  const byHunk = new Map<string, boolean>();
  for (const run of changeRuns(file.items)) {
    if (run.hunk === undefined) continue;
    byHunk.set(run.hunk, (byHunk.get(run.hunk) ?? true) && staged.has(run.key));
  }
  // A created or deleted empty file owns no line: its one hunk is staged when the index agrees.
  const single = file.status === 'added' ? texts.index !== null : file.status === 'deleted' && texts.index === null;
  const accepted = (h: HunkRecord): boolean => byHunk.get(h.id) ?? single;
  const candidate: FileChange = { ...file, hunks: file.hunks.map((h) => (accepted(h) ? { ...h, state: 'accepted' } : h)) };
  return indexText(candidate) === texts.index ? candidate : undefined;
}

/**
 * The contiguous blocks of removed and added lines, keyed by where they start in the old text and
 * what they change: the same change in two diffs of one base has the same key.
 */
export function changeRuns(items: readonly Item[]): { hunk?: string; key: string }[] {
  const runs: { hunk?: string; key: string }[] = [];
  let oldLine = 0;
  let open: { hunk?: string; at: number; removed: string[]; added: string[] } | undefined;
  const close = (): void => {
    if (open === undefined) return;
    runs.push({ ...(open.hunk !== undefined ? { hunk: open.hunk } : {}), key: JSON.stringify([open.at, open.removed, open.added]) });
    open = undefined;
  };
  for (const item of items) {
    if (item.kind === 'context') {
      close();
      oldLine++;
      continue;
    }
    open ??= { ...(item.hunk !== undefined ? { hunk: item.hunk } : {}), at: oldLine, removed: [], added: [] };
    if (item.kind === 'removed') {
      open.removed.push(item.text);
      oldLine++;
    } else {
      open.added.push(item.text);
    }
  }
  close();
  return runs;
}
