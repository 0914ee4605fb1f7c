/**
 * Runs a real agent CLI (a devDependency: `@anthropic-ai/claude-code`, `@google/gemini-cli`,
 * `@openai/codex`) offline against the API double it speaks:
 *
 *     const double = await MessagesDouble.start({ script: byTurn([...]), thinking: {} });
 *     const run = await runAgentCli('claude-code', { cwd, prompt: 'Fix a.ts', double });
 *     run.exitCode; run.signal; run.stdout; run.stderr; run.timedOut; run.durationMs;
 *     run.requests;        // every request the double got during this run, bodies included
 *     run.otherRequests;   // those to any route but the API's own (none are expected)
 *     await double.close();
 *
 * The CLI runs in `cwd` (so the project's settings there apply) with an environment built from
 * nothing: PATH, a private temporary HOME and the agent's own config directory in it (never the
 * user's), the double as the API's base URL and a dummy key. `env` adds variables but cannot
 * replace those. Run from the checkout: the CLI is resolved from its node_modules. The CLI runs in
 * a process group of its own; on timeout, and again once it exits, that group is killed, and so is
 * every process carrying the run's tag (see `killRun`).
 *
 * Each agent's row says how: its command line, its config and variables, its API's routes.
 */
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { buildSync } from 'esbuild';
import type { HookAgent } from '../../src/core/terminalAgents/hookAgents';
import type { GeminiApiDouble } from '../double/geminiApi';
import type { ResponsesDouble } from '../double/responses';
import type { MessagesDouble } from '../double/server';

/** The key Claude Code sends; the real one never reaches a test's CLI. */
export const DUMMY_KEY = 'sk-ant-api03-redline-claude-cli-DUMMY-0123456789';

/** The double each agent's CLI talks to. */
interface Doubles {
  readonly 'claude-code': MessagesDouble;
  readonly 'gemini-cli': GeminiApiDouble;
  readonly codex: ResponsesDouble;
}

type RequestOf<A extends HookAgent> = Doubles[A]['requests'][number];

export interface AgentCliOptions<A extends HookAgent> {
  cwd: string;
  prompt: string;
  double: Doubles[A];
  /** More arguments after the agent's own, e.g. `['--permission-mode', 'acceptEdits']`. */
  args?: string[];
  /** More environment variables; the harness's own ones win. */
  env?: Record<string, string>;
  /** Codex: mark `cwd` as a trusted project (default true), without which Codex reads no project hooks. */
  trustProject?: boolean;
  /** Default 60 s. */
  timeoutMs?: number;
}

export interface AgentCliRun<A extends HookAgent> {
  exitCode: number | null;
  signal: NodeJS.Signals | null;
  timedOut: boolean;
  stdout: string;
  stderr: string;
  requests: RequestOf<A>[];
  otherRequests: RequestOf<A>[];
  durationMs: number;
}

interface CliRow<A extends HookAgent> {
  /** The executable and its arguments before `options.args`. */
  command(prompt: string): [string, string[]];
  /** The agent's own variables; its config is written under `home` here. */
  env(home: string, options: AgentCliOptions<A>): Record<string, string>;
  /** `<method> <path>` of the requests the CLI is expected to send. */
  readonly api: RegExp;
}

/** Packages resolve from the checkout's node_modules. */
const require = createRequire(join(process.cwd(), 'package.json'));

