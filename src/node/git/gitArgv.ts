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

/**
 * The query for `repositoryFilterEnv`: every filter driver setting with the scope it comes from.
 * Run with the safe settings like any other git call.
 */
export const FILTER_QUERY: readonly string[] = ['config', '--show-scope', '-z', '--get-regexp', '^filter\\.'];

/**
 * Filter drivers (`filter.<name>.clean`/`smudge`/`process`) are programs git runs on file contents.
 * One set in the repository's own config (`.git/config`, what it includes, the worktree's config)
 * was written by whoever could write `.git`, perhaps a check: each is emptied, which git reads as
 * "no filter", and made optional, through GIT_CONFIG_COUNT (exact names, no quoting to get wrong).
 * The user's global and system drivers (Git LFS) stay. `output` is `FILTER_QUERY`'s.
 */
export function repositoryFilterEnv(output: string): Record<string, string> {
  const names = new Set<string>();
  const parts = output.split('\0');
  for (let i = 0; i + 1 < parts.length; i += 2) {
    const scope = parts[i] as string;
    const key = (parts[i + 1] as string).split('\n')[0] as string;
    const name = /^filter\.(.+)\.[^.]+$/s.exec(key)?.[1];
    if (name !== undefined && (scope === 'local' || scope === 'worktree')) names.add(name);
  }
  const env: Record<string, string> = {};
  let n = 0;
  for (const name of names) {
    for (const [variable, value] of [
      ['clean', ''],
      ['smudge', ''],
      ['process', ''],
      ['required', 'false'],
    ]) {
      env[`GIT_CONFIG_KEY_${n}`] = `filter.${name}.${variable}`;
      env[`GIT_CONFIG_VALUE_${n}`] = value as string;
      n++;
    }
  }
  return n === 0 ? {} : { ...env, GIT_CONFIG_COUNT: String(n) };
}

/** Subcommands that never run a filter (no file contents converted): no need to ask for drivers first. */
export const NEVER_FILTERS: ReadonlySet<string> = new Set([
  'rev-parse',
  'config',
  'ls-files',
  'ls-tree',
  'check-attr',
  'pack-objects',
  'index-pack',
  'write-tree',
  'commit-tree',
  'update-ref',
  'init',
]);
