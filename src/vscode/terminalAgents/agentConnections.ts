import * as vscode from 'vscode';
import { fail, ok, type Result } from '../../core/result';
import type { HookAgent } from '../../core/terminalAgents/agentHooks';
import { SETTINGS_FILE } from '../../core/terminalAgents/claudeSettings';
import { CODEX_HOOKS_FILE } from '../../core/terminalAgents/codexSettings';
import { CLAUDE_CONNECTIONS_KEY, CODEX_CONNECTIONS_KEY } from '../../core/terminalAgents/hookSource';
import { connectClaude, disconnectClaude, type ClaudeConnection } from '../../node/terminalAgents/claudeConnection';
import { connectCodex, disconnectCodex } from '../../node/terminalAgents/codexConnection';
import { shellQuote } from '../../node/terminalAgents/hookStorage';
import type { TerminalAgent } from '../../shared/api';

/** Where Connect writes each agent's hook, and how it is taken out again. */
interface AgentFile {
  readonly label: string;
  readonly key: string;
  readonly file: string;
  readonly connect: typeof connectClaude;
  readonly disconnect: typeof disconnectClaude;
}

const AGENTS: Record<HookAgent, AgentFile> = {
  'claude-code': { label: 'Claude Code', key: CLAUDE_CONNECTIONS_KEY, file: SETTINGS_FILE, connect: connectClaude, disconnect: disconnectClaude },
  codex: { label: 'Codex', key: CODEX_CONNECTIONS_KEY, file: CODEX_HOOKS_FILE, connect: connectCodex, disconnect: disconnectCodex },
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

  /** The command in the agent's settings: the launcher, whose path stays the same across updates. */
  command(agent: HookAgent): string {
    return `${shellQuote(this.launcherPath)} ${agent}`;
  }

  async connect(requested: TerminalAgent): Promise<Result<string[]>> {
    const supported = supportedAgent(requested);
    if (!supported.ok) return supported;
    const agent = supported.value;
    const spec = AGENTS[agent];
    if (!vscode.workspace.isTrusted) return fail('E_UNTRUSTED', `Restricted Mode: trust this workspace before connecting ${spec.label}`);
    const folders = localFolders();
    if (folders.length === 0) return fail('E_NO_WORKSPACE', `open a folder to connect ${spec.label} to`);
    await this.ready();
    const git = await this.gitPath();
    const earlier = this.records(agent);
    const records: ClaudeConnection[] = [];
    const files: string[] = [];
    for (const folder of folders) {
      const before = earlier.find((r) => r.folder === folder);
      const made = await spec.connect(folder, this.command(agent), git, before);
      if (!made.ok) {
        await this.store(agent, [...earlier.filter((r) => !records.some((n) => n.folder === r.folder)), ...records]);
        return made;
      }
      records.push(made.value);
      files.push(relative(`${folder}/${spec.file}`));
      if (made.value.exclude) files.push(relative(made.value.exclude.path));
    }
    await this.store(agent, [...earlier.filter((r) => !records.some((n) => n.folder === r.folder)), ...records]);
    return ok(files);
  }

  async disconnect(requested: TerminalAgent): Promise<Result<string[]>> {
    const supported = supportedAgent(requested);
    if (!supported.ok) return supported;
    const agent = supported.value;
    const left: ClaudeConnection[] = [];
    const files: string[] = [];
    let failure: Result<string[]> | undefined;
    for (const record of this.records(agent)) {
      const undone = await AGENTS[agent].disconnect(record, this.command(agent));
      if (undone.ok) files.push(...undone.value.map(relative));
      else {
        left.push(record);
        failure ??= undone;
      }
    }
    await this.store(agent, left);
    return failure ?? ok(files);
  }

  /** Whether this workspace has a connection of any agent (the window then serves hooks from activation). */
  connected(): boolean {
    return (Object.keys(AGENTS) as HookAgent[]).some((agent) => this.records(agent).length > 0);
  }

  private records(agent: HookAgent): ClaudeConnection[] {
    return this.memento.get<ClaudeConnection[]>(AGENTS[agent].key, []);
  }

  private async store(agent: HookAgent, records: ClaudeConnection[]): Promise<void> {
    await this.memento.update(AGENTS[agent].key, records.length > 0 ? records : undefined);
    this.changed();
  }
}

function supportedAgent(agent: TerminalAgent): Result<HookAgent> {
  if (agent === 'claude-code' || agent === 'codex') return ok(agent);
  if (agent === 'gemini-cli') return fail('E_UNSUPPORTED', 'connecting Gemini CLI is not yet supported; Claude Code and Codex are');
  return fail('E_INPUT', `agent must be 'claude-code', 'gemini-cli' or 'codex', got ${JSON.stringify(agent)}`);
}

function localFolders(): string[] {
  return (vscode.workspace.workspaceFolders ?? []).filter((f) => f.uri.scheme === 'file').map((f) => f.uri.fsPath);
}

function relative(abs: string): string {
  return vscode.workspace.asRelativePath(vscode.Uri.file(abs), (vscode.workspace.workspaceFolders?.length ?? 0) > 1);
}
