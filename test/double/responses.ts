import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Json, JsonObject } from './json';

/**
 * A loopback OpenAI Responses API for the Codex CLI (`POST /v1/responses`, streamed as server-sent
 * events), the counterpart of the Messages API double:
 *
 *     const double = await ResponsesDouble.start([[patchCall('*** Begin Patch…')], [message('Done.')]]);
 *     // a private CODEX_HOME whose provider has base_url = double.url, wire_api = "responses"
 *     double.requests;   // every request, bodies parsed
 *     await double.close();
 *
 * Stateless per conversation: each request is answered with the step whose index is the number of
 * tool results already in its `input` (the first request gets step 0, the request that carries the
 * first tool's output gets step 1), the last step for any later one. Each step streams
 * `response.created`, one `response.output_item.added` / `.done` pair per item, then
 * `response.completed`: the events Codex 0.171 reads.
 */
export type ResponseItem = JsonObject;

export interface RecordedResponsesRequest {
  readonly method: string;
  readonly path: string;
  readonly body: JsonObject | undefined;
}

export class ResponsesDouble {
  readonly requests: RecordedResponsesRequest[] = [];

  private constructor(
    private readonly server: Server,
    private readonly steps: readonly (readonly ResponseItem[])[],
  ) {}

  static async start(steps: readonly (readonly ResponseItem[])[]): Promise<ResponsesDouble> {
    if (steps.length === 0) throw new Error('a Responses double needs at least one step');
    const server = createServer();
    const double = new ResponsesDouble(server, steps);
    server.on('request', (req, res) => void double.serve(req, res));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve());
    });
    return double;
  }

  /** The provider's `base_url` (Codex appends `/responses`). */
  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/v1`;
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
    const text = Buffer.concat(chunks).toString('utf8');
    let body: JsonObject | undefined;
    try {
      body = text === '' ? undefined : (JSON.parse(text) as JsonObject);
    } catch {
      body = undefined;
    }
    const path = (req.url ?? '').split('?')[0] ?? '';
    this.requests.push({ method: req.method ?? '', path, body });
    if (req.method !== 'POST' || path !== '/v1/responses' || body === undefined) {
      res.writeHead(404, { 'content-type': 'application/json' });
      return void res.end('{"error":{"message":"not served by the double"}}');
    }
    const input = Array.isArray(body['input']) ? body['input'] : [];
    const done = input.filter((i) => typeof i === 'object' && i !== null && !Array.isArray(i) && /_call_output$/.test(String(i['type']))).length;
    const items = this.steps[Math.min(done, this.steps.length - 1)] ?? [];
    const id = `resp_${this.requests.length}`;
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
    const event = (type: string, data: JsonObject): void => void res.write(`event: ${type}\ndata: ${JSON.stringify({ type, ...data })}\n\n`);
    event('response.created', { response: { id } });
    items.forEach((item, index) => {
      event('response.output_item.added', { output_index: index, item });
      event('response.output_item.done', { output_index: index, item });
    });
    const usage = { input_tokens: 10, input_tokens_details: null, output_tokens: 5, output_tokens_details: null, total_tokens: 15 };
    event('response.completed', { response: { id, usage } });
    res.end();
  }
}

/** The model calls Codex's freeform `apply_patch` tool with this patch. */
export function patchCall(patch: string, callId = 'call_1'): ResponseItem {
  return { type: 'custom_tool_call', id: `ctc_${callId}`, call_id: callId, name: 'apply_patch', input: patch };
}

/** The model answers with text (and so ends its turn). */
export function message(text: string): ResponseItem {
  return { type: 'message', id: 'msg_1', role: 'assistant', content: [{ type: 'output_text', text }] };
}

/** What the model read after its last tool call: the tool's output and the developer notes around it. */
export function afterToolCall(body: JsonObject | undefined, callId = 'call_1'): { output: string; notes: string[] } {
  const input = (Array.isArray(body?.['input']) ? body['input'] : []) as Json[];
  const objects = input.filter((i): i is JsonObject => typeof i === 'object' && i !== null && !Array.isArray(i));
  const call = objects.findIndex((i) => i['type'] === 'custom_tool_call' && i['call_id'] === callId);
  const after = objects.slice(call + 1);
  const output = after.find((i) => i['type'] === 'custom_tool_call_output' && i['call_id'] === callId)?.['output'];
  const notes = after
    .filter((i) => i['type'] === 'message' && i['role'] === 'developer')
    .flatMap((i) => (Array.isArray(i['content']) ? i['content'] : []))
    .map((c) => (typeof c === 'object' && c !== null && !Array.isArray(c) ? String(c['text']) : ''));
  return { output: typeof output === 'string' ? output : '', notes };
}
