import { execFile } from 'node:child_process';
import { fail, ok, type Result } from '../../core/result';
import { FILTER_QUERY, NEVER_FILTERS, repositoryFilterEnv, safeGitArgs, safeGitEnv } from './gitArgv';

export interface GitCall {
  /** The git binary (from VS Code's git extension when it has one, else `git` on PATH). */
  readonly git: string;
  readonly cwd: string;
  readonly args: readonly string[];
  readonly input?: Uint8Array | string;
  /** Exit codes that are answers, not failures (`git config --get` says 1 for "not set"). */
  readonly okCodes?: readonly number[];
  /** Variables added to the environment (GIT_* ones from the host's environment are dropped). */
  readonly env?: Record<string, string>;
}

export interface GitOutput {
  readonly stdout: Buffer;
  readonly code: number;
}

const MAX_OUTPUT = 512 * 1024 * 1024;
const LOCK_RETRIES = 8;

/**
 * Runs git with an argument array, never through a shell, with hooks, fsmonitor and transports off
 * (gitArgv.ts). Reads take no optional locks, so a status never competes with VS Code's git
 * extension for `index.lock`; a write that finds the lock taken is retried a few times before it
 * fails.
 */
export async function runGit(call: GitCall): Promise<Result<GitOutput>> {
  const filters = await filterEnv(call);
  if (!filters.ok) return filters;
  const safe: GitCall = { ...call, env: { ...filters.value, ...call.env } };
  for (let attempt = 0; ; attempt++) {
    const result = await runOnce(safe);
    if (result.ok || !/index\.lock/.test(result.message) || attempt >= LOCK_RETRIES) return result;
    await new Promise((resolve) => setTimeout(resolve, 25 * (attempt + 1)));
  }
}

/** The repository's own filter drivers switched off (gitArgv.ts), asked anew each time: a check may have just added one. */
async function filterEnv(call: GitCall): Promise<Result<Record<string, string>>> {
  if (NEVER_FILTERS.has(call.args[0] ?? '')) return ok({});
  const drivers = await runOnce({ git: call.git, cwd: call.cwd, args: FILTER_QUERY, okCodes: [1] });
  return drivers.ok ? ok(repositoryFilterEnv(drivers.value.stdout.toString('utf8'))) : drivers;
}

function runOnce(call: GitCall): Promise<Result<GitOutput>> {
  return new Promise((resolve) => {
    const child = execFile(
      call.git,
      safeGitArgs(call.args),
      {
        cwd: call.cwd,
        encoding: 'buffer',
        maxBuffer: MAX_OUTPUT,
        windowsHide: true,
        env: safeGitEnv(process.env, { GIT_OPTIONAL_LOCKS: '0', GIT_TERMINAL_PROMPT: '0', LC_ALL: 'C', ...call.env }),
      },
      (error, stdout, stderr) => {
        const code = error === null ? 0 : typeof error.code === 'number' ? error.code : -1;
        if (error === null || (call.okCodes ?? []).includes(code)) {
          resolve(ok({ stdout, code }));
          return;
        }
        if (error.code === 'ENOENT') {
          resolve(fail('E_GIT_MISSING', `git was not found (${call.git}); install git or set git.path`));
          return;
        }
        const message = stderr.toString('utf8').trim() || error.message;
        resolve(fail('E_GIT', `git ${call.args[0] ?? ''}: ${message}`));
      },
    );
    child.stdin?.on('error', () => {
      // git may exit before reading all input (a bad path, say); its exit code tells the story.
    });
    child.stdin?.end(call.input ?? '');
  });
}