const CLIS: { readonly [A in HookAgent]: CliRow<A> } = {
  // `claude -p <prompt>`; its postinstall puts the native binary in place of the package's `bin`.
  'claude-code': {
    command: (prompt) => [packageFile(require.resolve('@anthropic-ai/claude-code/package.json'), 'bin', 'claude.exe'), ['-p', prompt]],
    env: (home, options) => ({
      CLAUDE_CONFIG_DIR: join(home, '.claude'),
      ANTHROPIC_BASE_URL: options.double.url,
      ANTHROPIC_API_KEY: DUMMY_KEY,
      CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC: '1',
      DISABLE_AUTOUPDATER: '1',
    }),
    api: /^POST \/v1\/messages$/,
  },
  // A model given on the command line skips the CLI's routing call; `auto_edit` lets edits run
  // without a terminal prompt (in `-p` without it, Gemini CLI offers the model no edit tool at all).
  // The user settings choose the API key (so GOOGLE_GEMINI_BASE_URL applies) and turn off usage
  // statistics, telemetry and updates; GEMINI_CLI_TRUST_WORKSPACE trusts `cwd`, as Gemini CLI runs
  // project hooks only in a trusted folder.
  'gemini-cli': {
    command: (prompt) =>
      node(packageFile(require.resolve('@google/gemini-cli/package.json'), 'bundle', 'gemini.js'), '-m gemini-2.5-pro --approval-mode auto_edit -p', prompt),
    env: (home, options) => {
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
      return {
        GEMINI_CLI_HOME: home,
        GEMINI_API_KEY: 'redline-gemini-cli-DUMMY-0123456789',
        GOOGLE_GEMINI_BASE_URL: options.double.url,
        GEMINI_CLI_TRUST_WORKSPACE: 'true',
      };
    },
    api: /^POST \/v1beta\/models\/[^/:]+:(streamGenerateContent|countTokens)$/,
  },
  // `codex exec <prompt>`, the package's `bin` script running the native binary its optional
  // dependency ships. CODEX_HOME's config.toml names the double as the model provider; `gpt-5.5` is
  // a model Codex ships metadata for, so its request offers `apply_patch` (as a freeform tool). The
  // sandbox lets the patch write in `cwd`; `--dangerously-bypass-hook-trust` stands in for the user
  // trusting the hook in `/hooks`.
  codex: {
    command: (prompt) =>
      node(
        packageFile(require.resolve('@openai/codex/package.json'), 'bin', 'codex.js'),
        'exec --skip-git-repo-check --sandbox workspace-write --dangerously-bypass-hook-trust',
        prompt,
      ),
    env: (home, options) => {
      const codexHome = join(home, '.codex');
      mkdirSync(codexHome);
      writeFileSync(join(codexHome, 'config.toml'), codexConfig(options.double.url, options.cwd, options.trustProject ?? true));
      return { CODEX_HOME: codexHome, REDLINE_DOUBLE_KEY: 'sk-redline-codex-cli-DUMMY-0123456789' };
    },
    api: /^POST \/v1\/responses$/,
  },
};

/** Marks every process of a run through its environment, which each CLI passes on to its hooks. */
const RUN_TAG = 'REDLINE_AGENT_CLI_RUN';

export async function runAgentCli<A extends HookAgent>(agent: A, options: AgentCliOptions<A>): Promise<AgentCliRun<A>> {
  const row: CliRow<A> = CLIS[agent];
  const home = mkdtempSync(join(tmpdir(), `redline-${agent}-home-`));
  mkdirSync(join(home, 'tmp'));
  const runId = randomUUID();
  const env: Record<string, string> = {
    ...options.env,
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: home,
    TMPDIR: join(home, 'tmp'),
    LANG: 'C.UTF-8',
    [RUN_TAG]: runId,
    ...row.env(home, options),
  };
  const requests = options.double.requests as RequestOf<A>[];
  const first = requests.length;
  const started = Date.now();
  const [file, args] = row.command(options.prompt);
  // A process group of its own, so that a timeout kills the CLI and every hook it started.
  const child = spawn(file, [...args, ...(options.args ?? [])], { cwd: options.cwd, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
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
  // A hook the CLI left running (a hook's timeout only signals it) outlives it otherwise.
  killRun(child.pid, runId);
  rmSync(home, { recursive: true, force: true });
  const ran = requests.slice(first);
  return {
    exitCode,
    signal,
    timedOut,
    stdout,
    stderr,
    requests: ran,
    otherRequests: ran.filter((r) => !row.api.test(`${r.method} ${r.path}`)),
    durationMs: Date.now() - started,
  };
}

/** A CLI that is a script, run by this Node: its fixed arguments (no spaces in any), then the prompt. */
function node(script: string, args: string, prompt: string): [string, string[]] {
  return [process.execPath, [script, ...args.split(' '), prompt]];
}

/** The hook client bundled as the build bundles it (scripts/build.mjs), for a launcher a CLI's hook runs. */
export function bundledHookClient(): string {
  return buildSync({ entryPoints: ['src/node/terminalAgents/hookClient.ts'], bundle: true, platform: 'node', format: 'cjs', target: 'node20', write: false })
    .outputFiles[0]!.text;
}

/** A file of an installed package beside its `package.json`. */
function packageFile(packageJson: string, ...parts: string[]): string {
  return join(dirname(packageJson), ...parts);
}

function codexConfig(url: string, cwd: string, trustProject: boolean): string {
  const lines = [
    'model = "gpt-5.5"',
    'model_provider = "double"',
    'check_for_update_on_startup = false',
    '',
    '[model_providers.double]',
    'name = "double"',
    `base_url = ${JSON.stringify(url)}`,
    'wire_api = "responses"',
    'env_key = "REDLINE_DOUBLE_KEY"',
  ];
  if (trustProject) lines.push('', `[projects.${JSON.stringify(cwd)}]`, 'trust_level = "trusted"');
  return `${lines.join('\n')}\n`;
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
