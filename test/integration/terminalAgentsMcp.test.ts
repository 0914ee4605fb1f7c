import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { request } from 'node:http';
import * as path from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import * as vscode from 'vscode';
import type { RedlineApi } from '../../src/shared/api';
import { api, read, root, waitFor, write } from './agentSupport';

const lines = (n: number, f: (i: number) => string = (i) => `line ${i}`): string => Array.from({ length: n }, (_, i) => `${f(i + 1)}\n`).join('');

async function endpoint(redline: RedlineApi): Promise<{ url: string; token: string }> {
  return waitFor('the MCP endpoint', () => redline.getMcpEndpoint());
}

async function httpClient(url: string, token: string, name = 'it-mcp-client'): Promise<Client> {
  const client = new Client({ name, version: '1.0.0' });
  await client.connect(new StreamableHTTPClientTransport(new URL(url), { requestInit: { headers: { Authorization: `Bearer ${token}` } } }));
  return client;
}

async function call(client: Client, name: string, args: Record<string, unknown>): Promise<CallToolResult> {
  return (await client.callTool({ name, arguments: args }, undefined, { timeout: 120_000 })) as CallToolResult;
}

const textOf = (r: CallToolResult): string => r.content.map((c) => (c.type === 'text' ? c.text : '')).join('');
/** The tools answer a line for the model, then JSON. */
const jsonOf = <T>(r: CallToolResult): T => JSON.parse(textOf(r).slice(textOf(r).indexOf('\n') + 1)) as T;

interface Report {
  changesetId: string;
  done: boolean;
  hunks: { file: string; hunk: number; line: number; state: string; reason?: string }[];
}

