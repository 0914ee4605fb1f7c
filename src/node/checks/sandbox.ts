import type { HiddenPaths } from './hiddenPaths';
import { runProcess } from './runProcess';

/**
 * How a check is kept off the network (issue 10): bubblewrap (no network, the copy the only
 * writable path; the workspace, the home folder but its toolchains and the host's sockets hidden),
 * else an unprivileged user+network namespace (`unshare -rn`: no network, but reads and writes are
 * not confined), else nothing; under either of the last two the user is asked before each check
 * (`confines`).
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
      // without privileges; its loopback is down, so even 127.0.0.1 is unreachable. The check is
      // the first process of a PID namespace with its own /proc: it sees no process outside (the
      // editor's environment in /proc/<pid>/environ), and when it ends or unshare is killed
      // (--kill-child), the kernel ends everything in the namespace, setsid children included.
      return ['unshare', '-rn', '--pid', '--fork', '--kill-child', '--mount-proc', '--', ...argv];
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

/**
 * Whether an approval may be remembered under `kind`: only bubblewrap keeps a check's writes inside
 * its copy. Under a network namespace alone a check can plant a git hook, a shell profile or a
 * task in the user's files, which run later outside any sandbox, so each run is asked, as without one.
 */
export function confines(kind: SandboxKind): boolean {
  return kind === 'bwrap';
}

export function describeSandbox(kind: SandboxKind): string {
  switch (kind) {
    case 'bwrap':
      return 'sandboxed with bubblewrap: no network, writes only inside the isolated copy; your workspace folder, your home folder (all but its toolchains) and the sockets of your session (agents, buses, the editor) out of sight';
    case 'unshare':
      return "NOT confined (bubblewrap is not available): a network namespace cuts its network and hides your other processes, but it runs as you, can read and change any file you can (your home folder, your repository's .git) and reach the sockets of your session (agents, buses, the editor), and what it leaves there can run later";
    case 'none':
      return "NOT sandboxed: no bubblewrap or network namespace is available, so the check runs as you with network access, can read and change any file you can, and can read the environment of your other processes, the editor's included";
  }
}
