import { promises as fs } from 'node:fs';
import { formatSize, MAX_REVIEW_BYTES } from '../../core/git/textChecks';
import { fail, ok, type Result } from '../../core/result';
import { decodeBytes } from '../../core/text/decode';
import type { WorktreeReader } from './scan';

/**
 * What the review must know of a working-tree file before reading it: whether it exists, whether
 * it is executable (the mode a new file is staged with), and whether it can be diffed at all.
 */
export async function statWorktree(absolute: string): Promise<Result<{ readonly exists: boolean; readonly executable: boolean }>> {
  const stat = await fs.lstat(absolute).then(
    (s) => ok(s),
    (error: NodeJS.ErrnoException) =>
      error.code === 'ENOENT' || error.code === 'ENOTDIR' ? ok(undefined) : fail('E_READ', `cannot read the file: ${error.message}`),
  );
  if (!stat.ok) return stat;
  const s = stat.value;
  if (s === undefined) return ok({ exists: false, executable: false });
  if (s.isSymbolicLink()) return fail('E_SYMLINK', 'symbolic link: not diffed');
  if (!s.isFile()) return fail('E_NOT_FILE', 'not a regular file: not diffed');
  if (s.size > MAX_REVIEW_BYTES) return fail('E_TOO_LARGE', `too large to review here (${formatSize(s.size)}): listed, not diffed`);
  return ok({ exists: true, executable: (s.mode & 0o111) !== 0 });
}

/** Reads the working tree from disk (for callers without open documents). */
export const readWorktreeFile: WorktreeReader = async (absolute) => {
  const stat = await statWorktree(absolute);
  if (!stat.ok) return stat;
  if (!stat.value.exists) return ok({ text: null, executable: false });
  const bytes = await fs.readFile(absolute).then(
    (b) => ok(b),
    (error: Error) => fail('E_READ', `cannot read the file: ${error.message}`),
  );
  if (!bytes.ok) return bytes;
  const text = decodeBytes(bytes.value);
  return text.ok ? ok({ text: text.value, executable: stat.value.executable }) : fail(text.code, text.message);
};
