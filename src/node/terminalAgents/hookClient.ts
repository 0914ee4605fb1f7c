import { request } from 'node:http';
import * as path from 'node:path';
import { parsePatch } from '../../core/terminalAgents/applyPatch';
import { GEMINI_HOOK_TIMEOUT_MS, HOOK_TIMEOUT_SECONDS } from '../../core/terminalAgents/hookSettingsJson';
import { HOOK_AGENTS, hookAgent, type HookAgent, type HookAgentRoute, type HookAnswers } from '../../core/terminalAgents/hookAgents';
import { windowFor } from '../../core/terminalAgents/windowChoice';
import { MAX_BODY_BYTES } from './hookServer';
import { HookStorage } from './hookStorage';

/**
 * The hook command a terminal agent runs before each edit (`redline-hook`, the launcher, runs this
 * file with `<global storage> <agent>`, `claude-code` or `gemini-cli`): the hook's JSON on stdin,
 * the answer, in that agent's shape, on stdout. It finds the Redline window that has the file's
 * folder open from the registry in global storage, not from anything only VS Code's terminals
 * carry, so an agent started in any terminal is reviewed. Every path out of here prints an answer, and every failure is a denial: the hook
 * never fails open.
 */

/** Answered before the agent's own timeout would fire (a timed-out hook counts as no decision in both). */
const DEADLINE_MS = Math.min(HOOK_TIMEOUT_SECONDS * 1000, GEMINI_HOOK_TIMEOUT_MS) - 30_000;

export async function answerHook<A extends HookAgent = 'claude-code'>(
  storageRoot: string,
  stdin: string,
  env: { caseInsensitive: boolean },
  agent: A = 'claude-code' as A,
): Promise<HookAnswers[A]> {
  const route = HOOK_AGENTS[agent] as HookAgentRoute<HookAnswers[A]>;
  let call: unknown;
  try {
    call = JSON.parse(stdin);
  } catch {
    return route.deny('Redline could not read the hook input (it is not JSON); nothing was written.');
  }
  const { filePath, cwd } = where(call);
  const storage = new HookStorage(storageRoot);
  const windows = await storage.windows();
  const target =
    (filePath === undefined ? undefined : windowFor(windows, filePath, env.caseInsensitive)) ??
    (cwd === undefined ? undefined : windowFor(windows, cwd, env.caseInsensitive));
  if (target === undefined) {
    const folder = cwd ?? (filePath === undefined ? 'this folder' : path.dirname(filePath));
    const reason = `No Redline window has ${folder} open, so this edit cannot be reviewed. Open the folder in VS Code with Redline, or run Redline: Disconnect ${route.name} there.`;
    return (await storage.whenNoWindow()) === 'ask' ? route.ask(reason) : route.deny(reason);
  }
  const secret = await storage.readSecret();
  return post(route, target.window.port, secret, stdin);
}

/** The file the call edits (Claude Code's `file_path`, or the path in Codex's patch) and its `cwd`, both absolute. */
function where(call: unknown): { filePath?: string; cwd?: string } {
  if (typeof call !== 'object' || call === null) return {};
  const { cwd, tool_input: input } = call as { cwd?: unknown; tool_input?: unknown };
  const dir = typeof cwd === 'string' && path.isAbsolute(cwd) ? cwd : undefined;
  const fields = typeof input === 'object' && input !== null ? (input as { file_path?: unknown; command?: unknown }) : {};
  const patch = typeof fields.command === 'string' ? parsePatch(fields.command) : undefined;
  const file = patch?.ok ? patch.value.path : fields.file_path;
  if (typeof file !== 'string' || file === '') return dir === undefined ? {} : { cwd: dir };
  const abs = path.isAbsolute(file) ? file : dir === undefined ? undefined : path.resolve(dir, file);
  return { ...(abs === undefined ? {} : { filePath: abs }), ...(dir === undefined ? {} : { cwd: dir }) };
}

function post<T extends object>(route: HookAgentRoute<T>, port: number, secret: string, body: string): Promise<T> {
  const denyAnswer = (reason: string): T => route.deny(reason);
  return new Promise((resolve) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        path: route.path,
        method: 'POST',
        agent: false,
        headers: { authorization: `Bearer ${secret}`, 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve(answerOf(route, Buffer.concat(chunks).toString('utf8'), res.statusCode ?? 0)));
        res.on('error', (err) => resolve(denyAnswer(`Redline's answer was cut off (${err.message}); nothing was written.`)));
      },
    );
    req.setTimeout(DEADLINE_MS, () => {
      req.destroy();
      resolve(
        denyAnswer(
          `No decision in Redline within ${Math.round(DEADLINE_MS / 60_000)} minutes; this call wrote nothing. The edit stays reviewable in Redline, and what the user accepts there is written by Redline.`,
        ),
      );
    });
    req.on('error', (err) => resolve(denyAnswer(`Redline could not be reached on port ${port} (${err.message}); nothing was written.`)));
    req.end(body);
  });
}

/** The server's answer, only if it is one: anything else is a denial that says what came back. */
function answerOf<T extends object>(route: HookAgentRoute<T>, text: string, status: number): T {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return route.deny(`Redline answered with status ${status} and no decision; nothing was written.`);
  }
  return route.isAnswer(value) ? value : route.deny(`Redline answered with status ${status} and no decision; nothing was written.`);
}

function readStdin(): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    process.stdin.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY_BYTES) reject(new Error(`the hook input is larger than ${MAX_BODY_BYTES} bytes`));
      else chunks.push(c);
    });
    process.stdin.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    process.stdin.on('error', reject);
  });
}

let answered = false;

/**
 * Prints one answer and exits 0 (a non-zero exit would be a hook error). Only the first answer:
 * a fault while it is being written must not add a second one, since the agents read stdout as
 * one JSON value and let an edit through when they cannot parse it.
 */
function finish(answer: object): void {
  if (answered) return;
  answered = true;
  process.stdout.write(`${JSON.stringify(answer)}\n`, () => process.exit(0));
}

function main(): void {
  const storageRoot = process.argv[2];
  // An agent not named (an old launcher line) is Claude Code's: its answer shape is the default.
  const agent = hookAgent(process.argv[3]);
  const route: HookAgentRoute = HOOK_AGENTS[agent ?? 'claude-code'];
  const fault = (err: unknown): void => finish(route.deny(`Redline's hook failed (${err instanceof Error ? err.message : String(err)}); nothing was written.`));
  process.on('uncaughtException', fault);
  // Nothing left to wait on and no answer yet (a promise that can no longer settle): still a denial.
  process.on('beforeExit', () => fault(new Error('it stopped before it had an answer')));
  if (storageRoot === undefined || agent === undefined) return fault(new Error('the launcher gave no storage folder or agent'));
  readStdin()
    .then((stdin) => answerHook(storageRoot, stdin, { caseInsensitive: process.platform !== 'linux' }, agent))
    .then(finish, fault);
}

// Run as the launcher's script; imported (the unit tests), it only exports.
if (require.main === module) main();
