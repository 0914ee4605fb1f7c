/**
 * Runs the real Claude Code CLI (npm `@anthropic-ai/claude-code`, a devDependency) offline against
 * the Messages API double:
 *
 *     const double = await MessagesDouble.start({ script: byTurn([...]), thinking: {} });
 *     const run = await runClaudeCode({ cwd, prompt: 'Fix a.ts', double });
 *     run.exitCode; run.stdout; run.stderr; run.timedOut;
 *     run.requests;        // every request the double got during this run, bodies included
 *     run.otherRequests;   // those to any route but POST /v1/messages (none are expected)
 *     await double.close();
 *
 * `claude -p <prompt>` runs in `cwd` (so `cwd/.claude/settings.local.json` applies) with an
 * environment built from nothing: PATH, a private temporary HOME and CLAUDE_CONFIG_DIR (never the
 * user's ~/.claude), the double as ANTHROPIC_BASE_URL, a dummy key, no non-essential traffic and
 * no auto-update. `env` adds variables but cannot replace those. Run from the checkout: the CLI is
 * resolved from its node_modules. On timeout the CLI's whole process group (hooks included) is
 * killed, and so is anything of it still running when the CLI exits.
 */
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { MessagesDouble, RecordedRequest } from '../double/server';

/** The key Claude Code sends; the real one never reaches a test's CLI. */
export const DUMMY_KEY = 'sk-ant-api03-redline-claude-cli-DUMMY-0123456789';

/** Marks every process of a run through its environment, which the CLI passes on to its hooks. */
const RUN_TAG = 'REDLINE_CLAUDE_RUN';

export interface ClaudeCodeOptions {
  cwd: string;
  prompt: string;
  double: MessagesDouble;
  /** More arguments after `-p <prompt>`, e.g. `['--permission-mode', 'acceptEdits']`. */
  args?: string[];
  /** More environment variables; the harness's own ones win. */
  env?: Record<string, string>;
  /** Default 60 s. */
  timeoutMs?: number;
}

export interface ClaudeCodeRun {
  exitCode: number | null;
  signal: NodeJS.Signals | null;
  timedOut: boolean;
  stdout: string;
  stderr: string;
  requests: RecordedRequest[];
  otherRequests: RecordedRequest[];
  durationMs: number;
}

/** The CLI's executable: the package's `bin`, which its postinstall replaces with the native binary. */
export function claudeCodeBinary(): string {
  const require = createRequire(join(process.cwd(), 'package.json'));
  return join(dirname(require.resolve('@anthropic-ai/claude-code/package.json')), 'bin', 'claude.exe');
}

export async function runClaudeCode(options: ClaudeCodeOptions): Promise<ClaudeCodeRun> {
  const home = mkdtempSync(join(tmpdir(), 'redline-claude-home-'));
  mkdirSync(join(home, 'tmp'));
  const runId = randomUUID();
  const env: Record<string, string> = {
    ...options.env,
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: home,
    TMPDIR: join(home, 'tmp'),
    LANG: 'C.UTF-8',
    [RUN_TAG]: runId,
    CLAUDE_CONFIG_DIR: join(home, '.claude'),
    ANTHROPIC_BASE_URL: options.double.url,
    ANTHROPIC_API_KEY: DUMMY_KEY,
    CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC: '1',
    DISABLE_AUTOUPDATER: '1',
  };
  const first = options.double.requests.length;
  const started = Date.now();
  // A process group of its own, so that a timeout kills the CLI and every hook it started.
  const child = spawn(claudeCodeBinary(), ['-p', options.prompt, ...(options.args ?? [])], {
    cwd: options.cwd,
    env,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    killRun(child.pid, runId);
  }, options.timeoutMs ?? 60_000);
  const [exitCode, signal] = await new Promise<[number | null, NodeJS.Signals | null]>((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code, sig) => resolve([code, sig]));
  }).finally(() => clearTimeout(timer));
  // A hook the CLI left running outlives it otherwise.
  killRun(child.pid, runId);
  rmSync(home, { recursive: true, force: true });
  const requests = options.double.requests.slice(first);
  return {
    exitCode,
    signal,
    timedOut,
    stdout,
    stderr,
    requests,
    otherRequests: requests.filter((r) => r.method !== 'POST' || r.path !== '/v1/messages'),
    durationMs: Date.now() - started,
  };
}

/**
 * Kills the CLI's process group and every process carrying the run's tag: Claude Code starts each
 * hook in a session of its own, out of the CLI's group, and one left behind is re-parented, so
 * neither the group nor the tree finds it. The tag is read from /proc (Linux).
 */
function killRun(pid: number | undefined, runId: string): void {
  const pids = [...(pid === undefined ? [] : [-pid]), ...tagged(Buffer.from(`${RUN_TAG}=${runId}\0`))];
  for (const target of pids) {
    try {
      process.kill(target, 'SIGKILL');
    } catch {
      // ESRCH: already gone.
    }
  }
}

function tagged(entry: Buffer): number[] {
  if (!existsSync('/proc/self/environ')) return [];
  return readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .filter((name) => {
      try {
        return readFileSync(`/proc/${name}/environ`).includes(entry);
      } catch {
        // The process ended meanwhile, or belongs to another user.
        return false;
      }
    })
    .map(Number);
}
