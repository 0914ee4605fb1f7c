import { createHmac } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import * as path from 'node:path';
import { shellQuote, writeAtomic, type HookStorage } from './hookStorage';

/** The stdio launcher's path in global storage: the same across updates, restarts and windows. */
export function mcpLauncherPath(storage: HookStorage): string {
  return path.join(storage.hooksDir, 'redline-mcp');
}

/**
 * Writes the launcher MCP clients spawn (`redline-mcp [folder]`): a shell script that runs the
 * bridge with this host's Node (Electron as Node in VS Code desktop). Rewritten whenever the MCP
 * server starts, so it follows VS Code's updates.
 */
export async function writeMcpLauncher(storage: HookStorage, bridgeSource: string, runtime: { execPath: string; electron: boolean }): Promise<string> {
  await mkdir(storage.hooksDir, { recursive: true, mode: 0o700 });
  const bridge = path.join(storage.hooksDir, 'mcpBridge.js');
  await writeAtomic(bridge, bridgeSource, 0o600);
  const env = runtime.electron ? 'ELECTRON_RUN_AS_NODE=1 ' : '';
  const launcher = mcpLauncherPath(storage);
  const script = [
    '#!/bin/sh',
    '# Redline: bridges an MCP client on stdio to the Redline window that has the folder open.',
    '# Rewritten by Redline at every start; edits here are lost.',
    `${env}exec ${shellQuote(runtime.execPath)} ${shellQuote(bridge)} ${shellQuote(storage.root)} "$@"`,
    '',
  ].join('\n');
  await writeAtomic(launcher, script, 0o700);
  return launcher;
}

/** The bearer token of the MCP endpoint, derived from the per-install secret: the hook's own secret is never pasted into a client's config. */
export function mcpToken(secret: string): string {
  return createHmac('sha256', secret).update('redline-mcp').digest('hex');
}
