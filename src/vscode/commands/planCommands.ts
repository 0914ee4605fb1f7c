import * as vscode from 'vscode';
import type { Command } from './command';
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
    const slug = title.trim().toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 60) || 'plan';
    let uri = vscode.Uri.joinPath(folder, `${slug}.md`);
    for (let n = 2; await exists(uri); n++) uri = vscode.Uri.joinPath(folder, `${slug}-${n}.md`);
    const text = `---\ntitle: ${title.trim()}\nstatus: draft\ncreated: ${new Date().toISOString().slice(0, 10)}\n---\n\n## Goal\n\n## Context\n\n## Steps\n\n- [ ] \n\n## Checks\n\n## Constraints\n`;
    await vscode.workspace.fs.writeFile(uri, Buffer.from(text, 'utf8'));
    await vscode.window.showTextDocument(uri, { preview: false });
    return uri;
  }
}

async function exists(uri: vscode.Uri): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch {
    return false;
  }
}
