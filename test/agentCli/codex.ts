/**
 * Runs the real Codex CLI (npm `@openai/codex`, a devDependency) offline against the Responses API
 * double:
 *
 *     const double = await ResponsesDouble.start([[patchCall(patch)], [message('Done.')]]);
 *     const run = await runCodex({ cwd, prompt: 'Edit a.txt', double });
 *     run.exitCode; run.stdout; run.stderr; run.timedOut; run.requests;
 *
 * `codex exec <prompt>` runs in `cwd` with an environment built from nothing: PATH, a private
 * temporary HOME and CODEX_HOME (never the user's ~/.codex) whose config.toml names the double as
 * the model provider (`wire_api = "responses"`, the key from a variable of its own). The model is
 * `gpt-5.5`, one Codex ships metadata for, so its request offers `apply_patch` (as a freeform
 * tool). The sandbox lets the patch write in `cwd`. `trustProject` (default true) marks `cwd` as a
 * trusted project, without which Codex reads no project hooks; `--dangerously-bypass-hook-trust`
 * stands in for the user trusting the hook in `/hooks`. On timeout or exit the CLI's process group
 * is killed.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { RecordedResponsesRequest, ResponsesDouble } from '../double/responses';

/** The key Codex sends; the real one never reaches a test's CLI. */
const DUMMY_KEY = 'sk-redline-codex-cli-DUMMY-0123456789';

export interface CodexOptions {
  cwd: string;
  prompt: string;
  double: ResponsesDouble;
  trustProject?: boolean;
  /** Default 60 s. */
  timeoutMs?: number;
}

export interface CodexRun {
  exitCode: number | null;
  timedOut: boolean;
  stdout: string;
  stderr: string;
  requests: RecordedResponsesRequest[];
}

/** The CLI's entry: the package's `bin` script, which runs the native binary its optional dependency ships. */
function codexEntry(): string {
  const require = createRequire(join(process.cwd(), 'package.json'));
  return join(dirname(require.resolve('@openai/codex/package.json')), 'bin', 'codex.js');
}

function config(double: ResponsesDouble, cwd: string, trustProject: boolean): string {
  const lines = [
    'model = "gpt-5.5"',
    'model_provider = "double"',
    'check_for_update_on_startup = false',
    '',
    '[model_providers.double]',
    'name = "double"',
    `base_url = ${JSON.stringify(double.url)}`,
    'wire_api = "responses"',
    'env_key = "REDLINE_DOUBLE_KEY"',
  ];
  if (trustProject) lines.push('', `[projects.${JSON.stringify(cwd)}]`, 'trust_level = "trusted"');
  return `${lines.join('\n')}\n`;
}

export async function runCodex(options: CodexOptions): Promise<CodexRun> {
  const home = mkdtempSync(join(tmpdir(), 'redline-codex-home-'));
  const codexHome = join(home, '.codex');
  mkdirSync(join(home, 'tmp'));
  mkdirSync(codexHome);
  writeFileSync(join(codexHome, 'config.toml'), config(options.double, options.cwd, options.trustProject ?? true));
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: home,
    TMPDIR: join(home, 'tmp'),
    LANG: 'C.UTF-8',
    CODEX_HOME: codexHome,
    REDLINE_DOUBLE_KEY: DUMMY_KEY,
  };
  const first = options.double.requests.length;
  const args = [codexEntry(), 'exec', '--skip-git-repo-check', '--sandbox', 'workspace-write', '--dangerously-bypass-hook-trust', options.prompt];
  // A process group of its own, so that a timeout kills the CLI and every hook it started.
  const child = spawn(process.execPath, args, { cwd: options.cwd, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  let timedOut = false;
  const kill = (): void => {
    try {
      if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
    } catch {
      // ESRCH: already gone.
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
  kill();
  rmSync(home, { recursive: true, force: true });
  return { exitCode, timedOut, stdout, stderr, requests: options.double.requests.slice(first) };
}
