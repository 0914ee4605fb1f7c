import * as vscode from 'vscode';
import type { Result } from '../core/result';
import type { ReviewSession } from '../core/review/reviewSession';
import { SessionRegistry } from '../core/review/reviewSessions';
import { apiSnapshot } from '../core/changeset/snapshot';
import type { ChangesetSnapshot, ProposeChangesInput, RedlineApi, RunMode, TerminalAgent } from '../shared/api';
import type { RunService } from '../core/runs/runService';
import type { DisposableStore } from '../core/dispose';

const MAX_TEXT = 50 * 1024 * 1024;

/** Connect and Disconnect of terminal agents, and the MCP endpoint (their code loads with the first call). */
export interface AgentConnectionsPort {
  connect(agent: TerminalAgent): Promise<Result<string[]>>;
  disconnect(agent: TerminalAgent): Promise<Result<string[]>>;
  mcpEndpoint(): { url: string; token: string } | undefined;
}

const noAgents: AgentConnectionsPort = {
  connect: () => Promise.resolve({ ok: false, code: 'E_UNSUPPORTED', message: 'terminal agents are not available in this window' }),
  disconnect: () => Promise.resolve({ ok: false, code: 'E_UNSUPPORTED', message: 'terminal agents are not available in this window' }),
  mcpEndpoint: () => undefined,
};
const MAX_REASON = 10_000;

/**
 * Redline's public API (DESIGN.md). Every method validates its input: a bad call rejects with a
 * message and changes nothing. Its subscriptions to the sessions and the runs go in `subscriptions`,
 * which the caller owns (the API object is handed to other extensions, so it has no `dispose`).
 */
export function createApi(
  session: ReviewSession,
  runs: () => RunService | undefined,
  subscriptions: DisposableStore,
  others: SessionRegistry = new SessionRegistry(),
  agents: () => AgentConnectionsPort = () => noAgents,
): RedlineApi {
  // Changesets of other sessions (the git working tree's, once it is loaded) are read and decided here too.
  const sessionOf = (id: string): ReviewSession => others.all().find((s) => s.get(id) !== undefined) ?? session;
  const changeListeners = new Set<(e: { kind: 'changeset' | 'run'; id: string }) => void>();
  const emit = (e: { kind: 'changeset' | 'run'; id: string }) => {
    for (const l of [...changeListeners]) {
      try {
        l(e);
      } catch {
        // A listener's failure is its own; the others still hear of the change.
      }
    }
  };
  const relayChanges = (s: ReviewSession): void => {
    subscriptions.add(s.onDidChange((id) => emit({ kind: 'changeset', id })));
  };
  for (const s of [session, ...others.all()]) relayChanges(s);
  subscriptions.add(others.onDidAdd(relayChanges));
  // Run events are relayed once the agent exists; the subscription lives as long as the API.
  let runSubscription: vscode.Disposable | undefined;
  const relayRunEvents = (service: RunService | undefined) => {
    if (service && !runSubscription) runSubscription = subscriptions.add(service.onDidChange((id) => emit({ kind: 'run', id })));
  };
  const runService = (): RunService => {
    const service = runs();
    if (!service) throw new Error('Redline: the agent is not available in this window.');
    relayRunEvents(service);
    return service;
  };

  return {
    apiVersion: 1,
    async proposeChanges(input: ProposeChangesInput): Promise<string> {
      assertProposeInput(input);
      return unwrap(await session.propose({ source: 'api', ...(input.title !== undefined ? { title: input.title } : {}), files: input.files }));
    },
    getChangeset(id: string): ChangesetSnapshot | undefined {
      if (typeof id !== 'string') return undefined;
      const entry = sessionOf(id).get(id);
      return entry && apiSnapshot(entry.changeset);
    },
    async decide(changesetId: string, hunkId: string, decision: 'accept' | 'reject', reason?: string): Promise<void> {
      assertString(changesetId, 'changesetId');
      assertString(hunkId, 'hunkId');
      if (decision !== 'accept' && decision !== 'reject') throw new Error(`decision must be 'accept' or 'reject', got ${JSON.stringify(decision)}`);
      if (reason !== undefined && (typeof reason !== 'string' || reason.length > MAX_REASON))
        throw new Error(`reason must be a string of at most ${MAX_REASON} characters`);
      unwrap(await sessionOf(changesetId).decide(changesetId, hunkId, decision, reason));
    },
    async requestFix(changesetId: string, hunkId: string, comment: string): Promise<void> {
      assertString(changesetId, 'changesetId');
      assertString(hunkId, 'hunkId');
      assertString(comment, 'comment');
      const holder = sessionOf(changesetId);
      if (!holder.get(changesetId)) throw new Error(`no changeset '${changesetId}'`);
      unwrap(await runService().requestFix(changesetId, hunkId, comment, holder));
    },
    async startRun(input: { plan: string; mode: RunMode }): Promise<string> {
      if (typeof input !== 'object' || input === null) throw new Error('startRun needs { plan, mode }');
      assertString(input.plan, 'plan');
      if (input.mode !== 'plan' && input.mode !== 'build') throw new Error(`mode must be 'plan' or 'build', got ${JSON.stringify(input.mode)}`);
      return unwrap(await runService().start({ plan: input.plan, mode: input.mode }));
    },
    getRun(id: string) {
      return typeof id === 'string' ? runs()?.get(id) : undefined;
    },
    async cancelRun(id: string): Promise<void> {
      assertString(id, 'id');
      const service = runService();
      if (!service.get(id)) throw new Error(`no run '${id}'`);
      await service.cancel(id);
    },
    onDidChange(listener) {
      if (typeof listener !== 'function') throw new Error('onDidChange needs a function');
      relayRunEvents(runs());
      changeListeners.add(listener);
      return { dispose: () => void changeListeners.delete(listener) };
    },
    async connectAgent(agent: TerminalAgent): Promise<{ files: string[] }> {
      return { files: unwrap(await agents().connect(assertAgent(agent))) };
    },
    async disconnectAgent(agent: TerminalAgent): Promise<{ files: string[] }> {
      return { files: unwrap(await agents().disconnect(assertAgent(agent))) };
    },
    getMcpEndpoint(): { url: string; token: string } | undefined {
      return agents().mcpEndpoint();
    },
  };
}

