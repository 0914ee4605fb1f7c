import * as vscode from 'vscode';
import type { Command } from '../commands/command';
import type { Runs } from '../../core/runs/runs';

/** *Redline: Stop Run*: the run named by the argument (a CodeLens, the panel), else the newest running one. */
export class StopRunCommand implements Command {
  readonly id = 'redline.stopRun';
  constructor(private readonly runs: () => Pick<Runs, 'running' | 'cancel'> | undefined) {}

  async execute(arg?: unknown): Promise<string | undefined> {
    const runs = this.runs();
    const running = runs?.running() ?? [];
    const id = typeof arg === 'string' && running.includes(arg) ? arg : running[running.length - 1];
    if (runs === undefined || id === undefined) {
      void vscode.window.showInformationMessage('Redline: no agent run is going.');
      return undefined;
    }
    await runs.cancel(id);
    return id;
  }
}
