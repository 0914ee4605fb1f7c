import * as vscode from 'vscode';
import type { Command } from './command';
import { newPlan } from '../../core/plan/newPlan';
import { PLANS_FOLDER, planFileName } from '../../core/plan/planFileName';
import type { PlanStore } from '../plan/planStore';

export class FocusPlanCommand implements Command {
  readonly id = 'redline.focusPlan';
  execute(): Thenable<unknown> {
    return vscode.commands.executeCommand('redline.plan.focus');
  }
}

export class NewPlanCommand implements Command {
  readonly id = 'redline.newPlan';
  constructor(private readonly plans: PlanStore) {}

  async execute(): Promise<vscode.Uri | undefined> {
    const folder = this.plans.folder();
    if (!folder) {
      void vscode.window.showWarningMessage('Redline: open a folder first; plans are files in the workspace.');
      return undefined;
    }
    const title = await vscode.window.showInputBox({ title: 'Redline: New Plan', prompt: 'What should be built?', ignoreFocusOut: true });
    if (!title?.trim()) return undefined;
    const existing = (await readNames(folder)).map((n) => `${PLANS_FOLDER}/${n}`);
    const name = planFileName(title.trim(), existing).split('/').pop() ?? 'plan.md';
    const uri = vscode.Uri.joinPath(folder, name);
    const text = newPlan({ title: title.trim(), created: new Date().toISOString().slice(0, 10) });
    await vscode.workspace.fs.writeFile(uri, Buffer.from(text, 'utf8'));
    await vscode.window.showTextDocument(uri, { preview: false });
    return uri;
  }
}

async function readNames(folder: vscode.Uri): Promise<string[]> {
  try {
    return (await vscode.workspace.fs.readDirectory(folder)).map(([name]) => name);
  } catch {
    return []; // No plans folder yet.
  }
}
