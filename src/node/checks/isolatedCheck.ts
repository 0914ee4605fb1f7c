import * as os from 'node:os';
import type { CheckOutcome } from '../../core/agent/ports';
import { type ParsedCommand, parseCheckCommand } from '../../core/policy/checkCommand';
import { type Environment, scrubEnvironment } from '../../core/policy/environment';
import { fail, ok, type Result } from '../../core/result';
import { hiddenPaths } from './hiddenPaths';
import { type CopyFile, createIsolatedCopy } from './isolatedCopy';
import { runProcess } from './runProcess';
import { type SandboxKind, sandboxedArgv } from './sandbox';

export interface IsolatedCheckRequest {
  /** The workspace folder, as on disk. */
  root: string;
  /** The command exactly as the plan declares it; parsed here, never through a shell. */
  command: string;
  /**
   * Run `command` through the system shell instead (the agent's own command, which the user's rules
   * or the user allowed as a whole): inside the same copy and sandbox.
   */
  shell?: boolean;
  files: readonly CopyFile[];
  /** Already scrubbed of credentials (scrubEnvironment). */
  env: Record<string, string>;
  sandbox: SandboxKind;
  timeoutMs: number;
  outputCap: number;
  signal: AbortSignal;
  /** Redacts secret-looking strings: the output goes to the model. */
  redact: (text: string) => string;
  skip?: (relativePath: string) => boolean;
  tmpRoot?: string;
  /** The user's home folder, which bwrap hides but for its toolchains; `os.homedir()` by default. */
  home?: string;
  /** The host's environment, whose runtime folder and sockets bwrap hides; `process.env` by default. */
  hostEnv?: Environment;
  /** Folders bwrap hides besides the workspace folder: the window's other workspace folders. */
  hide?: readonly string[];
}

/** A check's outcome and how long its process ran (the copy's making not counted). */
export interface IsolatedOutcome extends CheckOutcome {
  durationMs: number;
}

/**
 * One check, end to end: an isolated copy with the proposals applied, the declared argv run in
 * it (sandboxed as `sandbox` says), the copy removed, the output capped and redacted.
 */
export async function runIsolatedCheck(request: IsolatedCheckRequest): Promise<Result<IsolatedOutcome>> {
  const parsed = request.shell === true ? ok(shellArgv(request.command)) : parseCheckCommand(request.command);
  if (!parsed.ok) return fail('E_COMMAND', `the check cannot run: ${parsed.message}`);
  if (request.signal.aborted) return fail('cancelled', 'cancelled');
  const copy = await createIsolatedCopy({
    root: request.root,
    files: request.files,
    ...(request.skip === undefined ? {} : { skip: request.skip }),
    ...(request.tmpRoot === undefined ? {} : { tmpRoot: request.tmpRoot }),
  });
  if (!copy.ok) return copy;
  try {
    const hidden =
      request.sandbox === 'bwrap'
        ? await hiddenPaths({
            root: request.root,
            home: request.home ?? os.homedir(),
            copyDir: copy.value.dir,
            refersTo: copy.value.refersTo,
            env: request.env,
            hostEnv: request.hostEnv ?? process.env,
            ...(request.hide === undefined ? {} : { hide: request.hide }),
          })
        : undefined;
    const layout = { writable: copy.value.dir, cwd: copy.value.cwd, ...(hidden === undefined ? {} : { hidden }) };
    const argv = sandboxedArgv(request.sandbox, layout, [parsed.value.file, ...parsed.value.args]);
    // Inside bwrap /tmp is private and writable; outside, TMPDIR stays whatever the user has.
    const env = request.sandbox === 'bwrap' ? { ...request.env, TMPDIR: '/tmp' } : request.env;
    const started = Date.now();
    const outcome = await runProcess(argv, { cwd: copy.value.cwd, env, timeoutMs: request.timeoutMs, outputCap: request.outputCap, signal: request.signal });
    const durationMs = Date.now() - started;
    if (outcome.cancelled) return fail('cancelled', 'the check was cancelled');
    const note = outcome.startError === undefined ? '' : `could not start ${parsed.value.file}: ${outcome.startError}\n`;
    const timeout = outcome.timedOut
      ? `\n[timed out after ${Math.round(request.timeoutMs / 1000)} s; the ${request.shell === true ? 'command' : 'check'} was stopped]`
      : '';
    return ok({ exitCode: outcome.exitCode, output: request.redact(note + outcome.output + timeout), timedOut: outcome.timedOut, durationMs });
  } finally {
    await copy.value.dispose();
  }
}

/** The system shell's argv for a command line (sh on POSIX, cmd on Windows, where nothing is sandboxed). */
function shellArgv(command: string): ParsedCommand {
  return process.platform === 'win32'
    ? { file: process.env.ComSpec ?? 'cmd.exe', args: ['/d', '/s', '/c', command] }
    : { file: '/bin/sh', args: ['-c', command] };
}

/**
 * The environment a check gets: the user's minus credentials and the channels that lead to them;
 * `knownSecrets` (the API key) go wherever they hide, even under an innocent name.
 */
export function checkEnvironment(env: Environment, knownSecrets: readonly string[]): Record<string, string> {
  const scrubbed = scrubEnvironment(env, { knownSecrets });
  delete scrubbed.ANTHROPIC_API_KEY;
  return scrubbed;
}
