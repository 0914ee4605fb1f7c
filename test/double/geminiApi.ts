/**
 * A loopback double of the Gemini API as Gemini CLI (0.61) calls it with `GEMINI_API_KEY` and
 * `GOOGLE_GEMINI_BASE_URL`: `POST /v1beta/models/<model>:streamGenerateContent?alt=sse`, answered
 * with one server-sent event holding the turn's parts. Each request takes the next turn of the
 * script (a `functionCall` part is a tool call); when the script is done, the model says "Done.".
 * `countTokens` gets a count; anything else is recorded and answered 404, so a test can assert
 * that nothing else was asked.
 *
 *     const api = await GeminiApiDouble.start([[functionCall('replace', {...})]]);
 *     … GOOGLE_GEMINI_BASE_URL = api.url …
 *     api.requests; functionResponses(api.requests[1]!.body); await api.close();
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { asArray, field, isObject, type Json, type JsonObject } from './json';

export type GeminiPart = { text: string } | { functionCall: { name: string; args: JsonObject } };

export interface GeminiRequest {
  method: string;
  /** Without the query. */
  path: string;
  url: string;
  body: Json;
}

const STREAM = /^\/v1beta\/models\/[^/:]+:streamGenerateContent$/;
const COUNT = /^\/v1beta\/models\/[^/:]+:countTokens$/;

export function functionCall(name: string, args: JsonObject): GeminiPart {
  return { functionCall: { name, args } };
}

/** What the model was told about its tool calls in this request: the `functionResponse` parts of the last user turn. */
export function functionResponses(body: Json): { name: string; response: JsonObject }[] {
  const last = asArray(field(body, 'contents')).at(-1);
  return asArray(field(last, 'parts')).flatMap((p) => {
    const r = field(p, 'functionResponse');
    const name = field(r, 'name');
    const response = field(r, 'response');
    return typeof name === 'string' && isObject(response) ? [{ name, response }] : [];
  });
}

export class GeminiApiDouble {
  readonly requests: GeminiRequest[] = [];
  private turn = 0;

  private constructor(
    private readonly server: Server,
    private readonly script: readonly GeminiPart[][],
  ) {}

  static async start(script: readonly GeminiPart[][]): Promise<GeminiApiDouble> {
    const server = createServer();
    const double = new GeminiApiDouble(server, script);
    server.on('request', (req: IncomingMessage, res: ServerResponse) => void double.serve(req, res));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve());
    });
    return double;
  }

  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  close(): Promise<void> {
    return new Promise((resolve) => {
      this.server.closeAllConnections();
      this.server.close(() => resolve());
    });
  }

  private async serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    const url = req.url ?? '';
    const path = url.split('?')[0] ?? '';
    let body: Json = null;
    try {
      body = raw === '' ? null : (JSON.parse(raw) as Json);
    } catch {
      body = raw;
    }
    this.requests.push({ method: req.method ?? '', path, url, body });
    if (req.method === 'POST' && STREAM.test(path)) {
      const parts = this.script[this.turn++] ?? [{ text: 'Done.' }];
      const chunk = {
        candidates: [{ content: { role: 'model', parts }, finishReason: 'STOP', index: 0 }],
        usageMetadata: { promptTokenCount: 100, candidatesTokenCount: 10, totalTokenCount: 110 },
        modelVersion: 'gemini-2.5-pro',
      };
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.end(`data: ${JSON.stringify(chunk)}\r\n\r\n`);
      return;
    }
    if (req.method === 'POST' && COUNT.test(path)) {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ totalTokens: 100 }));
      return;
    }
    res.writeHead(404, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ error: { code: 404, message: `the double does not serve ${req.method ?? ''} ${path}`, status: 'NOT_FOUND' } }));
  }
}
