import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import type { Environment } from '../../core/policy/environment';
import { hostSockets } from './hostSockets';

/**
 * Where tools keep credentials and private data in a home folder. The whole home folder is hidden
 * from a check; these are hidden again inside whatever part of it is let through (a toolchain
 * folder, a PATH entry), and everywhere when the home folder itself cannot be hidden.
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
  '.config/rclone',
  '.config/git/credentials',
  '.config/Code',
  '.config/Code - Insiders',
  '.config/Code - OSS',
  '.config/VSCodium',
  '.config/Cursor',
  '.config/google-chrome',
  '.config/chromium',
  '.claude',
  '.claude.json',
  '.codex',
  '.gemini',
  '.vscode-server',
  '.mozilla',
  '.password-store',
  '.local/share/keyrings',
  '.local/share/fish/fish_history',
  '.bash_history',
  '.zsh_history',
  '.python_history',
  '.node_repl_history',
  '.psql_history',
  '.mysql_history',
  '.gitconfig',
  '.npmrc',
  '.yarnrc.yml',
  '.netrc',
  '.pypirc',
  '.pgpass',
  '.my.cnf',
  '.s3cfg',
  '.boto',
  '.terraformrc',
  '.git-credentials',
  '.vault-token',
  '.terraform.d',
  '.cargo/credentials',
  '.cargo/credentials.toml',
  '.gem/credentials',
  '.m2/settings.xml',
  '.gradle/gradle.properties',
];

/**
 * What a check may read in the home folder (read-only, when it exists): where toolchains install
 * themselves and keep their package caches. An allow list: everything else in the home folder
 * (other projects, editor and browser data, histories, keys nobody listed) is an empty folder.
 */
export const HOME_TOOLCHAINS: readonly string[] = [
  '.nvm',
  '.fnm',
  '.local/share/fnm',
  '.volta',
  '.bun',
  '.deno',
  '.cargo',
  '.rustup',
  '.pyenv',
  '.rbenv',
  '.rvm',
  '.asdf',
  '.local/share/mise',
  '.sdkman',
  '.nix-profile',
  '.local/bin',
  '.local/lib',
  'go/bin',
  'go/pkg/mod',
  '.m2/repository',
  '.gradle/caches',
  '.gradle/wrapper',
  '.npm/_cacache',
  '.yarn/berry/cache',
  '.local/share/pnpm',
  '.dotnet',
  '.nuget/packages',
  '.ghcup',
  '.elan',
  '.node-gyp',
  '.cache/node-gyp',
  '.cache/ms-playwright',
  '.cache/puppeteer',
  '.cache/Cypress',
  '.cache/electron',
  '.cache/pip',
  '.cache/pypoetry',
  '.cache/uv',
  '.cache/go-build',
  '.cache/deno',
  '.cache/yarn',
  '.cache/pnpm',
  '.cache/corepack',
  '.cache/typescript',
  '.cache/prisma',
  '.cache/bazel',
  '.cache/pre-commit',
  '.cache/coursier',
];

/** Variables that name a toolchain's install or cache: what they name is let through too. */
const TOOLCHAIN_VARIABLES: readonly string[] = [
  'JAVA_HOME',
  'GOROOT',
  'GOMODCACHE',
  'GOCACHE',
  'CARGO_HOME',
  'RUSTUP_HOME',
  'NVM_DIR',
  'NVM_BIN',
  'VOLTA_HOME',
  'FNM_DIR',
  'PNPM_HOME',
  'BUN_INSTALL',
  'DENO_DIR',
  'DENO_INSTALL',
  'PYENV_ROOT',
  'PYTHONUSERBASE',
  'VIRTUAL_ENV',
  'CONDA_PREFIX',
  'RBENV_ROOT',
  'GEM_HOME',
  'GEM_PATH',
  'SDKMAN_DIR',
  'ASDF_DIR',
  'ASDF_DATA_DIR',
  'GRADLE_USER_HOME',
  'M2_HOME',
  'MAVEN_HOME',
  'ANDROID_HOME',
  'ANDROID_SDK_ROOT',
  'PLAYWRIGHT_BROWSERS_PATH',
  'PUPPETEER_CACHE_DIR',
  'NODE_PATH',
];

/** Folders of the home folder that hold unrelated things: never let through whole. */
const WIDE = new Set(['.config', '.local', '.local/share', '.local/state', '.cache', '.var', '.var/app']);

/**
 * What a sandbox hides, in the order it is applied (a later mount covers an earlier one): empty
 * folders first, then what is let through read-only inside them, then what is hidden again
 * inside that.
 */
export interface HiddenPaths {
  /** Empty folders: the workspace folder, the home folder, the runtime folders, /var/tmp. */
  readonly dirs: readonly string[];
  /** Read-only inside those: toolchains, the host's PATH, what the copy refers to. */
  readonly readOnly: readonly string[];
  /** Empty again inside what was let through: credential folders, folders of the host's sockets. */
  readonly maskDirs: readonly string[];
  /** Credential files inside what was let through, replaced by an empty file. */
  readonly maskFiles: readonly string[];
}

