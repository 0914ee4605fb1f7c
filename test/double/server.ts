import { createServer, type IncomingHttpHeaders, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type CacheUsage, PromptCache } from './cache';
import { promptTooLong } from './contextWindow';
import { errorJson, messageJson, type Reply, type SseEvent, streamEvents } from './events';
import { asArray, asString, field, type Json, type JsonObject } from './json';
import { modelsRoute } from './models';
import { type Script, type ScriptFn, type Step, toScriptFn } from './script';
import { ModelBehaviour, type ThinkingOptions } from './thinking';

/** A request as the double received it. `raw` is the exact body text, for "never sent" assertions. */
export interface RecordedRequest {
  index: number;
  method: string;
  /** The path without its query; `url` keeps the query (Claude Code sends `?beta=true`). */
  path: string;
  url: string;
  /** When the request arrived (epoch ms), to time what a client did between two requests. */
  receivedAt: number;
  headers: IncomingHttpHeaders;
  raw: string;
  body: Json;
  /** What the double answered (the step), and the usage it billed for a reply. */
  step?: Step;
  usage?: CacheUsage;
  /** SSE events written so far: a test can wait until a stream is under way. */
  sentEvents: number;
  /** How the response ended: sent to the end, or cut before it (the client aborted). */
  closed?: 'finished' | 'cut';
}

export interface DoubleOptions {
  script: Script;
  /**
   * Planted secrets (a `.env` canary, the API key, a token in the environment) that must never
   * reach the model. A request body carrying one is recorded as a leak and refused with a 400, and
   * `close()` fails, so every test that uses the double checks every request it sent.
   */
  canaries?: readonly string[];
  /** The model's context window in tokens: a request over it gets the API's 400 "prompt is too long". */
  contextWindow?: number;
  /** Play a model that always thinks (signed thinking blocks that must come back unchanged). */
  thinking?: ThinkingOptions;
}

/** A request body that carried a planted canary. */
export interface CanaryLeak {
  index: number;
  canary: string;
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * A loopback server that speaks the Messages API (`POST /v1/messages`, JSON and SSE), driven by a
 * script, so the real SDK can be tested through `baseURL` with no network. Port 0: the OS picks.
 */
export class MessagesDouble {
  readonly requests: RecordedRequest[] = [];
  readonly leaks: CanaryLeak[] = [];
  private readonly cache = new PromptCache();
  private readonly script: ScriptFn;
  private readonly model: ModelBehaviour;

  private constructor(
    private readonly server: Server,
    script: Script,
    private readonly canaries: readonly string[],
    thinking: ThinkingOptions | undefined,
    private readonly contextWindow?: number,
  ) {
    this.script = toScriptFn(script);
    this.model = new ModelBehaviour(thinking);
  }

  static async start(options: DoubleOptions, port = 0): Promise<MessagesDouble> {
    const server = createServer();
    const double = new MessagesDouble(
      server,
      options.script,
      (options.canaries ?? []).filter((c) => c.length > 0),
      options.thinking,
      options.contextWindow,
    );
    server.on('request', (req: IncomingMessage, res: ServerResponse) => {
      void double.handle(req, res).catch(() => res.destroy());
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', resolve);
    });
    return double;
  }

  get url(): string {
    const { port } = this.server.address() as AddressInfo;
    return `http://127.0.0.1:${port}`;
  }

  /** Every request body as sent, joined: assert a secret appears in none of them. */
  allBodies(): string {
    return this.requests.map((r) => r.raw).join('\n');
  }

  /** Requests that reached the messages endpoint, in order. */
  messageRequests(): RecordedRequest[] {
    return this.requests.filter((r) => r.path === '/v1/messages');
  }

  /** Closes the server, then fails if any request body carried a canary. */
  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
    this.assertNoLeaks();
  }

