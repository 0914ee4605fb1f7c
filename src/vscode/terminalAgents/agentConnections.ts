import * as vscode from 'vscode';
import { fail, ok, type Result } from '../../core/result';
import type { HookAgent } from '../../core/terminalAgents/hookAgents';
import { CODEX_HOOKS_FILE, GEMINI_SETTINGS_FILE, SETTINGS_FILE } from '../../core/terminalAgents/hookSettingsJson';
import { CLAUDE_CONNECTIONS_KEY, CODEX_CONNECTIONS_KEY, GEMINI_CONNECTIONS_KEY } from '../../core/terminalAgents/hookSource';
import { connectClaude, disconnectClaude } from '../../node/terminalAgents/claudeConnection';
import { connectCodex, disconnectCodex } from '../../node/terminalAgents/codexConnection';
import { connectGemini, disconnectGemini } from '../../node/terminalAgents/geminiConnection';
import type { AgentConnection } from '../../node/terminalAgents/settingsConnection';
import { shellQuote } from '../../node/terminalAgents/hookStorage';
import type { TerminalAgent } from '../../shared/api';

type Connection = AgentConnection;

/** How one agent is connected: its settings file, the state key of its records, and the edit of that file. */
interface AgentKind {
  readonly name: string;
  readonly key: string;
  readonly settingsFile: string;
  connect(folder: string, command: string, git: string, earlier?: Connection): Promise<Result<Connection>>;
  disconnect(record: Connection, command: string): Promise<Result<string[]>>;
}

const KINDS: Readonly<Record<HookAgent, AgentKind>> = {
  'claude-code': { name: 'Claude Code', key: CLAUDE_CONNECTIONS_KEY, settingsFile: SETTINGS_FILE, connect: connectClaude, disconnect: disconnectClaude },
  'gemini-cli': { name: 'Gemini CLI', key: GEMINI_CONNECTIONS_KEY, settingsFile: GEMINI_SETTINGS_FILE, connect: connectGemini, disconnect: disconnectGemini },
  codex: { name: 'Codex', key: CODEX_CONNECTIONS_KEY, settingsFile: CODEX_HOOKS_FILE, connect: connectCodex, disconnect: disconnectCodex },
};

/**
 * Connect and Disconnect for this workspace: what Connect changed in each folder is kept in the
 * workspace's state, so Disconnect puts back exactly that, in this window or a later one.
 */
export class AgentConnections {
  constructor(
    private readonly memento: vscode.Memento,
    private readonly launcherPath: string,
    private readonly gitPath: () => Promise<string>,
    /** Starts the loopback server and the launcher before the first hook can run. */
    private readonly ready: () => Promise<void>,
    /** The connections changed (the Agents view lists them). */
    private readonly changed: () => void = () => undefined,
  ) {}

  /** The command in the agent's settings: the launcher, whose path stays the same across updates, and the agent. */
  command(agent: HookAgent = 'claude-code'): string {
    return `${shellQuote(this.launcherPath)} ${agent}`;
  }

  async connect(agent: TerminalAgent): Promise<Result<string[]>> {
    const supported = supportedAgent(agent);
    if (!supported.ok) return supported;
    const kind = KINDS[supported.value];
    if (!vscode.workspace.isTrusted) return fail('E_UNTRUSTED', `Restricted Mode: trust this workspace before connecting ${kind.name}`);
    const folders = localFolders();
    if (folders.length === 0) return fail('E_NO_WORKSPACE', `open a folder to connect ${kind.name} to`);
    await this.ready();
    const git = await this.gitPath();
    const earlier = this.records(kind);
    const records: Connection[] = [];
    const files: string[] = [];
    for (const folder of folders) {
      const before = earlier.find((r) => r.folder === folder);
      const made = await kind.connect(folder, this.command(supported.value), git, before);
      if (!made.ok) {
        await this.store(kind, [...earlier.filter((r) => !records.some((n) => n.folder === r.folder)), ...records]);
        return made;
      }
      records.push(made.value);
      files.push(relative(`${folder}/${kind.settingsFile}`));
      if (made.value.exclude) files.push(relative(made.value.exclude.path));
    }
    await this.store(kind, [...earlier.filter((r) => !records.some((n) => n.folder === r.folder)), ...records]);
    return ok(files);
  }

  async disconnect(agent: TerminalAgent): Promise<Result<string[]>> {
    const supported = supportedAgent(agent);
    if (!supported.ok) return supported;
    const kind = KINDS[supported.value];
    const left: Connection[] = [];
    const files: string[] = [];
    let failure: Result<string[]> | undefined;
    for (const record of this.records(kind)) {
      const undone = await kind.disconnect(record, this.command(supported.value));
      if (undone.ok) files.push(...undone.value.map(relative));
      else {
        left.push(record);
        failure ??= undone;
      }
    }
    await this.store(kind, left);
    return failure ?? ok(files);
  }

  /** Whether this workspace has a connection of any agent (the window then serves hooks from activation). */
  connected(): boolean {
    return Object.values(KINDS).some((kind) => this.records(kind).length > 0);
  }

  private records(kind: AgentKind): Connection[] {
    return this.memento.get<Connection[]>(kind.key, []);
  }

  private async store(kind: AgentKind, records: Connection[]): Promise<void> {
    await this.memento.update(kind.key, records.length > 0 ? records : undefined);
    this.changed();
  }
}

function supportedAgent(agent: TerminalAgent): Result<HookAgent> {
  if (agent === 'claude-code' || agent === 'gemini-cli' || agent === 'codex') return ok(agent);
  return fail('E_INPUT', `agent must be 'claude-code', 'gemini-cli' or 'codex', got ${JSON.stringify(agent)}`);
}

function localFolders(): string[] {
  return (vscode.workspace.workspaceFolders ?? []).filter((f) => f.uri.scheme === 'file').map((f) => f.uri.fsPath);
}

function relative(abs: string): string {
  return vscode.workspace.asRelativePath(vscode.Uri.file(abs), (vscode.workspace.workspaceFolders?.length ?? 0) > 1);
}
