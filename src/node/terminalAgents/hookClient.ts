import { request } from 'node:http';
import * as path from 'node:path';
import { isHookAgent, type HookAgent } from '../../core/terminalAgents/agentHooks';
import { parsePatch } from '../../core/terminalAgents/applyPatch';
import { askAnswer, denyAnswer, type HookAnswer } from '../../core/terminalAgents/hookAnswers';
import { HOOK_TIMEOUT_SECONDS } from '../../core/terminalAgents/claudeSettings';
import type { CodexAnswer } from '../../core/terminalAgents/codexHook';
import { windowFor } from '../../core/terminalAgents/windowChoice';
import { hookPath, MAX_BODY_BYTES } from './hookServer';
import { HookStorage } from './hookStorage';

/**
 * The hook command a terminal agent runs before each edit (`redline-hook`, the launcher, runs this
 * file with `<global storage> <agent>`, the agent `claude-code` or `codex`): the hook's JSON on
 * stdin, the answer on stdout, posted to that agent's path of the window's server. It
 * finds the Redline window that has the file's folder open from the registry in global storage,
 * not from anything only VS Code's terminals carry, so an agent started in any terminal is
 * reviewed. Every path out of here prints an answer, and every failure is a denial: the hook
 * never fails open.
 */

/** Answered before the agent's own timeout would fire (a timed-out hook counts as no decision). */
const DEADLINE_MS = (HOOK_TIMEOUT_SECONDS - 30) * 1000;

/** What the hook prints: Claude Code's answer, or Codex's (the same shape for a denial). */
export type HookReply = HookAnswer | CodexAnswer;

const LABELS: Record<HookAgent, string> = { 'claude-code': 'Claude Code', codex: 'Codex' };

export async function answerHook(storageRoot: string, stdin: string, env: { caseInsensitive: boolean }, agent: HookAgent): Promise<HookReply> {
  let call: unknown;
  try {
    call = JSON.parse(stdin);
  } catch {
    return denyAnswer('Redline could not read the hook input (it is not JSON); nothing was written.');
  }
  const { filePath, cwd } = where(call);
  const storage = new HookStorage(storageRoot);
  const windows = await storage.windows();
  const target =
    (filePath === undefined ? undefined : windowFor(windows, filePath, env.caseInsensitive)) ??
    (cwd === undefined ? undefined : windowFor(windows, cwd, env.caseInsensitive));
  if (target === undefined) {
    const folder = cwd ?? (filePath === undefined ? 'this folder' : path.dirname(filePath));
    const reason = `No Redline window has ${folder} open, so this edit cannot be reviewed. Open the folder in VS Code with Redline, or run Redline: Disconnect ${LABELS[agent]} there.`;
    if ((await storage.whenNoWindow()) === 'deny') return denyAnswer(reason);
    // Codex takes "ask" for a failed hook; no decision at all leaves it to Codex's own approvals.
    return agent === 'codex' ? { systemMessage: reason } : askAnswer(reason);
  }
  const secret = await storage.readSecret();
  return post(target.window.port, secret, stdin, agent);
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

function post(port: number, secret: string, body: string, agent: HookAgent): Promise<HookReply> {
  return new Promise((resolve) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        path: hookPath(agent),
        method: 'POST',
        agent: false,
        headers: { authorization: `Bearer ${secret}`, 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve(answerOf(Buffer.concat(chunks).toString('utf8'), res.statusCode ?? 0, agent)));
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
function answerOf(text: string, status: number, agent: HookAgent): HookReply {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return denyAnswer(`Redline answered with status ${status} and no decision; nothing was written.`);
  }
  const reply = value as { hookSpecificOutput?: { hookEventName?: unknown; permissionDecision?: unknown }; systemMessage?: unknown } | null;
  const out = reply?.hookSpecificOutput;
  const decision = out?.permissionDecision;
  // Codex counts "ask" as a failed hook (and runs the tool): for Codex, no decision is only a message.
  const decisions = agent === 'codex' ? ['allow', 'deny'] : ['allow', 'deny', 'ask'];
  if (out?.hookEventName === 'PreToolUse' && decisions.includes(decision as string)) return value as HookReply;
  if (agent === 'codex' && out === undefined && typeof reply?.systemMessage === 'string') return value as HookReply;
  return denyAnswer(`Redline answered with status ${status} and no decision; nothing was written.`);
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
 * a fault while it is being written must not add a second one, since Claude Code reads stdout as
 * one JSON value and lets an edit through when it cannot parse it.
 */
function finish(answer: HookReply): void {
  if (answered) return;
  answered = true;
  process.stdout.write(`${JSON.stringify(answer)}\n`, () => process.exit(0));
}

function main(): void {
  const storageRoot = process.argv[2];
  const fault = (err: unknown): void => finish(denyAnswer(`Redline's hook failed (${err instanceof Error ? err.message : String(err)}); nothing was written.`));
  process.on('uncaughtException', fault);
  // Nothing left to wait on and no answer yet (a promise that can no longer settle): still a denial.
  process.on('beforeExit', () => fault(new Error('it stopped before it had an answer')));
  const agent = process.argv[3];
  if (storageRoot === undefined || !isHookAgent(agent)) return fault(new Error('the launcher gave no storage folder or agent'));
  readStdin()
    .then((stdin) => answerHook(storageRoot, stdin, { caseInsensitive: process.platform !== 'linux' }, agent))
    .then(finish, fault);
}

// Run as the launcher's script; imported (the unit tests), it only exports.
if (require.main === module) main();