  assertNoLeaks(): void {
    if (this.leaks.length === 0) return;
    const which = this.leaks.map((l) => `request ${l.index} carried canary ${JSON.stringify(l.canary.slice(0, 12))}…`);
    throw new Error(`double: a planted secret reached the model: ${which.join('; ')}`);
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const raw = await readBody(req);
    const path = (req.url ?? '').split('?')[0] ?? '';
    let body: Json = null;
    try {
      body = JSON.parse(raw) as Json;
    } catch {
      // recorded as null; answered below as an invalid request
    }
    const recorded: RecordedRequest = {
      index: this.requests.length,
      method: req.method ?? '',
      path,
      url: req.url ?? '',
      receivedAt: Date.now(),
      headers: req.headers,
      raw,
      body,
      sentEvents: 0,
    };
    this.requests.push(recorded);
    res.on('close', () => (recorded.closed = res.writableFinished ? 'finished' : 'cut'));
    const leaked = this.canaries.filter((c) => raw.includes(c));
    if (leaked.length > 0) {
      for (const canary of leaked) this.leaks.push({ index: recorded.index, canary });
      return sendJson(res, 400, errorJson(400, undefined, 'double: the request carried a planted secret'));
    }
    const models = modelsRoute(req.method ?? '', req.url ?? '', body);
    if (models !== undefined) return sendJson(res, models.status, models.body);
    if (req.method !== 'POST' || path !== '/v1/messages') {
      return sendJson(res, 404, errorJson(404, undefined, `double: no route ${req.method} ${path}`));
    }
    const problem = invalidRequest(body) ?? this.model.refuse(body);
    if (problem !== undefined) return sendJson(res, 400, errorJson(400, undefined, problem));
    const tooLong = promptTooLong(body, this.contextWindow);
    if (tooLong !== undefined) return sendJson(res, 400, errorJson(400, 'invalid_request_error', tooLong));

    const step = this.script({ body, index: this.messageRequests().length - 1 });
    recorded.step = step;
    if (step.kind === 'error') return sendError(res, step);

    const usage = this.cache.account(body);
    recorded.usage = usage;
    const shaped = this.model.shape(body, step.content, step.kind === 'reply' ? step.stopReason : undefined);
    const reply: Reply = {
      id: `msg_double_${recorded.index}`,
      model: asString(field(body, 'model')) ?? '',
      usage,
      ...(step.kind === 'reply' && step.outputTokens !== undefined ? { outputTokens: step.outputTokens } : {}),
      ...shaped,
    };
    if (step.kind === 'reply' && step.delayMs !== undefined) await sleep(step.delayMs);
    if (step.kind === 'reply' && step.hold !== undefined) await step.hold;
    if (res.destroyed) return;
    if (field(body, 'stream') !== true) {
      if (step.kind === 'drop') return void res.socket?.destroy();
      return sendJson(res, 200, messageJson(reply));
    }
    const events = streamEvents(reply);
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', 'request-id': `req_${recorded.index}` });
    if (step.kind === 'drop') return writeThenDrop(res, events.slice(0, step.afterEvents));
    for (const event of events) {
      if (res.destroyed) return;
      if (step.stallAfter !== undefined && recorded.sentEvents >= step.stallAfter) return;
      res.write(sse(event));
      recorded.sentEvents++;
      if (step.eventDelayMs !== undefined) await sleep(step.eventDelayMs);
    }
    res.end();
  }
}

function invalidRequest(body: Json): string | undefined {
  if (typeof field(body, 'model') !== 'string') return 'model: a string is required';
  if (typeof field(body, 'max_tokens') !== 'number') return 'max_tokens: a number is required';
  if (asArray(field(body, 'messages')).length === 0) return 'messages: at least one message is required';
  return undefined;
}

function sse(event: SseEvent): string {
  return `event: ${event.event}\ndata: ${JSON.stringify(event.data)}\n\n`;
}

function writeThenDrop(res: ServerResponse, events: SseEvent[]): void {
  // Destroy only once the events are on the wire, so the client sees a stream cut midway
  // rather than a response that never started.
  res.write(events.map(sse).join(''), () => res.socket?.destroy());
}

function sendJson(res: ServerResponse, status: number, body: JsonObject, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json', 'request-id': `req_double_${status}`, ...headers });
  res.end(JSON.stringify(body));
}

function sendError(res: ServerResponse, step: Extract<Step, { kind: 'error' }>): void {
  const headers: Record<string, string> = {};
  if (step.retryAfterSeconds !== undefined) headers['retry-after'] = String(step.retryAfterSeconds);
  if (step.retryAfterMs !== undefined) headers['retry-after-ms'] = String(step.retryAfterMs);
  sendJson(res, step.status, errorJson(step.status, step.errorType, step.message), headers);
}

async function readBody(req: IncomingMessage): Promise<string> {
  const parts: Buffer[] = [];
  for await (const part of req) parts.push(part as Buffer);
  return Buffer.concat(parts).toString('utf8');
}