function unwrap<T>(result: Result<T>): T {
  if (!result.ok) throw new Error(result.message);
  return result.value;
}

function assertString(value: unknown, name: string): asserts value is string {
  if (typeof value !== 'string' || value.length === 0 || value.length > 10_000) throw new Error(`${name} must be a non-empty string`);
}

function assertAgent(agent: unknown): TerminalAgent {
  if (agent === 'claude-code' || agent === 'gemini-cli' || agent === 'codex') return agent;
  throw new Error(`agent must be 'claude-code', 'gemini-cli' or 'codex', got ${JSON.stringify(agent)}`);
}

function assertProposeInput(input: unknown): asserts input is ProposeChangesInput {
  if (typeof input !== 'object' || input === null) throw new Error('proposeChanges needs { title?, files }');
  const { title, files } = input as { title?: unknown; files?: unknown };
  if (title !== undefined && (typeof title !== 'string' || title.length > 500)) throw new Error('title must be a string of at most 500 characters');
  if (!Array.isArray(files) || files.length === 0) throw new Error('files must be a non-empty array of { path, newText }');
  files.forEach((f: unknown, i) => {
    if (typeof f !== 'object' || f === null) throw new Error(`files[${i}] must be { path, newText }`);
    const { path, newText } = f as { path?: unknown; newText?: unknown };
    if (typeof path !== 'string' || path.length === 0) throw new Error(`files[${i}].path must be a non-empty workspace-relative path`);
    if (newText !== null && typeof newText !== 'string') throw new Error(`files[${i}].newText must be a string, or null to delete the file`);
    if (typeof newText === 'string' && newText.length > MAX_TEXT) throw new Error(`files[${i}].newText is larger than ${MAX_TEXT} characters`);
  });
}