/** A raw POST to the endpoint, for what the SDK's client would never send. */
function post(url: string, headers: Record<string, string>): Promise<number> {
  const body = JSON.stringify({
    jsonrpc: '2.0',
    id: 1,
    method: 'initialize',
    params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'x', version: '1' } },
  });
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      { method: 'POST', agent: false, headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream', ...headers } },
      (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/** Decides each hunk of a changeset through the public API: `decisions[i]` for hunk i. */
async function decideAll(redline: RedlineApi, id: string, decisions: ('accept' | ['reject', string])[]): Promise<void> {
  const hunks = redline.getChangeset(id)!.files.flatMap((f) => f.hunks);
  assert.equal(hunks.length, decisions.length, `expected ${decisions.length} hunks`);
  for (const [i, d] of decisions.entries()) {
    if (d === 'accept') await redline.decide(id, hunks[i]!.id, 'accept');
    else await redline.decide(id, hunks[i]!.id, 'reject', d[1]);
  }
}

describe('terminal agents: any agent through MCP', function () {
  this.timeout(120_000);

  after(async () => {
    fs.rmSync(path.join(root(), 'mcp'), { recursive: true, force: true });
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('an MCP client proposes edits, the user decides per hunk, and wait_for_decisions returns exactly those decisions with the reason', async () => {
    const redline = await api();
    const { url, token } = await endpoint(redline);
    assert.match(url, /^http:\/\/127\.0\.0\.1:\d+\/mcp$/);
    const before = lines(30);
    write('mcp/a.txt', before);
    const client = await httpClient(url, token);
    try {
      const tools = (await client.listTools()).tools.map((t) => t.name).sort();
      assert.deepEqual(tools, ['get_review_state', 'propose_changes', 'wait_for_decisions']);
      const proposed = await call(client, 'propose_changes', {
        title: 'Rename two lines',
        files: [
          {
            path: 'mcp/a.txt',
            edits: [
              { old_string: 'line 3\n', new_string: 'line three\n' },
              { old_string: 'line 25\n', new_string: 'line twenty-five\n' },
            ],
          },
        ],
      });
      assert.equal(proposed.isError, undefined, textOf(proposed));
      const { changesetId } = jsonOf<{ changesetId: string }>(proposed);
      const cs = redline.getChangeset(changesetId);
      assert.ok(cs, 'the changeset must be in the review');
      assert.match(cs.source, /^mcp:it-mcp-client · [0-9a-f-]{8}$/);
      assert.equal(read('mcp/a.txt'), before, 'nothing may be written before a decision');

      const waiting = call(client, 'wait_for_decisions', { changesetId, timeoutSeconds: 60 });
      await new Promise((r) => setTimeout(r, 300));
      await decideAll(redline, changesetId, ['accept', ['reject', 'keep the number as digits']]);
      const report = jsonOf<Report>(await waiting);
      assert.equal(report.done, true);
      assert.deepEqual(report.hunks, [
        { file: 'mcp/a.txt', hunk: 1, line: 3, state: 'accepted' },
        { file: 'mcp/a.txt', hunk: 2, line: 25, state: 'rejected', reason: 'keep the number as digits' },
      ]);
      assert.equal(read('mcp/a.txt'), before.replace('line 3\n', 'line three\n'), 'the file must hold exactly the accepted hunk');

      const state = jsonOf<Report>(await call(client, 'get_review_state', { changesetId }));
      assert.deepEqual(state.hunks, report.hunks);

      // Ask fix on a client's hunk: the client cannot be called back, so it reads the request.
      const again = jsonOf<{ changesetId: string }>(
        await call(client, 'propose_changes', { files: [{ path: 'mcp/a.txt', edits: [{ old_string: 'line 25\n', new_string: 'line 25!\n' }] }] }),
      );
      const waitingFix = call(client, 'wait_for_decisions', { changesetId: again.changesetId, timeoutSeconds: 60 });
      await redline.requestFix(again.changesetId, redline.getChangeset(again.changesetId)!.files[0]!.hunks[0]!.id, 'no exclamation marks');
      const fixed = await waitingFix;
      assert.match(textOf(fixed), / The user asks for a fix of mcp\/a\.txt hunk 1 \(the reason says what\): propose those changes again/);
      assert.deepEqual(jsonOf<Report>(fixed).hunks, [
        { file: 'mcp/a.txt', hunk: 1, line: 25, state: 'rejected', reason: 'the user asks: no exclamation marks' },
      ]);
      assert.equal(read('mcp/a.txt'), before.replace('line 3\n', 'line three\n'), 'a fix request writes nothing');
    } finally {
      await client.close();
    }
  });

  it('wait_for_decisions says which hunks are still pending when it times out', async () => {
    const redline = await api();
    const { url, token } = await endpoint(redline);
    write('mcp/b.txt', lines(5));
    const client = await httpClient(url, token);
    try {
      const { changesetId } = jsonOf<{ changesetId: string }>(
        await call(client, 'propose_changes', { files: [{ path: 'mcp/b.txt', newText: lines(5, (i) => (i === 2 ? 'two' : `line ${i}`)) }] }),
      );
      const result = await call(client, 'wait_for_decisions', { changesetId, timeoutSeconds: 0.2 });
      assert.match(textOf(result), /^1 of 1 hunks still wait for the user \(mcp\/b\.txt hunk 1\)/);
      assert.deepEqual(
        jsonOf<Report>(result).hunks.map((h) => h.state),
        ['pending'],
      );
      await decideAll(redline, changesetId, [['reject', 'no']]);
    } finally {
      await client.close();
    }
  });

  it('a forged or missing token, or a foreign Host or Origin, is refused and nothing is proposed', async () => {
    const redline = await api();
    const { url, token } = await endpoint(redline);
    const port = new URL(url).port;
    const forged = token.replace(/^./, (c) => (c === 'a' ? 'b' : 'a'));
    assert.equal(await post(url, { authorization: `Bearer ${forged}` }), 401);
    assert.equal(await post(url, {}), 401);
    assert.equal(await post(url, { authorization: `Bearer ${token}`, host: `evil.example:${port}` }), 403);
    assert.equal(await post(url, { authorization: `Bearer ${token}`, origin: 'http://evil.example' }), 403);
    assert.equal(await post(url, { authorization: `Bearer ${token}` }), 200, 'the same request with the right token must be served');
    const seen: string[] = [];
    const sub = redline.onDidChange((e) => seen.push(e.id));
    try {
      await assert.rejects(httpClient(url, forged));
    } finally {
      sub.dispose();
    }
    assert.deepEqual(seen, [], 'nothing may be proposed for a forged token');
  });

  it('a path outside the workspace or into .git is refused with the reason, and nothing is proposed', async () => {
    const redline = await api();
    const { url, token } = await endpoint(redline);
    const client = await httpClient(url, token);
    const seen: string[] = [];
    const sub = redline.onDidChange((e) => seen.push(e.id));
    try {
      const outside = await call(client, 'propose_changes', { files: [{ path: path.join(path.dirname(root()), 'mcp-outside.txt'), newText: 'x\n' }] });
      assert.equal(outside.isError, true);
      assert.match(textOf(outside), /outside every workspace folder/);
      assert.match(textOf(outside), /Nothing was proposed or written/);
      const dotdot = await call(client, 'propose_changes', { files: [{ path: '../mcp-outside.txt', newText: 'x\n' }] });
      assert.equal(dotdot.isError, true);
      assert.match(textOf(dotdot), /'\.\.' segment/);
      const git = await call(client, 'propose_changes', { files: [{ path: '.git/config', newText: 'x\n' }] });
      assert.equal(git.isError, true);
      assert.match(textOf(git), /\.git/);
    } finally {
      sub.dispose();
      await client.close();
    }
    assert.deepEqual(seen, [], 'nothing may be proposed');
    assert.equal(fs.existsSync(path.join(path.dirname(root()), 'mcp-outside.txt')), false);
  });

  it('through the stdio launcher Copy MCP Configuration gives, from a bare environment, the same review round trip', async () => {
    const redline = await api();
    await endpoint(redline);
    const win = vscode.window as unknown as { showQuickPick: (items: readonly { label: string }[]) => Promise<unknown> };
    const original = win.showQuickPick;
    win.showQuickPick = async (items) => items.find((i) => i.label === 'Claude Code');
    try {
      await vscode.commands.executeCommand('redline.copyMcpConfiguration');
    } finally {
      win.showQuickPick = original;
    }
    const config = JSON.parse(await vscode.env.clipboard.readText()) as { mcpServers: { redline: { type: string; command: string; args: string[] } } };
    assert.equal(config.mcpServers.redline.type, 'stdio');
    const launcher = config.mcpServers.redline.command;
    assert.ok(!launcher.startsWith(root()) && fs.statSync(launcher).mode & 0o100, `the launcher must be an executable outside the workspace: ${launcher}`);

    write('mcp/c.txt', lines(4));
    const client = new Client({ name: 'it-stdio-client', version: '1.0.0' });
    // The client spawns the launcher in the project folder with none of VS Code's variables.
    const env = { PATH: process.env['PATH'] ?? '/usr/bin:/bin', HOME: process.env['HOME'] ?? '/tmp' };
    await client.connect(new StdioClientTransport({ command: launcher, args: config.mcpServers.redline.args, cwd: root(), env, stderr: 'pipe' }));
    try {
      const proposed = await call(client, 'propose_changes', { files: [{ path: 'mcp/c.txt', newText: lines(4, (i) => (i === 4 ? 'four' : `line ${i}`)) }] });
      const { changesetId } = jsonOf<{ changesetId: string }>(proposed);
      assert.match(redline.getChangeset(changesetId)!.source, /^mcp:it-stdio-client · /);
      const waiting = call(client, 'wait_for_decisions', { changesetId, timeoutSeconds: 60 });
      await new Promise((r) => setTimeout(r, 300));
      await decideAll(redline, changesetId, [['reject', 'spell it as a number']]);
      assert.deepEqual(jsonOf<Report>(await waiting).hunks, [{ file: 'mcp/c.txt', hunk: 1, line: 4, state: 'rejected', reason: 'spell it as a number' }]);
      assert.equal(read('mcp/c.txt'), lines(4));
    } finally {
      await client.close();
    }
  });
});
