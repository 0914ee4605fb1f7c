import { execFile } from 'node:child_process';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fail, ok, type Result } from '../../core/result';

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
  /** The copy's top folder (a git worktree's top, or the copied folder). */
  readonly dir: string;
  /** Where `root` is inside the copy: the check's working folder. */
  readonly cwd: string;
  readonly kind: 'worktree' | 'copy';
  /**
   * What the copy refers to in the user's folders: linked dependency folders and, for a worktree,
   * the repository's git folder. A sandbox that hides the workspace keeps these readable.
   */
  readonly refersTo: readonly string[];
  dispose(): Promise<void>;
}

export const DEFAULT_SHARED_FOLDERS: readonly string[] = ['node_modules', 'bower_components', '.venv', 'venv', '.tox'];

/**
 * The workspace as the check should see it, somewhere else: a detached git worktree of HEAD with
 * the working tree's own changes copied over (so uncommitted work is there too), or a plain copy
 * when the folder is not in a git repository; then the proposals written into it. The user's
 * folder is never written, except git's worktree bookkeeping, which `dispose` prunes.
 */
export async function createIsolatedCopy(request: CopyRequest): Promise<Result<IsolatedCopy>> {
  const tmp = await fs.mkdtemp(path.join(request.tmpRoot ?? os.tmpdir(), 'redline-check-'));
  const shared = new Set(request.sharedFolders ?? DEFAULT_SHARED_FOLDERS);
  const skip = request.skip ?? (() => false);
  const repo = await gitRepo(request.root);
  let made: Result<IsolatedCopy>;
  if (repo !== undefined) {
    made = await worktreeCopy(repo, tmp, shared, skip);
  } else {
    made = await plainCopy(request.root, tmp, shared, skip);
  }
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

interface Repo {
  top: string;
  /** `root` relative to `top`, with a trailing slash, or ''. */
  prefix: string;
}

async function gitRepo(root: string): Promise<Repo | undefined> {
  const top = await git(root, ['rev-parse', '--show-toplevel']);
  if (!top.ok) return undefined;
  // A repository with no commit yet has no HEAD to check out: copy it instead.
  if (!(await git(root, ['rev-parse', '--verify', '--quiet', 'HEAD'])).ok) return undefined;
  const prefix = await git(root, ['rev-parse', '--show-prefix']);
  return { top: top.value.trim(), prefix: prefix.ok ? prefix.value.trim() : '' };
}

async function worktreeCopy(repo: Repo, tmp: string, shared: ReadonlySet<string>, skip: (p: string) => boolean): Promise<Result<IsolatedCopy>> {
  const dir = path.join(tmp, 'tree');
  const added = await git(repo.top, ['worktree', 'add', '--detach', '--quiet', dir, 'HEAD']);
  if (!added.ok) return fail('E_WORKTREE', `git worktree add failed: ${added.message}`);
  const dispose = async (): Promise<void> => {
    // Removing the folder ourselves never follows the links to shared folders; prune then drops
    // git's record of the worktree.
    await fs.rm(tmp, { recursive: true, force: true });
    await git(repo.top, ['worktree', 'prune']);
  };
  const refersTo: string[] = [path.join(repo.top, '.git')];
  const copy: IsolatedCopy = { dir, cwd: path.join(dir, repo.prefix), kind: 'worktree', refersTo, dispose };
  // Uncommitted work: modified and untracked (not ignored) files as they are on disk, deletions too.
  const changed = await git(repo.top, ['ls-files', '-z', '--modified', '--others', '--exclude-standard']);
  const removed = await git(repo.top, ['ls-files', '-z', '--deleted']);
  const ignored = await git(repo.top, ['ls-files', '-z', '--others', '--ignored', '--exclude-standard', '--directory']);
  if (!changed.ok || !removed.ok || !ignored.ok) {
    await dispose();
    return fail('E_WORKTREE', 'git ls-files failed while preparing the copy');
  }
  const gone = new Set(nulList(removed.value));
  for (const rel of nulList(changed.value)) {
    if (gone.has(rel)) await fs.rm(path.join(dir, rel), { force: true, recursive: true });
    else await copyEntry(path.join(repo.top, rel), path.join(dir, rel));
  }
  // Denied files go, committed or not: a check never gets what the agent may not read.
  const all = await git(repo.top, ['ls-files', '-z', '--cached', '--others', '--exclude-standard']);
  for (const rel of all.ok ? nulList(all.value) : []) {
    if (rel.startsWith(repo.prefix) && skip(rel.slice(repo.prefix.length))) await fs.rm(path.join(dir, rel), { force: true, recursive: true });
  }
  for (const rel of nulList(ignored.value)) {
    const trimmed = rel.replace(/\/$/, '');
    if (!shared.has(path.posix.basename(trimmed))) continue;
    await link(path.join(repo.top, trimmed), path.join(dir, trimmed));
    refersTo.push(path.join(repo.top, trimmed));
  }
  return ok(copy);
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

async function copyEntry(from: string, to: string): Promise<void> {
  await fs.mkdir(path.dirname(to), { recursive: true });
  await fs.rm(to, { force: true, recursive: true });
  await fs.cp(from, to, { recursive: true, verbatimSymlinks: true });
}

async function link(target: string, at: string): Promise<void> {
  await fs.mkdir(path.dirname(at), { recursive: true });
  await fs.rm(at, { force: true, recursive: true });
  await fs.symlink(target, at, 'dir');
}

function nulList(text: string): string[] {
  return text.split('\0').filter((s) => s !== '');
}

/** git without a shell; GIT_* variables that could point it elsewhere are dropped. */
function git(cwd: string, args: string[]): Promise<Result<string>> {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) if (v !== undefined && !k.startsWith('GIT_')) env[k] = v;
  return new Promise((resolve) => {
    execFile('git', args, { cwd, env, maxBuffer: 64 * 1024 * 1024, windowsHide: true }, (error, stdout, stderr) => {
      resolve(error ? fail('E_GIT', (stderr || error.message).trim()) : ok(stdout));
    });
  });
}
