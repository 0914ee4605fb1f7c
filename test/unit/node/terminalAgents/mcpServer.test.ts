import * as assert from 'node:assert/strict';
import { request } from 'node:http';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { policyRules } from '../../../../src/core/policy/policyRules';
import { ReviewSession } from '../../../../src/core/review/reviewSession';
import { McpReviews } from '../../../../src/core/terminalAgents/mcpReviews';
import { denyAnswer } from '../../../../src/core/terminalAgents/hookAnswers';
import { MAX_BODY_BYTES, startHookServer, type HookServer } from '../../../../src/node/terminalAgents/hookServer';
import { mcpToken } from '../../../../src/node/terminalAgents/mcpLauncher';
import { createMcpEndpoint, type McpEndpoint } from '../../../../src/node/terminalAgents/mcpServer';
import { FakeWorkspace, trusted } from '../../core/review/fakeWorkspace';

const SECRET = 'c'.repeat(64);
const TOKEN = mcpToken(SECRET);

function post(port: number, headers: Record<string, string>, body: string): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        path: '/mcp',
        method: 'POST',
        agent: false,
        headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream', ...headers },
      },
      (res) => {
        let text = '';
        res.on('data', (c: Buffer) => (text += c.toString('utf8')));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
      },
    );
    req.on('error', (err) =>
      (err as NodeJS.ErrnoException).code === 'ECONNRESET' || (err as NodeJS.ErrnoException).code === 'EPIPE'
        ? resolve({ status: 413, text: '' })
        : reject(err),
    );
    req.end(body);
  });
}

describe('terminalAgents/mcpServer', () => {
  let server: HookServer;
  let endpoint: McpEndpoint;
  let ws: FakeWorkspace;
  let session: ReviewSession;

  beforeEach(async () => {
    ws = new FakeWorkspace();
    session = new ReviewSession(ws, trusted, policyRules, () => 'cs1');
    let port = 0;
    endpoint = createMcpEndpoint({ token: TOKEN, port: () => port, reviews: new McpReviews(session, ws, trusted), log: () => undefined });
    server = await startHookServer({
      secret: SECRET,
      handle: async () => denyAnswer('no'),
      mcp: (req, res) => endpoint.handle(req, res),
      log: () => undefined,
    });
    port = server.port;
  });

  afterEach(async () => {
    await endpoint.close();
    await server.close();
  });

  it('the token is derived from the secret and is not the secret', () => {
    assert.match(TOKEN, /^[0-9a-f]{64}$/);
    assert.notEqual(TOKEN, SECRET);
    assert.equal(mcpToken(SECRET), TOKEN);
    assert.notEqual(mcpToken('d'.repeat(64)), TOKEN);
  });

  it('serves the SDK client on /mcp of the hook listener: a proposal names the client', async () => {
    ws.disk.set('a.txt', 'one\n');
    const client = new Client({ name: 'unit client', version: '1' });
    await client.connect(
      new StreamableHTTPClientTransport(new URL(`http://127.0.0.1:${server.port}/mcp`), { requestInit: { headers: { Authorization: `Bearer ${TOKEN}` } } }),
    );
    try {
      const r = (await client.callTool({ name: 'propose_changes', arguments: { files: [{ path: 'a.txt', newText: 'two\n' }] } })) as CallToolResult;
      assert.equal(r.isError, undefined);
      assert.match(session.get('cs1')?.changeset.source ?? '', /^mcp:unit-client · [0-9a-f]{8}$/);
      const unknown = (await client.callTool({ name: 'write_file', arguments: {} })) as CallToolResult;
      assert.equal(unknown.isError, true);
    } finally {
      await client.close();
    }
  });

  it('refuses a wrong or missing token (401), a foreign Host (403), an oversized body (413), an unknown session (404), and a first request that is not initialize (400)', async () => {
    const init = JSON.stringify({
      jsonrpc: '2.0',
      id: 1,
      method: 'initialize',
      params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'x', version: '1' } },
    });
    const auth = { authorization: `Bearer ${TOKEN}` };
    const status = async (headers: Record<string, string>, body: string) => (await post(server.port, headers, body)).status;
    assert.equal(await status({ authorization: `Bearer ${SECRET}` }, init), 401, 'the hook secret is not the MCP token');
    assert.equal(await status({}, init), 401);
    assert.equal(await status({ ...auth, host: 'rebound.example' }, init), 403);
    assert.equal(await status({ ...auth, 'content-length': String(MAX_BODY_BYTES + 1) }, ''), 413);
    assert.equal(await status({ ...auth, 'mcp-session-id': 'nope' }, init), 404);
    const noSession = await post(server.port, auth, JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/list' }));
    assert.equal(noSession.status, 400);
    assert.match(noSession.text, /no MCP session; the first request must be initialize/);
    assert.equal(await status(auth, init), 200);
    assert.deepEqual(session.ids(), []);
  });
});
