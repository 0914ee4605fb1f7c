import * as vscode from 'vscode';
import type { HookReviews } from '../../core/terminalAgents/hookReviews';
import type { ReviewSession } from '../../core/review/reviewSession';
import type { Command } from '../commands/command';
import type { AgentConnections } from './agentConnections';

/** *Connect* and *Disconnect* for Claude Code and Gemini CLI, and *Send Decisions to Agent*. */
export function hookCommands(deps: { connections: AgentConnections; reviews: HookReviews; session: ReviewSession }): Command[] {
  const pair = (agent: 'claude-code' | 'gemini-cli', name: string, id: string): Command[] => [
    {
      id: `redline.connect${id}`,
      execute: async () => {
        const r = await deps.connections.connect(agent);
        if (!r.ok) return void vscode.window.showErrorMessage(`Redline: ${name} was not connected: ${r.message}`);
        void vscode.window.showInformationMessage(
          `Redline: ${name} is connected. Its edits in this workspace come here for review before they are written${r.value.length > 0 ? ` (wrote ${r.value.join(', ')})` : ''}.`,
        );
      },
    },
    {
      id: `redline.disconnect${id}`,
      execute: async () => {
        const r = await deps.connections.disconnect(agent);
        if (!r.ok) return void vscode.window.showErrorMessage(`Redline: ${name} was not disconnected: ${r.message}`);
        void vscode.window.showInformationMessage(`Redline: ${name} is disconnected${r.value.length > 0 ? ` (changed back ${r.value.join(', ')})` : ''}.`);
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
  return [...pair('claude-code', 'Claude Code', 'ClaudeCode'), ...pair('gemini-cli', 'Gemini CLI', 'GeminiCli'), send];
}

async function pick(session: ReviewSession, ids: readonly string[]): Promise<string | undefined> {
  if (ids.length === 0) return undefined;
  const items = ids.map((id) => ({ label: session.get(id)?.changeset.title ?? id, id }));
  return (await vscode.window.showQuickPick(items, { placeHolder: 'Send the decisions of which edit to its agent?' }))?.id;
}
