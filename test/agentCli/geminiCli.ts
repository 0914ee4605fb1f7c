/**
 * Runs the real Gemini CLI (npm `@google/gemini-cli`, a devDependency) offline against the Gemini
 * API double:
 *
 *     const api = await GeminiApiDouble.start([[functionCall('replace', {...})]]);
 *     const run = await runGeminiCli({ cwd, prompt: 'Edit a.txt', api });
 *     run.exitCode; run.stdout; run.stderr; run.timedOut;
 *     await api.close();
 *
 * `gemini -m gemini-2.5-pro --approval-mode auto_edit -p <prompt>` runs in `cwd` (so
 * `cwd/.gemini/settings.json` applies; the folder is trusted through GEMINI_CLI_TRUST_WORKSPACE,
 * as Gemini CLI runs project hooks only in a trusted folder) with an environment built from
 * nothing: PATH, a private temporary HOME and GEMINI_CLI_HOME (never the user's ~/.gemini) whose
 * user settings choose the API key (so GOOGLE_GEMINI_BASE_URL applies) and turn off usage
 * statistics, telemetry and updates, the double as GOOGLE_GEMINI_BASE_URL and a dummy key. A
 * model given on the command line skips the CLI's routing call; `auto_edit` lets edits run without
 * a terminal prompt (in `-p` without it, Gemini CLI offers the model no edit tool at all). The CLI
 * runs in a process group of its own with its hooks, killed whole on timeout and after it exits.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { GeminiApiDouble, GeminiRequest } from '../double/geminiApi';

/** The key Gemini CLI sends; a real one never reaches a test's CLI. */
export const DUMMY_GEMINI_KEY = 'redline-gemini-cli-DUMMY-0123456789';

export interface GeminiCliOptions {
  cwd: string;
  prompt: string;
  api: GeminiApiDouble;
  /** Default 60 s. */
  timeoutMs?: number;
}

export interface GeminiCliRun {
  exitCode: number | null;
  timedOut: boolean;
  stdout: string;
  stderr: string;
  /** The requests the double got during this run. */
  requests: GeminiRequest[];
  durationMs: number;
}

export function geminiCliScript(): string {
  const require = createRequire(join(process.cwd(), 'package.json'));
  return join(dirname(require.resolve('@google/gemini-cli/package.json')), 'bundle', 'gemini.js');
}

export async function runGeminiCli(options: GeminiCliOptions): Promise<GeminiCliRun> {
  const home = mkdtempSync(join(tmpdir(), 'redline-gemini-home-'));
  mkdirSync(join(home, 'tmp'));
  mkdirSync(join(home, '.gemini'));
  writeFileSync(
    join(home, '.gemini', 'settings.json'),
    JSON.stringify({
      security: { auth: { selectedType: 'gemini-api-key' } },
      privacy: { usageStatisticsEnabled: false },
      telemetry: { enabled: false },
      general: { disableAutoUpdate: true, disableUpdateNag: true },
    }),
  );
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: home,
    GEMINI_CLI_HOME: home,
    TMPDIR: join(home, 'tmp'),
    LANG: 'C.UTF-8',
    GEMINI_API_KEY: DUMMY_GEMINI_KEY,
    GOOGLE_GEMINI_BASE_URL: options.api.url,
    GEMINI_CLI_TRUST_WORKSPACE: 'true',
  };
  const first = options.api.requests.length;
  const started = Date.now();
  const child = spawn(process.execPath, [geminiCliScript(), '-m', 'gemini-2.5-pro', '--approval-mode', 'auto_edit', '-p', options.prompt], {
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
  const kill = (): void => {
    try {
      if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
    } catch {
      // ESRCH: the group is gone already.
    }
  };
  const timer = setTimeout(() => {
    timedOut = true;
    kill();
  }, options.timeoutMs ?? 60_000);
  const exitCode = await new Promise<number | null>((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code) => resolve(code));
  }).finally(() => clearTimeout(timer));
  // A hook the CLI left running (its timeout only signals it) outlives it otherwise.
  kill();
  rmSync(home, { recursive: true, force: true });
  return { exitCode, timedOut, stdout, stderr, requests: options.api.requests.slice(first), durationMs: Date.now() - started };
}
