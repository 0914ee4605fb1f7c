import * as vscode from 'vscode';
import { fail, ok, type Result } from '../../core/result';
import { CLAUDE_CONNECTIONS_KEY } from '../../core/terminalAgents/hookSource';
import { connectClaude, disconnectClaude, type ClaudeConnection } from '../../node/terminalAgents/claudeConnection';
import { shellQuote } from '../../node/terminalAgents/hookStorage';
import type { TerminalAgent } from '../../shared/api';

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
  get command(): string {
    return `${shellQuote(this.launcherPath)} claude-code`;
  }

  async connect(agent: TerminalAgent): Promise<Result<string[]>> {
    const supported = supportedAgent(agent);
    if (!supported.ok) return supported;
    if (!vscode.workspace.isTrusted) return fail('E_UNTRUSTED', 'Restricted Mode: trust this workspace before connecting Claude Code');
    const folders = localFolders();
    if (folders.length === 0) return fail('E_NO_WORKSPACE', 'open a folder to connect Claude Code to');
    await this.ready();
    const git = await this.gitPath();
    const earlier = this.records();
    const records: ClaudeConnection[] = [];
    const files: string[] = [];
    for (const folder of folders) {
      const before = earlier.find((r) => r.folder === folder);
      const made = await connectClaude(folder, this.command, git, before);
      if (!made.ok) {
        await this.store([...earlier.filter((r) => !records.some((n) => n.folder === r.folder)), ...records]);
        return made;
      }
      records.push(made.value);
      files.push(relative(`${folder}/.claude/settings.local.json`));
      if (made.value.exclude) files.push(relative(made.value.exclude.path));
    }
    await this.store([...earlier.filter((r) => !records.some((n) => n.folder === r.folder)), ...records]);
    return ok(files);
  }

  async disconnect(agent: TerminalAgent): Promise<Result<string[]>> {
    const supported = supportedAgent(agent);
    if (!supported.ok) return supported;
    const left: ClaudeConnection[] = [];
    const files: string[] = [];
    let failure: Result<string[]> | undefined;
    for (const record of this.records()) {
      const undone = await disconnectClaude(record, this.command);
      if (undone.ok) files.push(...undone.value.map(relative));
      else {
        left.push(record);
        failure ??= undone;
      }
    }
    await this.store(left);
    return failure ?? ok(files);
  }

  /** Whether this workspace has a connection (the window then serves hooks from activation). */
  connected(): boolean {
    return this.records().length > 0;
  }

  private records(): ClaudeConnection[] {
    return this.memento.get<ClaudeConnection[]>(CLAUDE_CONNECTIONS_KEY, []);
  }

  private async store(records: ClaudeConnection[]): Promise<void> {
    await this.memento.update(CLAUDE_CONNECTIONS_KEY, records.length > 0 ? records : undefined);
    this.changed();
  }
}

function supportedAgent(agent: TerminalAgent): Result<void> {
  if (agent === 'claude-code') return ok(undefined);
  if (agent === 'gemini-cli' || agent === 'codex')
    return fail('E_UNSUPPORTED', `connecting ${agent === 'codex' ? 'Codex' : 'Gemini CLI'} is not yet supported; Claude Code is`);
  return fail('E_INPUT', `agent must be 'claude-code', 'gemini-cli' or 'codex', got ${JSON.stringify(agent)}`);
}

function localFolders(): string[] {
  return (vscode.workspace.workspaceFolders ?? []).filter((f) => f.uri.scheme === 'file').map((f) => f.uri.fsPath);
}

function relative(abs: string): string {
  return vscode.workspace.asRelativePath(vscode.Uri.file(abs), (vscode.workspace.workspaceFolders?.length ?? 0) > 1);
}
