import * as path from 'node:path';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import type { JSONRPCMessage } from '@modelcontextprotocol/sdk/types.js';
import { windowFor } from '../../core/terminalAgents/windowChoice';
import { HookStorage } from './hookStorage';
import { mcpToken } from './mcpLauncher';

/**
 * The stdio launcher's script (`redline-mcp`, run with `<global storage> [folder]`) for MCP
 * clients that only spawn commands: it bridges stdio to the MCP endpoint of the Redline window that
 * has the folder open (the second argument, else the directory the client started it in), found
 * through the registry of windows in global storage, with the token derived from the per-install
 * secret. Nothing here comes from VS Code's environment, so a client in any terminal reaches it.
 */

type Upstream = { transport: StreamableHTTPClientTransport } | { error: string };

export async function connectUpstream(storageRoot: string, folder: string, caseInsensitive: boolean): Promise<Upstream> {
  const storage = new HookStorage(storageRoot);
  const target = windowFor(await storage.windows(), folder, caseInsensitive);
  if (target === undefined) return { error: `No Redline window has ${folder} open. Open the folder in VS Code with Redline and try again.` };
  let secret: string;
  try {
    secret = await storage.readSecret();
  } catch {
    return { error: 'Redline has not made its secret yet; run Redline: Copy MCP Configuration in VS Code' };
  }
  const transport = new StreamableHTTPClientTransport(new URL(`http://127.0.0.1:${target.window.port}/mcp`), {
    requestInit: { headers: { authorization: `Bearer ${mcpToken(secret)}` } },
  });
  await transport.start();
  return { transport };
}

function main(): void {
  const storageRoot = process.argv[2];
  const folder = path.resolve(process.argv[3] ?? process.cwd());
  const stdio = new StdioServerTransport();
  let upstream: Promise<Upstream> | undefined;
  const fault = (message: JSONRPCMessage, reason: string): void => {
    // A request gets its error as an answer; a notification has nobody to tell.
    if ('id' in message && 'method' in message) void stdio.send({ jsonrpc: '2.0', id: message.id, error: { code: -32000, message: `Redline: ${reason}` } });
  };
  stdio.onmessage = (message) => {
    if (storageRoot === undefined) return fault(message, 'the launcher gave no storage folder');
    upstream ??= connectUpstream(storageRoot, folder, process.platform !== 'linux').then((u) => {
      if ('transport' in u) {
        u.transport.onmessage = (m) => void stdio.send(m);
        u.transport.onerror = (err) => process.stderr.write(`redline-mcp: ${err.message}\n`);
        u.transport.onclose = () => process.exit(0);
      } else upstream = undefined;
      return u;
    });
    void upstream.then(
      (u) => ('transport' in u ? u.transport.send(message).catch((err: unknown) => fault(message, String(err))) : fault(message, u.error)),
      (err: unknown) => fault(message, `could not reach the Redline window (${String(err)})`),
    );
  };
  stdio.onclose = () => {
    void upstream?.then((u) => ('transport' in u ? u.transport.terminateSession().catch(() => undefined) : undefined)).finally(() => process.exit(0));
  };
  process.stdin.on('end', () => void stdio.close());
  void stdio.start();
}

// Run as the launcher's script; imported (the unit tests), it only exports.
if (require.main === module) main();
