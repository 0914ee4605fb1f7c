import type { HiddenPaths } from './hiddenPaths';
import { runProcess } from './runProcess';

/**
 * How a check is kept off the network (issue 10): bubblewrap (no network, the copy the only
 * writable path, the workspace, the home folder but its toolchains and the host's sockets hidden), else an unprivileged user+network
 * namespace (`unshare -rn`: no network, but reads and writes are not confined), else nothing, and
 * the user is asked before each check.
 */
export type SandboxKind = 'bwrap' | 'unshare' | 'none';

export interface SandboxLayout {
  /** The isolated copy: the only path a bwrap sandbox may write (besides a private /tmp). */
  writable: string;
  cwd: string;
  /** What bwrap hides and lets through (hiddenPaths.ts); nothing when absent. */
  hidden?: HiddenPaths;
}

/**
 * Host sockets are kept out of reach by hiding the folders they are in (hiddenPaths.ts): a
 * read-only bind does not stop `connect()`, and a new network namespace isolates only abstract
 * sockets. A seccomp filter sees `connect()`'s address only as a pointer, so it could refuse
 * only every AF_UNIX socket, which breaks Python's forkserver, Chromium and test suites that talk
 * over their own sockets; Landlock's right for path sockets (LANDLOCK_ACCESS_FS_RESOLVE_UNIX)
 * arrived only in 2026 kernels, and bubblewrap cannot apply Landlock rules.
 */
export function bwrapArgv(layout: SandboxLayout, argv: readonly string[]): string[] {
  return [
    'bwrap',
    '--die-with-parent',
    // A new session: the check cannot push keystrokes into the editor's terminal (TIOCSTI).
    '--new-session',
    '--unshare-net',
    '--unshare-pid',
    '--unshare-ipc',
    '--ro-bind',
    '/',
    '/',
    '--dev',
    '/dev',
    '--proc',
    '/proc',
    // A private /tmp: the host's (other users' sockets, our own temp files) is out of reach.
    '--tmpfs',
    '/tmp',
    // Later mounts cover earlier ones: hide, let toolchains and the copy's own references through,
    // hide credentials and socket folders inside those again, then the copy.
    ...(layout.hidden?.dirs ?? []).flatMap((dir) => ['--tmpfs', dir]),
    ...(layout.hidden?.readOnly ?? []).flatMap((p) => ['--ro-bind', p, p]),
    ...(layout.hidden?.maskDirs ?? []).flatMap((dir) => ['--tmpfs', dir]),
    ...(layout.hidden?.maskFiles ?? []).flatMap((file) => ['--ro-bind', '/dev/null', file]),
    '--bind',
    layout.writable,
    layout.writable,
    '--chdir',
    layout.cwd,
    '--',
    ...argv,
  ];
}

export function sandboxedArgv(kind: SandboxKind, layout: SandboxLayout, argv: readonly string[]): string[] {
  switch (kind) {
    case 'bwrap':
      return bwrapArgv(layout, argv);
    case 'unshare':
      // -r maps the user to root in a new user namespace, which lets -n make a network namespace
      // without privileges; its loopback is down, so even 127.0.0.1 is unreachable.
      return ['unshare', '-rn', '--', ...argv];
    case 'none':
      return [...argv];
  }
}

const probeEnv = (): Record<string, string> => ({ PATH: process.env.PATH ?? '/usr/bin:/bin' });

/**
 * The best sandbox that actually works here: each candidate is run once with `true` (a binary can
 * be installed and still fail, e.g. in a container without user namespaces).
 */
export async function detectSandbox(platform: NodeJS.Platform = process.platform): Promise<SandboxKind> {
  if (platform !== 'linux') return 'none';
  const probe = async (argv: string[]): Promise<boolean> => {
    const outcome = await runProcess(argv, { cwd: '/', env: probeEnv(), timeoutMs: 5000, outputCap: 2000 });
    return outcome.exitCode === 0;
  };
  if (await probe(bwrapArgv({ writable: '/tmp', cwd: '/' }, ['true']))) return 'bwrap';
  if (await probe(sandboxedArgv('unshare', { writable: '/tmp', cwd: '/' }, ['true']))) return 'unshare';
  return 'none';
}

export function describeSandbox(kind: SandboxKind): string {
  switch (kind) {
    case 'bwrap':
      return 'sandboxed with bubblewrap: no network, writes only inside the isolated copy; your workspace folder, your home folder (all but its toolchains) and the sockets of your session (agents, buses, the editor) out of sight';
    case 'unshare':
      return 'in a network namespace: no network, but it can read and write your files outside the copy and reach the sockets of your session (agents, buses, the editor)';
    case 'none':
      return 'NOT sandboxed: no bubblewrap or network namespace is available, so the check has network access and can write anywhere you can';
  }
}
