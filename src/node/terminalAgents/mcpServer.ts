import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Server } from '@modelcontextprotocol/sdk/server/index.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { CallToolRequestSchema, ListToolsRequestSchema, type CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { loopbackProblem } from '../../core/terminalAgents/loopbackCheck';
import { reportText, type McpReviews } from '../../core/terminalAgents/mcpReviews';
import { parseProposeArgs, parseStateArgs, parseWaitArgs, PROPOSE_TOOL, STATE_TOOL, TOOLS, WAIT_TOOL } from '../../core/terminalAgents/mcpTools';
import { authorized, MAX_BODY_BYTES, readBody } from './hookServer';

const MAX_SESSIONS = 100;

export interface McpEndpoint {
  /** Serves one request under `/mcp`. */
  handle(req: IncomingMessage, res: ServerResponse): Promise<void>;
  close(): Promise<void>;
}

/**
 * Redline's MCP server (streamable HTTP, one SDK transport per client session). Every request is
 * checked before the SDK sees it: the bearer token (constant time), a loopback Host and Origin, and
 * the body's size; a request that fails is refused with a status and nothing is proposed.
 */
export function createMcpEndpoint(options: { token: string; port: () => number; reviews: McpReviews; log: (m: string) => void }): McpEndpoint {
  const token = Buffer.from(options.token, 'utf8');
  const sessions = new Map<string, StreamableHTTPServerTransport>();

  const open = async (): Promise<StreamableHTTPServerTransport> => {
    const server = new Server({ name: 'redline', version: '1' }, { capabilities: { tools: {} } });
    const transport: StreamableHTTPServerTransport = new StreamableHTTPServerTransport({
      sessionIdGenerator: () => randomUUID(),
      onsessioninitialized: (id) => void sessions.set(id, transport),
      onsessionclosed: (id) => void sessions.delete(id),
    });
    transport.onclose = () => {
      if (transport.sessionId) sessions.delete(transport.sessionId);
    };
    server.setRequestHandler(ListToolsRequestSchema, () => ({ tools: TOOLS.map((t) => ({ ...t, inputSchema: { ...t.inputSchema } })) }));
    server.setRequestHandler(CallToolRequestSchema, async (request, extra) => {
      const client = server.getClientVersion();
      const caller = { client: clientName(client?.name), session: transport.sessionId ?? 'unknown' };
      return callTool(options.reviews, request.params.name, request.params.arguments, caller, extra.signal, options.log);
    });
    await server.connect(transport);
    return transport;
  };

  return {
    async handle(req, res) {
      if (!authorized(req.headers.authorization, token)) {
        req.resume();
        return refuse(res, 401, 'the bearer token is missing or wrong', options.log);
      }
      const problem = loopbackProblem(req.headers.host, req.headers.origin, options.port());
      if (problem !== undefined) return refuse(res, 403, problem, options.log);
      if (Number(req.headers['content-length'] ?? 0) > MAX_BODY_BYTES)
        return refuse(res, 413, `the request is larger than ${MAX_BODY_BYTES} bytes`, options.log);
      let body: unknown;
      if (req.method === 'POST') {
        const read = await readBody(req);
        if (!read.ok) return refuse(res, read.status, read.reason, options.log);
        try {
          body = JSON.parse(read.text);
        } catch {
          return refuse(res, 400, 'the body is not valid JSON', options.log);
        }
      }
      const id = req.headers['mcp-session-id'];
      const known = typeof id === 'string' ? sessions.get(id) : undefined;
      if (known) return known.handleRequest(req, res, body);
      if (typeof id === 'string') return refuse(res, 404, 'unknown MCP session; initialize again', options.log);
      if (req.method !== 'POST' || !isInitialize(body)) return refuse(res, 400, 'no MCP session; the first request must be initialize', options.log);
      if (sessions.size >= MAX_SESSIONS) return refuse(res, 503, `more than ${MAX_SESSIONS} MCP sessions are open`, options.log);
      return (await open()).handleRequest(req, res, body);
    },
    async close() {
      await Promise.all([...sessions.values()].map((t) => t.close()));
      sessions.clear();
    },
  };
}

async function callTool(
  reviews: McpReviews,
  name: string,
  args: unknown,
  caller: { client: string; session: string },
  signal: AbortSignal,
  log: (m: string) => void,
): Promise<CallToolResult> {
  const refused = (message: string): CallToolResult => {
    log(`MCP ${name} refused: ${message}`);
    return { isError: true, content: [{ type: 'text', text: `Redline refused this call: ${message.replace(/\.$/, '')}. Nothing was proposed or written.` }] };
  };
  const text = (t: string): CallToolResult => ({ content: [{ type: 'text', text: t }] });
  switch (name) {
    case PROPOSE_TOOL: {
      const parsed = parseProposeArgs(args);
      if (!parsed.ok) return refused(parsed.message);
      const proposed = await reviews.propose(parsed.value, caller);
      if (!proposed.ok) return refused(proposed.message);
      log(`MCP ${caller.client} proposed ${proposed.value.changesetId}`);
      return text(
        `Proposed for review as changeset ${proposed.value.changesetId}; nothing is written until the user accepts. Call wait_for_decisions with this changesetId.\n${JSON.stringify(proposed.value, null, 2)}`,
      );
    }
    case WAIT_TOOL: {
      const parsed = parseWaitArgs(args);
      if (!parsed.ok) return refused(parsed.message);
      const report = await reviews.wait(parsed.value.changesetId, parsed.value.timeoutSeconds * 1000, signal);
      return report.ok ? text(reportText(report.value)) : refused(report.message);
    }
    case STATE_TOOL: {
      const parsed = parseStateArgs(args);
      if (!parsed.ok) return refused(parsed.message);
      if (parsed.value.changesetId === undefined) return text(JSON.stringify({ changesets: reviews.list() }, null, 2));
      const report = reviews.report(parsed.value.changesetId);
      return report.ok ? text(reportText(report.value)) : refused(report.message);
    }
    default:
      return refused(`no tool ${JSON.stringify(name)}; the tools are ${TOOLS.map((t) => t.name).join(', ')}`);
  }
}

/** The client's name as it goes into a changeset's source: a plain token. */
function clientName(name: string | undefined): string {
  const clean = (name ?? '').replace(/[^A-Za-z0-9_.-]+/g, '-').slice(0, 60);
  return clean === '' ? 'client' : clean;
}

function isInitialize(body: unknown): boolean {
  const messages = Array.isArray(body) ? body : [body];
  return messages.some((m) => typeof m === 'object' && m !== null && (m as { method?: unknown }).method === 'initialize');
}

function refuse(res: ServerResponse, status: number, reason: string, log: (m: string) => void): void {
  log(`MCP request refused (${status}): ${reason}`);
  if (res.headersSent || res.destroyed) return;
  const body = JSON.stringify({ jsonrpc: '2.0', error: { code: -32000, message: `Redline refused this request: ${reason}` }, id: null });
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), 'cache-control': 'no-store' });
  res.end(body);
}
