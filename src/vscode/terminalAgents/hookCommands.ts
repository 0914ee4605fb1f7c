import * as vscode from 'vscode';
import type { HookReviews } from '../../core/terminalAgents/hookReviews';
import type { ReviewSession } from '../../core/review/reviewSession';
import type { TerminalAgent } from '../../shared/api';
import type { Command } from '../commands/command';
import type { AgentConnections } from './agentConnections';

/** *Connect* and *Disconnect* for Claude Code, Gemini CLI and Codex, and *Send Decisions to Agent*. */
export function hookCommands(deps: { connections: AgentConnections; reviews: HookReviews; session: ReviewSession }): Command[] {
  const agentCommands = (agent: TerminalAgent, label: string, suffix: string): Command[] => [
    {
      id: `redline.connect${suffix}`,
      execute: async () => {
        const r = await deps.connections.connect(agent);
        if (!r.ok) return void vscode.window.showErrorMessage(`Redline: ${label} was not connected: ${r.message}`);
        void vscode.window.showInformationMessage(
          `Redline: ${label} is connected. Its edits in this workspace come here for review before they are written${r.value.length > 0 ? ` (wrote ${r.value.join(', ')})` : ''}.${agent === 'codex' ? CODEX_TRUST : ''}`,
        );
      },
    },
    {
      id: `redline.disconnect${suffix}`,
      execute: async () => {
        const r = await deps.connections.disconnect(agent);
        if (!r.ok) return void vscode.window.showErrorMessage(`Redline: ${label} was not disconnected: ${r.message}`);
        void vscode.window.showInformationMessage(`Redline: ${label} is disconnected${r.value.length > 0 ? ` (changed back ${r.value.join(', ')})` : ''}.`);
      },
    },
  ];
  const send: Command = {
    id: 'redline.sendDecisions',
    execute: async (arg?: unknown) => {
      const waiting = deps.session.ids().filter((id) => deps.reviews.isWaiting(id));
      const id = typeof arg === 'string' && waiting.includes(arg) ? arg : waiting.length === 1 ? waiting[0] : await pick(deps.session, waiting);
      if (id === undefined) {
        if (waiting.length === 0) void vscode.window.showInformationMessage('Redline: no agent is waiting for a review.');
        return;
      }
      const r = await deps.reviews.sendDecisions(id);
      if (!r.ok) void vscode.window.showErrorMessage(`Redline: the decisions were not sent: ${r.message}`);
    },
  };
  return [
    ...agentCommands('claude-code', 'Claude Code', 'ClaudeCode'),
    ...agentCommands('gemini-cli', 'Gemini CLI', 'GeminiCli'),
    ...agentCommands('codex', 'Codex', 'Codex'),
    send,
  ];
}

/** Codex skips a project's hooks until the user trusts the project and the hook, and then edits unreviewed. */
const CODEX_TRUST = ' Codex runs it only in a trusted project and once you trust the hook itself: in Codex, open /hooks and trust the Redline hook.';

async function pick(session: ReviewSession, ids: readonly string[]): Promise<string | undefined> {
  if (ids.length === 0) return undefined;
  const items = ids.map((id) => ({ label: session.get(id)?.changeset.title ?? id, id }));
  return (await vscode.window.showQuickPick(items, { placeHolder: 'Send the decisions of which edit to its agent?' }))?.id;
}
