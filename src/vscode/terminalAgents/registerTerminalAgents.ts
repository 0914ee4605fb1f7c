import { readFileSync, rmSync } from 'node:fs';
import * as vscode from 'vscode';
import { answerCodexCall } from '../../core/terminalAgents/codexHook';
import { HookReviews } from '../../core/terminalAgents/hookReviews';
import { answerGemini } from '../../core/terminalAgents/geminiHooks';
import { GEMINI_SOURCE, isMcpChangeset } from '../../core/terminalAgents/hookSource';
import { MCP_SERVED_KEY } from '../../core/terminalAgents/mcpConfig';
import { McpReviews } from '../../core/terminalAgents/mcpReviews';
import type { HeldWrites } from '../../core/review/heldWrites';
import type { ReviewSession } from '../../core/review/reviewSession';
import type { Result } from '../../core/result';
import type { AgentActivity } from '../../core/terminalAgents/agentActivity';
import type { AutoAllowGuards } from '../../core/terminalAgents/autoAllow';
import { startHookServer, type HookServer } from '../../node/terminalAgents/hookServer';
import { HookStorage } from '../../node/terminalAgents/hookStorage';
import type { TerminalAgent } from '../../shared/api';
import type { Command } from '../commands/command';
import type { Logger } from '../log';
import { workspaceTrust } from '../workspaceTrust';
import { AgentConnections } from './agentConnections';
import { agentReviewEvents, vscodeNotify } from './agentReviewEvents';
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
  readonly log: Logger;
  /** `dist/hookClient.js`, copied beside the launcher in global storage. */
  readonly hookClient: string;
  readonly gitPath: () => Promise<string>;
  /** What the agents do, for the views built at activation (the Agents view, the Changesets view, the Review header). */
  readonly activity: AgentActivity;
  /** The deny list and protected paths, which an auto-allow never overrides. */
  readonly autoAllowGuards: AutoAllowGuards;
}

/**
 * Agents in a terminal, reviewed through their hooks: this window's loopback server, its entry in
 * the registry of windows, the launcher the agents' settings point at, and Connect / Disconnect.
 * Started when this workspace was connected, or by the first Connect.
 */
export function registerTerminalAgents(context: vscode.ExtensionContext, deps: TerminalAgentDeps): TerminalAgents {
  const storage = new HookStorage(context.globalStorageUri.fsPath);
  const events = agentReviewEvents({
    session: deps.session,
    activity: deps.activity,
    notify: vscodeNotify,
    autoAllowSetting: () => vscode.workspace.getConfiguration('redline.terminalAgents').get<unknown>('autoAllow', []),
    guards: deps.autoAllowGuards,
    log: (m) => deps.log.info(m),
  });
  const reviews = new HookReviews(deps.session, deps.workspace, workspaceTrust, events);
  // After the hooks' own listener, so a wait they just answered is seen as answered.
  deps.activity.attach(reviews);
  const settling = deps.session.onDidChange(() => deps.activity.settle());
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
      agents: {
        'gemini-cli': (body, gone) => answerGemini(body, (call) => reviews.review(call, GEMINI_SOURCE, gone)),
        codex: (body, gone) => answerCodexCall(body, gone, (call, source, g) => reviews.review(call, source, g)),
      },
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
  const connections = new AgentConnections(context.workspaceState, storage.launcherPath, deps.gitPath, ready, () => deps.activity.connectionsChanged());
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
        settling.dispose();
        events.dispose();
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
    askFix: (id, hunkId, comment) =>
      isMcpChangeset(deps.session.get(id)?.changeset.source ?? '')
        ? new McpReviews(deps.session, deps.workspace, workspaceTrust).askFix(id, hunkId, comment)
        : reviews.askFix(id, hunkId, comment),
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
