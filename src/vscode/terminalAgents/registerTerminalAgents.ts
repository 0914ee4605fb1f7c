import { readFileSync, rmSync } from 'node:fs';
import * as vscode from 'vscode';
import { HookReviews } from '../../core/terminalAgents/hookReviews';
import { answerGemini } from '../../core/terminalAgents/geminiHooks';
import { GEMINI_SOURCE } from '../../core/terminalAgents/hookSource';
import { MCP_SERVED_KEY } from '../../core/terminalAgents/mcpConfig';
import type { HeldWrites } from '../../core/review/heldWrites';
import type { ReviewSession } from '../../core/review/reviewSession';
import type { Result } from '../../core/result';
import { startHookServer, type HookServer } from '../../node/terminalAgents/hookServer';
import { HookStorage } from '../../node/terminalAgents/hookStorage';
import type { TerminalAgent } from '../../shared/api';
import type { Command } from '../commands/command';
import type { Logger } from '../log';
import type { ReviewPanels } from '../review/reviewPanels';
import { workspaceTrust } from '../workspaceTrust';
import { AgentConnections } from './agentConnections';
import { hookCommands } from './hookCommands';
import { McpService, type McpDeps } from './mcpService';

export interface TerminalAgents {
  connect(agent: TerminalAgent): Promise<Result<string[]>>;
  disconnect(agent: TerminalAgent): Promise<Result<string[]>>;
  askFix(changesetId: string, hunkId: string, comment: string): Promise<Result<void>>;
  /** `getMcpEndpoint()`: undefined until the loopback server listens (the first call starts it). */
  mcpEndpoint(): { url: string; token: string } | undefined;
  readonly commands: readonly Command[];
}

export interface TerminalAgentDeps extends McpDeps {
  readonly session: ReviewSession;
  /** The review session's workspace, whose writes a waiting agent's edit holds. */
  readonly workspace: HeldWrites;
  readonly panels: ReviewPanels;
  readonly log: Logger;
  /** `dist/hookClient.js`, copied beside the launcher in global storage. */
  readonly hookClient: string;
  readonly gitPath: () => Promise<string>;
}

/**
 * Agents in a terminal, reviewed through their hooks: this window's loopback server, its entry in
 * the registry of windows, the launcher the agents' settings point at, and Connect / Disconnect.
 * Started when this workspace was connected, or by the first Connect.
 */
export function registerTerminalAgents(context: vscode.ExtensionContext, deps: TerminalAgentDeps): TerminalAgents {
  const storage = new HookStorage(context.globalStorageUri.fsPath);
  // The agent as its changeset's source names it: `Gemini CLI · 1a2b3c4d`.
  const agentOf = (id: string): string => deps.session.get(id)?.changeset.source.split(' · ')[0] ?? 'The agent';
  const reviews = new HookReviews(deps.session, deps.workspace, workspaceTrust, {
    waiting: (id, path) => {
      void vscode.window.showInformationMessage(`Redline: ${agentOf(id)} waits for your review of ${path}.`, 'Review').then((pick) => {
        if (pick) deps.panels.open(id);
      });
    },
    gone: (id, path) => {
      void vscode.window.showWarningMessage(
        `Redline: ${agentOf(id)} stopped waiting for ${path}. The review stays open; what you accept there is written by Redline.`,
      );
    },
    log: (m) => deps.log.info(m),
  });
  let server: HookServer | undefined;
  let registryFile: string | undefined;
  let disposed = false;
  const start = async (): Promise<void> => {
    const secret = await storage.secret();
    await storage.writeLauncher(readFileSync(deps.hookClient, 'utf8'), { execPath: process.execPath, electron: process.versions['electron'] !== undefined });
    await writeOptions(storage);
    const started = await startHookServer({
      secret,
      handle: (body, gone) => reviews.handle(body, gone),
      agents: { 'gemini-cli': (body, gone) => answerGemini(body, (call) => reviews.review(call, GEMINI_SOURCE, gone)) },
      mcp: (req, res) => mcp.handle(req, res),
      log: (m) => deps.log.warn(m),
    });
    if (disposed) return void (await started.close());
    await mcp.started(started.port, secret);
    server = started;
    registryFile = await storage.register({ pid: process.pid, port: started.port, folders: localFolders() });
    deps.log.info(`hooks for terminal agents: listening on 127.0.0.1:${started.port}`);
  };
  let starting: Promise<void> | undefined;
  const ready = (): Promise<void> => (starting ??= start());
  const connections = new AgentConnections(context.workspaceState, storage.launcherPath, deps.gitPath, ready);
  const mcp = new McpService(storage, context.workspaceState, deps, ready);
  if (connections.connected() || context.workspaceState.get(MCP_SERVED_KEY) === true)
    ready().catch((err: unknown) => deps.log.error(`hooks for terminal agents did not start: ${String(err)}`));

  context.subscriptions.push(
    vscode.workspace.onDidChangeWorkspaceFolders(() => {
      if (server) void storage.register({ pid: process.pid, port: server.port, folders: localFolders() });
    }),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('redline.terminalAgents')) void writeOptions(storage);
    }),
    {
      dispose: () => {
        disposed = true;
        reviews.dispose();
        mcp.dispose();
        // Synchronous: the window may be gone before a promise settles, and a stale file is only skipped.
        if (registryFile) rmSync(registryFile, { force: true });
        void server?.close();
      },
    },
  );
  return {
    connect: (agent) => connections.connect(agent),
    disconnect: (agent) => connections.disconnect(agent),
    askFix: (id, hunkId, comment) => reviews.askFix(id, hunkId, comment),
    mcpEndpoint: () => mcp.current(),
    commands: [...hookCommands({ connections, reviews, session: deps.session }), ...mcp.commands],
  };
}

function writeOptions(storage: HookStorage): Promise<void> {
  const when = vscode.workspace.getConfiguration('redline.terminalAgents').get<string>('whenNoWindow', 'deny');
  return storage.writeOptions({ whenNoWindow: when === 'ask' ? 'ask' : 'deny' });
}

function localFolders(): string[] {
  return (vscode.workspace.workspaceFolders ?? []).filter((f) => f.uri.scheme === 'file').map((f) => f.uri.fsPath);
}