export interface HiddenPathsRequest {
  /** The workspace folder: the check has its copy, without the denied files. */
  root: string;
  home: string;
  copyDir: string;
  /** What the copy links to (dependency folders): stays readable. */
  refersTo: readonly string[];
  /** More folders hidden like the workspace folder: the window's other workspace folders. */
  hide?: readonly string[];
  /** The check's environment: its PATH and toolchain variables say what must stay readable. */
  env: Environment;
  /** The host's environment: its runtime folder and the sockets its variables point to. */
  hostEnv: Environment;
}

const contains = (outer: string, inner: string): boolean => {
  const rel = path.relative(outer, inner);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
};
const isTop = (p: string): boolean => p === path.parse(p).root;
const exists = async (p: string): Promise<boolean> => (await fs.stat(p).catch(() => undefined)) !== undefined;
/** Drops paths inside another one of the list: one mount covers them. */
const outermost = (paths: readonly string[]): string[] => [...new Set(paths)].filter((p, _, all) => !all.some((q) => q !== p && contains(q, p))).sort();

/**
 * What a sandboxed check must not read or connect to. The workspace folder (`.env` is one absolute
 * path away; left visible only when hiding it would hide the copy or everything), the whole home
 * folder but its toolchains, /run, /var/run and $XDG_RUNTIME_DIR (the buses, agents, editor IPC
 * and daemon sockets), /var/tmp, and the folder of any other socket the host listens on or its
 * variables name.
 */
export async function hiddenPaths(opts: HiddenPathsRequest): Promise<HiddenPaths> {
  const root = path.resolve(opts.root);
  const home = path.resolve(opts.home);
  const copy = path.resolve(opts.copyDir);
  const userRuntime = await realDir(opts.hostEnv.XDG_RUNTIME_DIR);
  const runtime = [await realDir('/run'), await realDir('/var/run'), userRuntime, await realDir('/var/tmp')];
  const hideRoot = !isTop(root) && !contains(root, copy);
  const others: string[] = [];
  for (const other of (opts.hide ?? []).map((p) => path.resolve(p))) {
    // Never a folder that holds the copy or the home folder (it would hide what the check runs on).
    if (!isTop(other) && !contains(other, copy) && !contains(other, home) && (await exists(other))) others.push(other);
  }
  const dirs = outermost(
    [...(hideRoot ? [root] : []), ...others, ...(isTop(home) ? [] : [home]), ...runtime.filter((d): d is string => d !== undefined)].filter(
      (d) => !isTop(d) && d !== '/tmp',
    ),
  );
  // bwrap replaces /tmp itself.
  const covered = (p: string): boolean => [...dirs, '/tmp'].some((d) => contains(d, p));

  const letThrough: string[] = [];
  const consider = async (candidate: string, fromCopy: boolean): Promise<void> => {
    if (!path.isAbsolute(candidate)) return;
    const p = path.resolve(candidate);
    if (!covered(p) || dirs.some((d) => contains(p, d)) || contains(p, root) || contains(p, home)) return;
    if (!fromCopy && ((hideRoot && contains(root, p)) || (userRuntime !== undefined && contains(userRuntime, p)) || contains('/run/user', p))) return;
    if (WIDE.has(path.relative(home, p))) return;
    if (await exists(p)) letThrough.push(p);
  };
  for (const rel of HOME_TOOLCHAINS) await consider(path.join(home, rel), false);
  for (const entry of (opts.env.PATH ?? '').split(path.delimiter)) {
    await consider(entry, false);
    // `~/.tool/bin` lets `~/.tool` through (npm next to node needs `../lib`); a folder the user
    // named may be a project with its secrets, so only a dot-folder right under home.
    const parent = path.dirname(entry);
    if (path.basename(entry) === 'bin' && path.dirname(parent) === home && path.basename(parent).startsWith('.')) await consider(parent, false);
  }
  for (const name of TOOLCHAIN_VARIABLES) {
    for (const value of (opts.env[name] ?? '').split(path.delimiter)) await consider(value, false);
  }
  for (const p of opts.refersTo) await consider(p, true);
  const readOnly = outermost(letThrough);

  const visible = (p: string): boolean => !covered(p) || readOnly.some((r) => contains(r, p));
  const maskDirs: string[] = [];
  const maskFiles: string[] = [];
  for (const rel of HOME_CREDENTIALS) {
    const abs = path.join(home, rel);
    if (!visible(abs)) continue;
    const stat = await fs.stat(abs).catch(() => undefined);
    if (stat?.isDirectory() === true) maskDirs.push(abs);
    else if (stat?.isFile() === true) maskFiles.push(abs);
  }
  // A socket cannot be bound over, so its folder goes, unless that would hide what must stay.
  const keep = [copy, root, home, ...dirs, ...readOnly];
  for (const socket of await hostSockets(opts.hostEnv, visible)) {
    const folder = path.dirname(socket);
    if (!isTop(folder) && !keep.some((k) => contains(folder, k))) maskDirs.push(folder);
  }
  return { dirs, readOnly, maskDirs: outermost(maskDirs), maskFiles };
}

/** The real path of a folder that exists, or undefined. */
async function realDir(p: string | undefined): Promise<string | undefined> {
  if (p === undefined || !path.isAbsolute(p)) return undefined;
  const real = await fs.realpath(p).catch(() => undefined);
  if (real === undefined) return undefined;
  return (await fs.stat(real)).isDirectory() ? real : undefined;
}
