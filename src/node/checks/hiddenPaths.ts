import { promises as fs } from 'node:fs';
import * as path from 'node:path';

/**
 * Where tools keep credentials in a home folder. A check runs with the user's read access, and
 * its output goes to the model: under bubblewrap each of these that exists is replaced by an
 * empty folder or file.
 */
export const HOME_CREDENTIALS: readonly string[] = [
  '.ssh',
  '.aws',
  '.azure',
  '.gnupg',
  '.kube',
  '.docker',
  '.config/gcloud',
  '.config/gh',
  '.config/hub',
  '.config/anthropic',
  '.npmrc',
  '.yarnrc.yml',
  '.netrc',
  '.pypirc',
  '.pgpass',
  '.git-credentials',
  '.vault-token',
  '.terraform.d',
  '.cargo/credentials',
  '.cargo/credentials.toml',
  '.gem/credentials',
  '.m2/settings.xml',
  '.gradle/gradle.properties',
];

/** What a sandbox replaces with empty folders and files, and what it lets through inside them. */
export interface HiddenPaths {
  readonly dirs: readonly string[];
  readonly files: readonly string[];
  /** Inside a hidden folder, read-only: what the copy refers to (dependency folders, git's folder). */
  readonly readOnly: readonly string[];
}

/**
 * What a sandboxed check must not read: the user's workspace folder itself (the check has its copy,
 * without the denied files; the original still has them, and `.env` is one absolute path away)
 * and the credentials in the home folder. The workspace is left visible when hiding it would hide
 * the home folder, the copy or the temporary folder too (a workspace opened on `/` or `~`).
 */
export async function hiddenPaths(opts: {
  root: string;
  home: string;
  copyDir: string;
  refersTo: readonly string[];
  /** More folders hidden like the workspace folder: the window's other workspace folders. */
  hide?: readonly string[];
}): Promise<HiddenPaths> {
  const dirs: string[] = [];
  const files: string[] = [];
  const root = path.resolve(opts.root);
  const contains = (outer: string, inner: string): boolean => {
    const rel = path.relative(outer, inner);
    return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
  };
  const hideRoot = root !== path.parse(root).root && ![opts.home, opts.copyDir].some((p) => contains(root, path.resolve(p)));
  if (hideRoot) dirs.push(root);
  for (const other of opts.hide ?? []) {
    const abs = path.resolve(other);
    const hideable = abs !== path.parse(abs).root && ![opts.home, opts.copyDir].some((p) => contains(abs, path.resolve(p)));
    if (hideable && (await fs.stat(abs).catch(() => undefined))?.isDirectory() === true) dirs.push(abs);
  }
  for (const rel of HOME_CREDENTIALS) {
    const abs = path.join(opts.home, rel);
    const stat = await fs.stat(abs).catch(() => undefined);
    if (stat?.isDirectory()) dirs.push(abs);
    else if (stat?.isFile()) files.push(abs);
  }
  const readOnly: string[] = [];
  for (const p of opts.refersTo) {
    if (hideRoot && contains(root, p) && (await fs.stat(p).catch(() => undefined)) !== undefined) readOnly.push(p);
  }
  return { dirs, files, readOnly };
}
