import { fail, ok, type Result } from '../result';
import type { DenyPolicy } from './denyList';
import { segmentsBelow, splitAbsolute, type PolicyFileSystem } from './fileSystemPort';
import { isGitSegment, parseLexicalPath, type PathSyntaxRefusal } from './pathSyntax';

export type PathIntent = 'read' | 'write' | 'list';

/** A workspace folder: `path` is its absolute POSIX path as the host knows it. */
export interface WorkspaceRoot {
  readonly name: string;
  readonly path: string;
}

export interface PathPolicyContext {
  readonly folders: readonly WorkspaceRoot[];
  readonly fs: PolicyFileSystem;
  /** True on macOS/Windows default volumes: containment then compares segments ignoring case. */
  readonly caseInsensitive: boolean;
  readonly deny: DenyPolicy;
}

export type PathRefusal =
  PathSyntaxRefusal | 'no-workspace' | 'outside-workspace' | 'workspace-root' | 'git-internals' | 'denied' | 'symlink-escape' | 'dangling-symlink' | 'fs-error';

export interface ResolvedWorkspacePath {
  readonly folder: WorkspaceRoot;
  /** Normalized, POSIX, no leading `./`; '' is the folder itself (only for `list`). */
  readonly relativePath: string;
  /** `folder.path` joined with `relativePath`: what edits and URIs should use. */
  readonly absolutePath: string;
  /** Symlinks of the existing part resolved: what a reader should open (it was checked). */
  readonly realPath: string;
}

/**
 * Resolves a path from the model or a webview inside one workspace folder, or refuses it with
 * a reason the model can act on. Relative paths are the normal case; in a multi-root workspace
 * a first segment naming a folder selects it (VS Code's `folder/path` convention), otherwise the
 * first folder. Absolute paths are accepted only inside a folder (the deepest one wins).
 *
 * Invariant: on success, `realPath` lies inside the real path of a workspace folder (compared
 * segment by segment), and neither the lexical nor the resolved path is under `.git` or denied.
 * The check is a snapshot: the agent cannot create symlinks (it only proposes text), so the
 * window between this check and the read is not reachable from the model.
 */
export async function resolveWorkspacePath(raw: string, intent: PathIntent, ctx: PathPolicyContext): Promise<Result<ResolvedWorkspacePath, PathRefusal>> {
  const located = locateWorkspacePath(raw, intent, ctx);
  if (!located.ok) return located;
  const { folder, relativePath, absolutePath } = located.value;
  // The folders' real roots are looked up while the path is walked: each lookup is a trip to the
  // file system's thread pool, and a hook's edit pays for every one of them.
  const roots = Promise.all(ctx.folders.map((f) => ctx.fs.realpath(f.path)));
  const real = await resolveExistingPrefix(absolutePath, raw, ctx, roots);
  if (!real.ok) return real;
  return ok({ folder, relativePath, absolutePath, realPath: real.value });
}

/**
 * The lexical half of `resolveWorkspacePath`, with no file system: the folder and the path in it,
 * refused when it leaves every folder, names `.git` or matches the deny list as written. What it
 * names is not checked yet (a symlink on the way may lead elsewhere): a read or write of it must
 * resolve it in full first.
 */
export function locateWorkspacePath(
  raw: string,
  intent: PathIntent,
  ctx: Omit<PathPolicyContext, 'fs'>,
): Result<Omit<ResolvedWorkspacePath, 'realPath'>, PathRefusal> {
  if (ctx.folders.length === 0) return fail('no-workspace', 'No workspace folder is open.');
  const lexical = parseLexicalPath(raw);
  if (!lexical.ok) return lexical;
  const located = lexical.value.absolute ? locateAbsolute(lexical.value.segments, ctx) : locateRelative(lexical.value.segments, ctx.folders);
  if (!located.ok) return located;
  const { folder, below } = located.value;
  const relativePath = below.join('/');
  if (below.length === 0 && intent !== 'list') {
    return fail('workspace-root', `'${raw}' names the workspace folder itself, not a file.`);
  }
  const lexicalVerdict = screenRelative(relativePath, raw, ctx.deny);
  if (!lexicalVerdict.ok) return lexicalVerdict;
  return ok({ folder, relativePath, absolutePath: joinAbsolute(splitAbsolute(folder.path), below) });
}

/** A folder's real root (every symlink resolved), or why it could not be read. */
type RealRoot = Awaited<ReturnType<PolicyFileSystem['realpath']>>;

interface Located {
  readonly folder: WorkspaceRoot;
  readonly below: readonly string[];
}

