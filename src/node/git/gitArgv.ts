/**
 * Settings every git Redline runs itself is given on its command line, where they override any
 * configuration file. A repository's `.git/config` and hooks are writable by anything that ran in
 * the folder (a check under the network-only fallback, a build script), and git would run what
 * they name, outside any sandbox: hooks (`post-checkout` on a checkout), `core.fsmonitor` (a
 * program run by every status), transports, signing programs. None of it is needed to read a
 * repository or stage a hunk.
 */
export const SAFE_GIT_CONFIG: readonly string[] = [
  // Hooks live in `.git/hooks` or wherever `core.hooksPath` says: nowhere.
  'core.hooksPath=/dev/null',
  'core.fsmonitor=false',
  // The untracked cache trusts stat data written by whoever ran last; status then misses files.
  'core.untrackedCache=false',
  // Redline never fetches: no transport at all, so no core.sshCommand either. A repository's
  // `protocol.<name>.allow` beats `protocol.allow`, so the ones that run commands are named too.
  'protocol.allow=never',
  'protocol.ext.allow=never',
  'protocol.file.allow=never',
  'protocol.ssh.allow=never',
  'commit.gpgSign=false',
  'tag.gpgSign=false',
  'log.showSignature=false',
];

/** `args` prefixed with `SAFE_GIT_CONFIG`, each as a `-c name=value` pair. */
export function safeGitArgs(args: readonly string[]): string[] {
  return [...SAFE_GIT_CONFIG.flatMap((setting) => ['-c', setting]), ...args];
}

/**
 * The environment for Redline's git: the caller's, minus every GIT_* variable (one could point git
 * at another repository, config file or program, e.g. GIT_DIR, GIT_CONFIG_PARAMETERS,
 * GIT_EXTERNAL_DIFF, GIT_SSH_COMMAND), plus `extra`.
 */
export function safeGitEnv(env: NodeJS.ProcessEnv, extra: Record<string, string> = {}): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(env)) if (v !== undefined && !k.toUpperCase().startsWith('GIT_')) out[k] = v;
  return { ...out, ...extra };
}
