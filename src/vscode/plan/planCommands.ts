import * as vscode from 'vscode';
import type { Command } from '../commands/command';
import { createPlanFile, deletePlanFile, renamePlanFile } from './planFiles';
import type { PlanStore } from './planStore';
import { oneLine } from '../untrustedText';

export class FocusPlanCommand implements Command {
  readonly id = 'redline.focusPlan';
  execute(): Thenable<unknown> {
    return vscode.commands.executeCommand('redline.plan.focus');
  }
}

export class NewPlanCommand implements Command {
  readonly id = 'redline.newPlan';
  constructor(private readonly plans: PlanStore) {}

  /** `opts.openEditor: false` when the panel opens the plan itself. */
  async execute(opts?: unknown): Promise<vscode.Uri | undefined> {
    if (!this.plans.folder()) {
      void vscode.window.showWarningMessage('Redline: open a folder first; plans are files in the workspace.');
      return undefined;
    }
    const title = await vscode.window.showInputBox({ title: 'Redline: New Plan', prompt: 'What should be built?', ignoreFocusOut: true });
    if (!title?.trim()) return undefined;
    const uri = await createPlanFile(this.plans, title);
    const openEditor = !(typeof opts === 'object' && opts !== null && 'openEditor' in opts && opts.openEditor === false);
    if (uri && openEditor) await vscode.window.showTextDocument(uri, { preview: false });
    return uri;
  }
}

/**
 * Rename and delete take a plan id (a file name in the plans folder) from the panel; from the
 * palette they ask which plan.
 */
export class RenamePlanCommand implements Command {
  readonly id = 'redline.renamePlan';
  constructor(private readonly plans: PlanStore) {}

  async execute(id?: unknown): Promise<string | undefined> {
    const plan = await pickPlan(this.plans, id, 'Rename which plan?');
    return plan === undefined ? undefined : renamePlanFile(this.plans, plan);
  }
}

export class DeletePlanCommand implements Command {
  readonly id = 'redline.deletePlan';
  constructor(private readonly plans: PlanStore) {}

  async execute(id?: unknown): Promise<boolean> {
    const plan = await pickPlan(this.plans, id, 'Delete which plan?');
    return plan === undefined ? false : deletePlanFile(this.plans, plan);
  }
}

async function pickPlan(plans: PlanStore, id: unknown, placeHolder: string): Promise<string | undefined> {
  const list = await plans.list();
  if (typeof id === 'string') return list.some((p) => p.id === id) ? id : undefined;
  const active = vscode.window.activeTextEditor?.document.uri;
  const fromEditor = active && plans.idOf(active);
  if (fromEditor) return fromEditor;
  const picked = await vscode.window.showQuickPick(
    list.map((p) => ({ label: oneLine(p.title), description: oneLine(`${p.status} · ${p.fileName}`), id: p.id })),
    { placeHolder },
  );
  return picked?.id;
}
