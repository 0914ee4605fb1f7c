import { timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { HOOK_AGENTS, type HookAgent } from '../../core/terminalAgents/hookAgents';
import { denyAnswer, type HookAnswer } from '../../core/terminalAgents/hookAnswers';

/** The path the hook client posts a Claude Code `PreToolUse` call to. */
export const CLAUDE_HOOK_PATH = HOOK_AGENTS['claude-code'].path;
/** A hook call's body: the largest file text Redline reviews, as JSON, with room for its escapes. */
export const MAX_BODY_BYTES = 20 * 1024 * 1024;

export interface HookServerOptions {
  readonly secret: string;
  /**
   * Answers one authenticated call (`body` is parsed JSON, not yet validated). `gone` aborts when
   * the client's connection closes first: the agent stopped waiting.
   */
  readonly handle: (body: unknown, gone: AbortSignal) => Promise<HookAnswer>;
  /** The same for the other agents, each at its own path (`HOOK_AGENTS`) and in its own answer shape. */
  readonly agents?: { readonly [A in Exclude<HookAgent, 'claude-code'>]?: (body: unknown, gone: AbortSignal) => Promise<object> };
  readonly log: (message: string) => void;
  /** Serves the requests under `/mcp` on the same listener (the MCP endpoint checks its own token). */
  readonly mcp?: (req: IncomingMessage, res: ServerResponse) => Promise<void>;
  /** Milliseconds to receive a whole request; the answer itself may take as long as the review. */
  readonly requestTimeoutMs?: number;
}

export interface HookServer {
  readonly port: number;
  close(): Promise<void>;
}

/**
 * The loopback server the hook client talks to. Every refusal is still an answer the agent
 * reads (a denial with the reason), so the client never has to guess; nothing is done for a
 * call that is not authenticated.
 */
export async function startHookServer(options: HookServerOptions): Promise<HookServer> {
  const secret = Buffer.from(options.secret, 'utf8');
  const server = createServer((req, res) => void serve(req, res, secret, options));
  // Node cuts a request after `requestTimeout` (300 s by default) only while it is being received;
  // the body arrives at once, the answer may take an hour. No idle timeout on the socket either:
  // it is quiet while the user reviews.
  server.requestTimeout = options.requestTimeoutMs ?? 60_000;
  server.headersTimeout = Math.min(30_000, server.requestTimeout);
  server.timeout = 0;
  server.keepAliveTimeout = 1_000;
  await listen(server);
  const port = (server.address() as AddressInfo).port;
  return {
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function listen(server: Server): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
}

/** The handler and the denial shape for a request's path; Claude Code's shape when no agent's path matches. */
function routeOf(
  url: string | undefined,
  options: HookServerOptions,
): { deny: (reason: string) => object; handle?: (body: unknown, gone: AbortSignal) => Promise<object> } {
  if (url === CLAUDE_HOOK_PATH) return { deny: denyAnswer, handle: options.handle };
  for (const agent of ['gemini-cli', 'codex'] as const) {
    // An agent's path with no handler in this window is still refused in that agent's shape.
    const handle = options.agents?.[agent];
    if (url === HOOK_AGENTS[agent].path) return { deny: HOOK_AGENTS[agent].deny, ...(handle ? { handle } : {}) };
  }
  return { deny: denyAnswer };
}

async function serve(req: IncomingMessage, res: ServerResponse, secret: Buffer, options: HookServerOptions): Promise<void> {
  const route = routeOf(req.url, options);
  const refuse = (status: number, reason: string): void => {
    options.log(`hook call refused (${status}): ${reason}`);
    send(res, status, route.deny(`Redline refused this call: ${reason}`));
  };
  if (options.mcp && /^\/mcp(\?|$)/.test(req.url ?? '')) return options.mcp(req, res);
  const handle = route.handle;
  if (req.method !== 'POST' || handle === undefined) return refuse(404, `unknown request ${req.method ?? ''} ${req.url ?? ''}`);
  if (!authorized(req.headers.authorization, secret)) {
    req.resume();
    return refuse(401, 'the hook secret is missing or wrong');
  }
  if (!/^application\/json\b/i.test(req.headers['content-type'] ?? '')) return refuse(415, 'the body must be JSON');
  const declared = Number(req.headers['content-length'] ?? NaN);
  if (declared > MAX_BODY_BYTES) return refuse(413, `the call is larger than ${MAX_BODY_BYTES} bytes`);
  const body = await readBody(req);
  if (!body.ok) return refuse(body.status, body.reason);
  let parsed: unknown;
  try {
    parsed = JSON.parse(body.text);
  } catch {
    return refuse(400, 'the body is not valid JSON');
  }
  const gone = new AbortController();
  res.on('close', () => {
    if (!res.writableFinished) gone.abort();
  });
  let answer: object;
  try {
    answer = await handle(parsed, gone.signal);
  } catch (err) {
    // A fault inside Redline is still a denial: the hook never fails open.
    options.log(`hook call failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
    answer = route.deny(`Redline could not review this edit: ${err instanceof Error ? err.message : String(err)}`);
  }
  if (!gone.signal.aborted) send(res, 200, answer);
}

/** Whether an `Authorization: Bearer …` header carries `secret` (compared in constant time). */
export function authorized(header: string | undefined, secret: Buffer): boolean {
  const m = /^Bearer (.+)$/.exec(header ?? '');
  if (!m?.[1]) return false;
  const given = Buffer.from(m[1], 'utf8');
  // Compared in constant time; the length check first is what timingSafeEqual requires.
  return given.length === secret.length && timingSafeEqual(given, secret);
}

/** A request's body as text, at most `MAX_BODY_BYTES` (a larger one is cut off and refused). */
export function readBody(req: IncomingMessage): Promise<{ ok: true; text: string } | { ok: false; status: number; reason: string }> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    req.on('data', (chunk: Buffer) => {
      if (done) return;
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        done = true;
        resolve({ ok: false, status: 413, reason: `the call is larger than ${MAX_BODY_BYTES} bytes` });
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      if (done) return;
      done = true;
      const text = Buffer.concat(chunks).toString('utf8');
      resolve({ ok: true, text });
    });
    req.on('error', () => {
      if (done) return;
      done = true;
      resolve({ ok: false, status: 400, reason: 'the call was cut off' });
    });
  });
}

function send(res: ServerResponse, status: number, answer: object): void {
  if (res.headersSent || res.destroyed) return;
  const body = JSON.stringify(answer);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), 'cache-control': 'no-store' });
  res.end(body);
}
