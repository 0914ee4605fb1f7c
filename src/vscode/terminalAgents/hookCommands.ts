import * as vscode from 'vscode';
import type { HookReviews } from '../../core/terminalAgents/hookReviews';
import type { ReviewSession } from '../../core/review/reviewSession';
import type { Command } from '../commands/command';
import type { AgentConnections } from './agentConnections';

/** *Connect Claude Code*, *Disconnect Claude Code* and *Send Decisions to Agent*. */
export function hookCommands(deps: { connections: AgentConnections; reviews: HookReviews; session: ReviewSession }): Command[] {
  const connect: Command = {
    id: 'redline.connectClaudeCode',
    execute: async () => {
      const r = await deps.connections.connect('claude-code');
      if (!r.ok) return void vscode.window.showErrorMessage(`Redline: Claude Code was not connected: ${r.message}`);
      void vscode.window.showInformationMessage(
        `Redline: Claude Code is connected. Its edits in this workspace come here for review before they are written${r.value.length > 0 ? ` (wrote ${r.value.join(', ')})` : ''}.`,
      );
    },
  };
  const disconnect: Command = {
    id: 'redline.disconnectClaudeCode',
    execute: async () => {
      const r = await deps.connections.disconnect('claude-code');
      if (!r.ok) return void vscode.window.showErrorMessage(`Redline: Claude Code was not disconnected: ${r.message}`);
      void vscode.window.showInformationMessage(`Redline: Claude Code is disconnected${r.value.length > 0 ? ` (changed back ${r.value.join(', ')})` : ''}.`);
    },
  };
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
  return [connect, disconnect, send];
}

async function pick(session: ReviewSession, ids: readonly string[]): Promise<string | undefined> {
  if (ids.length === 0) return undefined;
  const items = ids.map((id) => ({ label: session.get(id)?.changeset.title ?? id, id }));
  return (await vscode.window.showQuickPick(items, { placeHolder: 'Send the decisions of which edit to its agent?' }))?.id;
}
