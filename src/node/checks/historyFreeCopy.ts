import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { fail, ok, type Result } from '../../core/result';
import { runGit } from '../git/gitProcess';

/** The workspace folder's place in its repository. */
export interface FolderRepo {
  /** The workspace folder, where git is asked (paths come back relative to it). */
  readonly root: string;
  /** The folder relative to the repository's top, with a trailing slash, or ''. */
  readonly prefix: string;
  readonly objectFormat: string;
}

/** The folder's repository when it has a commit to start from; undefined otherwise (then a plain copy). */
export async function folderRepo(root: string): Promise<FolderRepo | undefined> {
  const head = await git(root, ['rev-parse', '--verify', '--quiet', 'HEAD']);
  if (!head.ok) return undefined;
  const facts = await git(root, ['rev-parse', '--show-prefix', '--show-object-format']);
  if (!facts.ok) return undefined;
  const [prefix = '', objectFormat = 'sha1'] = facts.value.split('\n');
  return { root, prefix, objectFormat };
}

export interface FolderFiles {
  /** Files to copy from disk (tracked ones still there, untracked ones not ignored), relative to the folder. */
  readonly files: readonly string[];
  /** Submodules: empty folders in the copy, as a checkout without `--recurse-submodules` leaves them. */
  readonly gitlinks: readonly string[];
  /** Ignored folders (and files), `--directory` style: where dependency folders are found. */
  readonly ignored: readonly string[];
  /** HEAD's entries under the folder, minus `skip`: mode, object id and folder-relative path. */
  readonly head: readonly { mode: string; oid: string; path: string }[];
}

/**
 * What the folder holds, as git sees it, limited to the folder (a subfolder's parent repository
 * contributes nothing). Denied paths are dropped here, from the working tree and from HEAD alike.
 */
export async function folderFiles(repo: FolderRepo, skip: (p: string) => boolean): Promise<Result<FolderFiles>> {
  const [staged, others, ignored, tree] = await Promise.all([
    git(repo.root, ['ls-files', '-z', '--stage']),
    git(repo.root, ['ls-files', '-z', '--others', '--exclude-standard']),
    git(repo.root, ['ls-files', '-z', '--others', '--ignored', '--exclude-standard', '--directory']),
    // A folder that is new since HEAD has no tree there: nothing committed to start from.
    git(repo.root, ['ls-tree', '-r', '-z', '--full-tree', `HEAD:${repo.prefix}`], [128]),
  ]);
  if (!staged.ok || !others.ok || !ignored.ok || !tree.ok) return fail('E_GIT', 'git ls-files failed while preparing the copy');
  const files = new Set<string>();
  const gitlinks = new Set<string>();
  for (const entry of nul(staged.value)) {
    const tab = entry.indexOf('\t');
    const rel = entry.slice(tab + 1);
    if (skip(rel)) continue;
    if (entry.startsWith('160000 ')) gitlinks.add(rel);
    else files.add(rel);
  }
  for (const rel of nul(others.value)) if (!skip(rel)) files.add(rel);
  const head: { mode: string; oid: string; path: string }[] = [];
  for (const entry of nul(tree.value)) {
    const m = /^(\d{6}) \w+ ([0-9a-f]+)\t([\s\S]*)$/.exec(entry);
    if (m !== null && !skip(m[3] as string)) head.push({ mode: m[1] as string, oid: m[2] as string, path: m[3] as string });
  }
  return ok({ files: [...files], gitlinks: [...gitlinks], ignored: nul(ignored.value), head });
}

/**
 * Makes `dir` a repository of its own whose only commit is `head` (HEAD's tree under the folder
 * minus the denied files), with only those blobs in it: `git status` and `git diff` in a check show
 * the uncommitted work and the proposals, and no object of the user's history is there to read
 * (a deleted `.env` from an old commit, say). Nothing of the user's `.git` (config, hooks, filters)
 * is involved beyond reading the blobs.
 */
