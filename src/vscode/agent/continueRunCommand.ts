import * as vscode from 'vscode';
import type { Command } from '../commands/command';
import { failureText } from '../../core/trust';
import type { RunService } from '../../core/runs/runService';
import { linklessText } from '../untrustedText';

/**
 * *Redline: Continue Run*: continues a run that ended with a new message. From a CodeLens or the
 * panel the run id (and the message) are arguments; from the palette it asks for both. The
 * messages the run ended before sending go first (the core's rule); an empty message sends only them.
 */
export class ContinueRunCommand implements Command {
  readonly id = 'redline.continueRun';
  constructor(private readonly runs: () => RunService | undefined) {}

  async execute(runArg?: unknown, messageArg?: unknown): Promise<string | undefined> {
    const runs = this.runs();
    if (runs === undefined) {
      void vscode.window.showInformationMessage('Redline: the agent is not available in this window.');
      return undefined;
    }
    const id = typeof runArg === 'string' ? runArg : await pickRun(runs);
    if (id === undefined) return undefined;
    // Messages the user queued that the run ended before sending go first; they can be all there is.
    const queued = runs.steering.queued(id).length;
    const first = queued === 1 ? 'The message you queued goes first' : `The ${queued} messages you queued go first`;
    const message =
      typeof messageArg === 'string'
        ? messageArg
        : await vscode.window.showInputBox({
            title: 'Continue the run',
            prompt: `What should the agent do next? It sees the run's earlier turns.${queued === 0 ? '' : ` ${first}; leave this empty to send only ${queued === 1 ? 'it' : 'them'}.`}`,
            ignoreFocusOut: true,
          });
    if (message === undefined) return undefined;
    const continued = await runs.continueRun(id, message);
    if (!continued.ok) {
      void vscode.window.showErrorMessage(linklessText(failureText(continued)));
      return undefined;
    }
    return continued.value;
  }
}

async function pickRun(runs: RunService): Promise<string | undefined> {
  const candidates = [...(await runs.continuable())].reverse();
  if (candidates.length === 0) {
    void vscode.window.showInformationMessage('Redline: no finished run to continue.');
    return undefined;
  }
  const picked = await vscode.window.showQuickPick(
    candidates.map((r) => ({
      label: r.plan,
      description: `${r.mode === 'build' ? 'Build' : 'Plan draft'} · ${r.state}`,
      detail: new Date(r.startedAt).toLocaleString(),
      id: r.id,
    })),
    { title: 'Continue which run?', matchOnDescription: true },
  );
  return picked?.id;
}