function locateRelative(segments: readonly string[], folders: readonly WorkspaceRoot[]): Result<Located, PathRefusal> {
  const named = namedFolder(segments, folders);
  if (named !== undefined) return ok({ folder: named, below: segments.slice(1) });
  const [primary] = folders;
  if (primary === undefined) return fail('no-workspace', 'No workspace folder is open.');
  return ok({ folder: primary, below: segments });
}

/** In a multi-root workspace, the folder a relative path's first segment names; one folder has no prefix. */
function namedFolder<F extends { readonly name: string }>(segments: readonly string[], folders: readonly F[]): F | undefined {
  return folders.length > 1 ? folders.find((f) => f.name === segments[0]) : undefined;
}

/**
 * The path inside its folder of a workspace path as Redline names it (`display`, VS Code's
 * `asRelativePath(uri, true)`): with several folders, `app/.vscode/settings.json` is
 * `.vscode/settings.json` of folder `app`; with one folder the path is already folder-relative,
 * even when its first directory is named like the folder. Policy globs anchored with `/`
 * (`/.vscode/**`, CI workflows, `/.redline/**`) mean the folder's root, so every policy match goes
 * through this (CVE-2025-53773: a second folder's `.vscode/settings.json` must stay protected).
 * The same reading as `resolveWorkspacePath`, so a path and its policy never disagree.
 */
export function folderRelativePath(path: string, folderNames: readonly string[]): string {
  const segments = path.split('/');
  return namedFolder(
    segments,
    folderNames.map((name) => ({ name })),
  ) === undefined
    ? path
    : segments.slice(1).join('/');
}

function locateAbsolute(segments: readonly string[], ctx: Omit<PathPolicyContext, 'fs'>): Result<Located, PathRefusal> {
  let best: Located | undefined;
  for (const folder of ctx.folders) {
    const below = segmentsBelow(splitAbsolute(folder.path), segments, ctx.caseInsensitive);
    if (below !== undefined && (best === undefined || below.length < best.below.length)) best = { folder, below };
  }
  if (best === undefined) {
    return fail('outside-workspace', 'The absolute path is outside every workspace folder; give a workspace-relative path.');
  }
  return ok(best);
}

function screenRelative(relativePath: string, raw: string, deny: DenyPolicy): Result<true, PathRefusal> {
  if (relativePath.split('/').some(isGitSegment)) {
    return fail('git-internals', `'${raw}' is inside .git; repository internals are never read or written.`);
  }
  const glob = deny.deniedBy(relativePath);
  if (glob !== undefined) {
    return fail('denied', `'${raw}' matches the deny pattern '${glob}' (secrets and credentials are never read or written).`);
  }
  return ok(true);
}

/**
 * realpath of the deepest existing ancestor, plus the segments that do not exist yet. A
 * missing entry that lstat can still see is a dangling symlink: writing through it would create
 * its target, wherever that is, so it is refused rather than walked past.
 */
async function resolveExistingPrefix(
  absolutePath: string,
  raw: string,
  ctx: PathPolicyContext,
  roots: Promise<readonly RealRoot[]>,
): Promise<Result<string, PathRefusal>> {
  const segments = splitAbsolute(absolutePath);
  for (let depth = segments.length; depth >= 0; depth--) {
    const probe = joinAbsolute([], segments.slice(0, depth));
    const real = await ctx.fs.realpath(probe);
    if (real.ok) {
      const resolved = joinAbsolute(splitAbsolute(real.value), segments.slice(depth));
      return checkResolvedInside(resolved, raw, ctx, await roots);
    }
    if (real.code === 'error') return fail('fs-error', `Could not resolve '${raw}': ${real.message}`);
    const entry = await ctx.fs.lstat(probe);
    if (entry.ok) return fail('dangling-symlink', `'${raw}' goes through a symlink whose target does not exist.`);
    if (entry.code === 'error') return fail('fs-error', `Could not inspect '${raw}': ${entry.message}`);
  }
  return fail('fs-error', `Could not resolve '${raw}': not even the file system root exists.`);
}

/** The resolved path must land inside some folder's real root and pass the same screening. */
function checkResolvedInside(resolved: string, raw: string, ctx: PathPolicyContext, roots: readonly RealRoot[]): Result<string, PathRefusal> {
  for (const root of roots) {
    if (!root.ok) continue;
    const below = segmentsBelow(splitAbsolute(root.value), splitAbsolute(resolved), ctx.caseInsensitive);
    if (below === undefined) continue;
    const verdict = screenRelative(below.join('/'), raw, ctx.deny);
    return verdict.ok ? ok(resolved) : verdict;
  }
  return fail('symlink-escape', `'${raw}' resolves through a symlink to a place outside the workspace.`);
}

function joinAbsolute(base: readonly string[], rest: readonly string[]): string {
  return `/${[...base, ...rest].join('/')}`;
}