export async function initHeadOnly(repo: FolderRepo, head: FolderFiles['head'], dir: string): Promise<Result<void>> {
  const init = await git(dir, ['init', '-q', `--object-format=${repo.objectFormat}`]);
  if (!init.ok) return init;
  const blobs = [...new Set(head.filter((e) => e.mode !== '160000').map((e) => e.oid))];
  if (blobs.length > 0) {
    const pack = await runGit({ git: 'git', cwd: repo.root, args: ['pack-objects', '--stdout', '--window=0', '-q'], input: `${blobs.join('\n')}\n` });
    if (!pack.ok) return pack;
    const indexed = await runGit({ git: 'git', cwd: dir, args: ['index-pack', '--stdin'], input: pack.value.stdout });
    if (!indexed.ok) return indexed;
  }
  const info = head.map((e) => `${e.mode} ${e.oid}\t${e.path}\0`).join('');
  const index = await git(dir, ['update-index', '-z', '--index-info'], undefined, info);
  if (!index.ok) return index;
  const tree = await git(dir, ['write-tree']);
  if (!tree.ok) return tree;
  const commit = await runGit({
    git: 'git',
    cwd: dir,
    args: ['commit-tree', '--no-gpg-sign', '-m', 'HEAD of the workspace (Redline check copy)', tree.value.trim()],
    env: IDENTITY,
  });
  if (!commit.ok) return commit;
  const ref = await git(dir, ['update-ref', 'HEAD', commit.value.stdout.toString('utf8').trim()]);
  return ref.ok ? ok(undefined) : ref;
}

/** A fixed author: the copy's one commit says nothing about the user and is the same every time. */
const IDENTITY: Record<string, string> = {
  GIT_AUTHOR_NAME: 'Redline',
  GIT_AUTHOR_EMAIL: 'redline@localhost',
  GIT_AUTHOR_DATE: '2000-01-01T00:00:00Z',
  GIT_COMMITTER_NAME: 'Redline',
  GIT_COMMITTER_EMAIL: 'redline@localhost',
  GIT_COMMITTER_DATE: '2000-01-01T00:00:00Z',
};

/** Copies the listed files from the folder into the copy, symlinks as links, a few at a time. */
export async function copyFolderFiles(from: string, to: string, files: FolderFiles): Promise<void> {
  const made = new Set<string>();
  const mkdir = async (dir: string): Promise<void> => {
    if (made.has(dir)) return;
    await fs.mkdir(dir, { recursive: true });
    made.add(dir);
  };
  for (const rel of files.gitlinks) await mkdir(path.join(to, rel));
  const list = [...files.files];
  const worker = async (): Promise<void> => {
    for (let rel = list.pop(); rel !== undefined; rel = list.pop()) {
      const source = path.join(from, rel);
      const target = path.join(to, rel.replace(/\/$/, ''));
      const stat = await fs.lstat(source).catch(() => undefined);
      // Gone from disk: deleted in the working tree, so deleted in the copy too.
      if (stat === undefined) continue;
      await mkdir(path.dirname(target));
      if (stat.isSymbolicLink()) await fs.symlink(await fs.readlink(source), target);
      else if (stat.isFile()) await fs.copyFile(source, target);
      // An untracked nested repository is listed as a folder.
      else if (stat.isDirectory()) await fs.cp(source, target, { recursive: true, verbatimSymlinks: true });
    }
  };
  await Promise.all(Array.from({ length: PARALLEL_COPIES }, worker));
}

const PARALLEL_COPIES = 16;

function nul(text: string): string[] {
  return text.split('\0').filter((s) => s !== '');
}

async function git(cwd: string, args: string[], okCodes?: readonly number[], input?: string): Promise<Result<string>> {
  const out = await runGit({ git: 'git', cwd, args, ...(okCodes === undefined ? {} : { okCodes }), ...(input === undefined ? {} : { input }) });
  if (!out.ok) return out;
  return out.value.code === 0 ? ok(out.value.stdout.toString('utf8')) : ok('');
}
