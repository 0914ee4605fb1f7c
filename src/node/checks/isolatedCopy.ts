import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fail, ok, type Result } from '../../core/result';
import { copyFolderFiles, folderFiles, folderRepo, initHeadOnly, type FolderRepo } from './historyFreeCopy';

/** A file of the copy as proposed: `text` null deletes it. Paths are relative to `root`, POSIX. */
export interface CopyFile {
  path: string;
  text: string | null;
}

export interface CopyRequest {
  /** The workspace folder the check runs in. */
  root: string;
  files: readonly CopyFile[];
  /** Files not to copy (the deny list: a check never gets the user's secrets). */
  skip?: (relativePath: string) => boolean;
  /** Dependency folders linked instead of copied: big, and a check only reads them. */
  sharedFolders?: readonly string[];
  tmpRoot?: string;
}

export interface IsolatedCopy {
  /** The copy's top folder: the workspace folder's counterpart, and the check's working folder. */
  readonly dir: string;
  readonly cwd: string;
  /** 'git': a repository of its own holding HEAD's tree only; 'copy': the folder was not in a repository with a commit. */
  readonly kind: 'git' | 'copy';
  /** What the copy refers to in the user's folders (linked dependency folders): a sandbox that hides the workspace keeps these readable. */
  readonly refersTo: readonly string[];
  dispose(): Promise<void>;
}

export const DEFAULT_SHARED_FOLDERS: readonly string[] = ['node_modules', 'bower_components', '.venv', 'venv', '.tox'];

/**
 * The workspace folder as the check should see it, somewhere else, and only that folder (a parent
 * repository's other files are not in it): the files as they are on disk (uncommitted work and
 * deletions included, denied files left out), then the proposals written into it. In a repository
 * the copy gets a `.git` of its own whose only commit is HEAD's tree minus the denied files, so
 * `git diff` works in a check while the user's history, config and hooks stay out of reach. The
 * user's folder is never written.
 */
export async function createIsolatedCopy(request: CopyRequest): Promise<Result<IsolatedCopy>> {
  const tmp = await fs.mkdtemp(path.join(request.tmpRoot ?? os.tmpdir(), 'redline-check-'));
  const shared = new Set(request.sharedFolders ?? DEFAULT_SHARED_FOLDERS);
  const skip = request.skip ?? (() => false);
  const repo = await folderRepo(request.root);
  const made = await (repo === undefined ? plainCopy(request.root, tmp, shared, skip) : gitCopy(repo, tmp, shared, skip)).catch((error: unknown) =>
    fail('E_COPY', `could not copy the workspace: ${error instanceof Error ? error.message : String(error)}`),
  );
  if (!made.ok) {
    await fs.rm(tmp, { recursive: true, force: true });
    return made;
  }
  const written = await writeProposals(made.value.cwd, request.files);
  if (!written.ok) {
    await made.value.dispose();
    return written;
  }
  return made;
}

async function gitCopy(repo: FolderRepo, tmp: string, shared: ReadonlySet<string>, skip: (p: string) => boolean): Promise<Result<IsolatedCopy>> {
  const dir = path.join(tmp, 'tree');
  await fs.mkdir(dir);
  const listed = await folderFiles(repo, skip);
  if (!listed.ok) return listed;
  // Independent: git builds the copy's repository while the files are copied beside it.
  const [head] = await Promise.all([initHeadOnly(repo, listed.value.head, dir), copyFolderFiles(repo.root, dir, listed.value)]);
  if (!head.ok) return fail('E_COPY', `could not prepare the copy's repository: ${head.message}`);
  const refersTo: string[] = [];
  for (const rel of listed.value.ignored) {
    const trimmed = rel.replace(/\/$/, '');
    if (!shared.has(path.posix.basename(trimmed))) continue;
    await link(path.join(repo.root, trimmed), path.join(dir, trimmed));
    refersTo.push(path.join(repo.root, trimmed));
  }
  return ok({ dir, cwd: dir, kind: 'git', refersTo, dispose: () => fs.rm(tmp, { recursive: true, force: true }) });
}

async function plainCopy(root: string, tmp: string, shared: ReadonlySet<string>, skip: (p: string) => boolean): Promise<Result<IsolatedCopy>> {
  const dir = path.join(tmp, 'tree');
  const links: string[] = [];
  try {
    await fs.cp(root, dir, {
      recursive: true,
      verbatimSymlinks: true,
      filter: (source) => {
        const rel = path.relative(root, source).split(path.sep).join('/');
        if (rel === '') return true;
        const name = path.posix.basename(rel);
        if (name === '.git') return false;
        if (shared.has(name)) {
          links.push(rel);
          return false;
        }
        return !skip(rel);
      },
    });
    for (const rel of links) await link(path.join(root, rel), path.join(dir, rel));
  } catch (error) {
    return fail('E_COPY', `could not copy the workspace: ${error instanceof Error ? error.message : String(error)}`);
  }
  return ok({ dir, cwd: dir, kind: 'copy', refersTo: links.map((rel) => path.join(root, rel)), dispose: () => fs.rm(tmp, { recursive: true, force: true }) });
}

/**
 * Writes each proposal inside `cwd`. A path that would leave the copy, or reach through a
 * symlink (a linked dependency folder leads back to the user's files), is refused.
 */
export async function writeProposals(cwd: string, files: readonly CopyFile[]): Promise<Result<void>> {
  const realCwd = await fs.realpath(cwd);
  for (const file of files) {
    const target = path.resolve(cwd, ...file.path.split('/'));
    if (!inside(cwd, target)) return fail('E_PATH', `${file.path} is outside the copy`);
    const parent = path.dirname(target);
    await fs.mkdir(parent, { recursive: true });
    const realParent = await fs.realpath(parent);
    if (realParent !== realCwd && !inside(realCwd, realParent)) return fail('E_PATH', `${file.path} leads out of the copy through a symlink; not written`);
    const stat = await fs.lstat(target).catch(() => undefined);
    if (stat?.isSymbolicLink()) await fs.rm(target);
    if (file.text === null) await fs.rm(target, { force: true, recursive: true });
    else await fs.writeFile(target, file.text, 'utf8');
  }
  return ok(undefined);
}

function inside(dir: string, target: string): boolean {
  const rel = path.relative(dir, target);
  return rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel);
}

async function link(target: string, at: string): Promise<void> {
  await fs.mkdir(path.dirname(at), { recursive: true });
  await fs.rm(at, { force: true, recursive: true });
  await fs.symlink(target, at, 'dir');
}
