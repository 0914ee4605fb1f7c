import * as vscode from 'vscode';
import type { Command } from '../commands/command';
import { failureText } from '../../core/trust';
import type { RunService } from '../../core/runs/runService';
import { linklessText } from '../untrustedText';

/**
 * *Redline: Continue Run*: continues a run that ended with a new message. From a CodeLens or the
 * panel the run id (and the message) are arguments; from the palette it asks for both.
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
    const message =
      typeof messageArg === 'string'
        ? messageArg
        : await vscode.window.showInputBox({
            title: 'Continue the run',
            prompt: "What should the agent do next? It sees the run's earlier turns.",
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
