import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { fail, ok, type Result } from '../../core/result';
import { GitRepository } from '../../node/git/gitRepository';
import type { ScanScope } from '../../node/git/scan';
import type { WorkspacePaths } from '../workspacePaths';

export interface FoundScopes {
  readonly scopes: readonly ScanScope[];
  /** Folders that are not repositories, said so in the review and in a message. */
  readonly notes: readonly string[];
}

/**
 * The repositories a working-tree review covers: for each workspace folder, the repository it is
 * in (only the files under the folder), else repositories one level below it (as VS Code's git
 * extension finds them). With `root` (the Source Control view's repository), that one only.
 */
export async function findScopes(
  git: string,
  paths: WorkspacePaths,
  root?: string,
  workspaceFolders: readonly Pick<vscode.WorkspaceFolder, 'name' | 'uri'>[] = vscode.workspace.workspaceFolders ?? [],
): Promise<Result<FoundScopes>> {
  const folders = workspaceFolders.filter((f) => f.uri.scheme === 'file');
  if (folders.length === 0) return fail('E_NO_WORKSPACE', 'open a folder first: there is no working tree to review');
  const scopes = new Map<string, ScanScope>();
  const notes: string[] = [];
  for (const folder of folders) {
    // git answers with real paths; the workspace may reach the same folder through a symlink.
    const dir = folder.uri.fsPath;
    const real = await fs.realpath(dir).catch(() => dir);
    const add = (repo: GitRepository): void => {
      const pathspec = inside(real, repo.root) ? toPosix(path.relative(repo.root, real)) || '.' : '.';
      const locator = (): ((p: string) => Promise<Result<{ path: string; absolute: string }>>) => {
        const resolve = paths.resolver();
        return (p) => locate(resolve, path.join(dir, path.relative(real, path.join(repo.root, ...p.split('/')))));
      };
      const scope: ScanScope = { repo, pathspec, locator };
      scopes.set(`${repo.root}\0${pathspec}`, scope);
    };
    if (root !== undefined && !inside(root, dir) && !inside(dir, root)) continue;
    const opened = await GitRepository.open(git, root !== undefined && inside(root, dir) ? root : dir);
    if (!opened.ok) return opened;
    if (opened.value !== undefined) {
      add(opened.value);
      continue;
    }
    if (root !== undefined) {
      notes.push(`'${path.basename(root)}' is not a git repository`);
      continue;
    }
    const nested = await nestedRepositories(git, dir);
    if (!nested.ok) return nested;
    for (const repo of nested.value) add(repo);
    if (nested.value.length === 0) notes.push(`folder '${folder.name}' is not a git repository`);
  }
  return ok({ scopes: [...scopes.values()], notes });
}

async function nestedRepositories(git: string, dir: string): Promise<Result<GitRepository[]>> {
  const entries = await fs.readdir(dir, { withFileTypes: true }).catch(() => []);
  const repos: GitRepository[] = [];
  for (const e of entries) {
    if (!e.isDirectory() || e.name === '.git' || e.name === 'node_modules') continue;
    const child = path.join(dir, e.name);
    const hasGit = await fs.lstat(path.join(child, '.git')).then(
      () => true,
      () => false,
    );
    if (!hasGit) continue;
    const opened = await GitRepository.open(git, child);
    if (!opened.ok) return opened;
    if (opened.value !== undefined && path.basename(opened.value.root) === e.name) repos.push(opened.value);
  }
  return ok(repos);
}

/** A file's display path and absolute path, through the workspace's path policy (secrets are not shown). */
async function locate(resolve: ReturnType<WorkspacePaths['resolver']>, absolute: string): Promise<Result<{ path: string; absolute: string }>> {
  const resolved = await resolve(absolute, 'write');
  return resolved.ok ? ok({ path: resolved.value.display, absolute: resolved.value.absolutePath }) : fail(resolved.code, resolved.message);
}

/** Whether `child` is `parent` or below it. */
export function inside(child: string, parent: string): boolean {
  const rel = path.relative(parent, child);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

function toPosix(p: string): string {
  return p.split(path.sep).join('/');
}
