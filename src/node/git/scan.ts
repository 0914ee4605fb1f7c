import type { FileStatus } from '../../shared/api';
import type { ScannedFile } from '../../core/git/assemble';
import { planReview, REGULAR, type PlannedFile, type PlannedText, type ReviewBase } from '../../core/git/reviewPlan';
import { conflictMarkerLine, formatSize, MAX_REVIEW_BYTES } from '../../core/git/textChecks';
import { fail, ok, type Result } from '../../core/result';
import { decodeBytes } from '../../core/text/decode';
import { blobKey, type BlobRequest, type GitRepository } from './gitRepository';

/** One repository (or the part of it under a workspace folder) in a working-tree review. */
export interface ScanScope {
  readonly repo: GitRepository;
  /** The folder's path relative to the repository root ('.' for all of it). */
  readonly pathspec: string;
  /**
   * A locator for one scan (it may read settings once): the display path and absolute path of a
   * repository path, or why it is not shown (a secret file).
   */
  readonly locator: () => (repoPath: string) => Promise<Result<{ readonly path: string; readonly absolute: string }>>;
}

/** The working tree's text of a file (the open document's when there is one); null when missing. */
export type WorktreeReader = (absolute: string, display: string) => Promise<Result<{ readonly text: string | null; readonly executable: boolean }>>;

/**
 * Scans one scope: what `git status` says should be reviewed, plus `also` (files already in the
 * review that may be clean now, so their refresh sees it), read.
 */
export async function scanScope(
  scope: ScanScope,
  base: ReviewBase,
  worktree: WorktreeReader,
  also: readonly PlannedText[] = [],
): Promise<Result<ScannedFile[]>> {
  const status = await scope.repo.status(scope.pathspec);
  if (!status.ok) return status;
  const planned: PlannedFile[] = planReview(status.value, base);
  const seen = new Set(planned.map((p) => p.path));
  for (const p of also) if (!seen.has(p.path)) planned.push(p);
  return readPlanned(scope, planned, worktree);
}

/**
 * Reads the texts of planned files: the base (index or HEAD, as the working tree would have it),
 * the index, and the working tree. A file that cannot be diffed (binary, not UTF-8, conflict
 * markers, too large, a secret) comes back as a listing with the reason.
 */
export async function readPlanned(scope: ScanScope, planned: readonly PlannedFile[], worktree: WorktreeReader): Promise<Result<ScannedFile[]>> {
  const out: ScannedFile[] = [];
  const texts: { file: PlannedText; path: string; oldPath?: string; absolute: string }[] = [];
  const locate = scope.locator();
  const located = await Promise.all(
    planned.map(async (file) => ({ file, where: await locate(file.path), old: file.oldPath !== undefined ? await locate(file.oldPath) : undefined })),
  );
  for (const { file, where, old } of located) {
    const oldPath = old?.ok ? { oldPath: old.value.path } : {};
    if (!where.ok) {
      out.push({ kind: 'listed', path: file.path, status: file.kind === 'listed' ? file.status : statusOf(file), note: `not shown: ${where.message}` });
      continue;
    }
    if (file.kind === 'listed') out.push({ kind: 'listed', path: where.value.path, ...oldPath, status: file.status, note: file.note });
    else texts.push({ file, path: where.value.path, ...oldPath, absolute: where.value.absolute });
  }
  const requests: BlobRequest[] = [];
  for (const t of texts) {
    if (t.file.base === 'HEAD') requests.push({ path: t.file.oldPath ?? t.file.path, from: 'HEAD' });
    requests.push({ path: t.file.path, from: 'index' });
  }
  const blobs = await scope.repo.readBlobs(requests);
  if (!blobs.ok) return blobs;
  const reads = await mapLimited(texts, PARALLEL_READS, (t) => readOne(t.file, blobs.value, t.absolute, t.path, worktree));
  texts.forEach((t, i) => {
    const read = reads[i];
    const status = statusOf(t.file);
    if (read === undefined) return;
    if (!read.ok) {
      out.push({ kind: 'listed', path: t.path, ...(t.oldPath !== undefined ? { oldPath: t.oldPath } : {}), status, note: read.message });
      return;
    }
    const { base, index, worktree: text, executable } = read.value;
    const mode = t.file.inIndex ? t.file.mode : executable ? '100755' : REGULAR;
    out.push({
      kind: 'text',
      texts: { path: t.path, ...(t.oldPath !== undefined ? { oldPath: t.oldPath } : {}), base, index, worktree: text },
      ref: { repo: scope.repo.root, path: t.file.path, mode },
      absolute: t.absolute,
      planned: t.file,
    });
  });
  return ok(out);
}

async function readOne(
  file: PlannedText,
  blobs: ReadonlyMap<string, Uint8Array | null>,
  absolute: string,
  display: string,
  worktree: WorktreeReader,
): Promise<Result<{ base: string | null; index: string | null; worktree: string | null; executable: boolean }>> {
  const decode = (bytes: Uint8Array | null | undefined, where: string): Result<string | null> => {
    if (bytes === null || bytes === undefined) return ok(null);
    if (bytes.length > MAX_REVIEW_BYTES) return fail('E_TOO_LARGE', `too large to review here (${formatSize(bytes.length)} in ${where}): listed, not diffed`);
    const text = decodeBytes(bytes);
    if (text.ok) return text;
    return fail(text.code, text.code === 'E_BINARY' ? 'binary: listed, not diffed' : `not UTF-8 text (${where}): listed, not diffed`);
  };
  // Every text is read, whatever status said: a file refreshed after it became clean is read too.
  const index = decode(blobs.get(blobKey('index', file.path)), 'the index');
  if (!index.ok) return index;
  const base = file.base === 'HEAD' ? decode(blobs.get(blobKey('HEAD', file.oldPath ?? file.path)), 'HEAD') : file.base === 'index' ? index : ok(null);
  if (!base.ok) return base;
  const wt = await worktree(absolute, display);
  if (!wt.ok) return fail(wt.code, wt.code === 'E_BINARY' ? 'binary: listed, not diffed' : wt.message);
  const marker = wt.value.text === null ? undefined : conflictMarkerLine(wt.value.text);
  if (marker !== undefined) return fail('E_CONFLICT', `conflict markers at line ${marker}: resolve them before reviewing this file`);
  return ok({ base: base.value, index: index.value, worktree: wt.value.text, executable: wt.value.executable });
}

/** Working-tree files read at once: enough to hide the latency of each read, few enough to keep file handles. */
const PARALLEL_READS = 16;

async function mapLimited<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    for (let i = next++; i < items.length; i = next++) out[i] = await fn(items[i] as T);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}

function statusOf(file: PlannedText): FileStatus {
  if (file.base === null) return 'added';
  if (!file.inWorktree) return 'deleted';
  return file.oldPath !== undefined ? 'renamed' : 'modified';
}
