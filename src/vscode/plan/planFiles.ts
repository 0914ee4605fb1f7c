import * as vscode from 'vscode';
import { setTitle } from '../../core/plan/editPlan';
import { newPlan } from '../../core/plan/newPlan';
import { parsePlan } from '../../core/plan/parsePlan';
import { PLANS_FOLDER, planFileName } from '../../core/plan/planFileName';
import { readPlanText, type PlanStore } from './planStore';

/** Creating, renaming and deleting plan files. Every change is a WorkspaceEdit, so Undo brings it back. */

export async function createPlanFile(plans: PlanStore, title: string): Promise<vscode.Uri | undefined> {
  const checked = await plans.checkedFolder();
  if (!checked.ok) {
    void vscode.window.showWarningMessage(`Redline: ${checked.message}`);
    return undefined;
  }
  const folder = checked.value;
  const existing = (await readNames(folder)).map((n) => `${PLANS_FOLDER}/${n}`);
  const name = planFileName(title.trim(), existing).split('/').pop() ?? 'plan.md';
  const uri = vscode.Uri.joinPath(folder, name);
  const text = newPlan({ title: title.trim(), created: new Date().toISOString().slice(0, 10) });
  await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
  return uri;
}

/**
 * Renames a plan: the title inside the file and the file name after it, in one WorkspaceEdit.
 * Returns the new id, or undefined when nothing changed.
 */
export async function renamePlanFile(plans: PlanStore, id: string): Promise<string | undefined> {
  const uri = plans.uriOf(id);
  const checked = await plans.checkedFolder();
  if (!uri || !checked.ok) return undefined;
  const folder = checked.value;
  const text = await readPlanText(uri);
  const plan = parsePlan(text);
  const title = await vscode.window.showInputBox({
    title: 'Redline: Rename Plan',
    prompt: `New title for ${id}; the file is renamed after it.`,
    value: plan.title ?? id.replace(/\.md$/, ''),
    ignoreFocusOut: true,
    validateInput: (v) => (v.trim() === '' ? 'A plan needs a title.' : undefined),
  });
  if (title === undefined || title.trim() === '') return undefined;
  const edited = setTitle(plan, title);
  if (!edited.ok) {
    void vscode.window.showErrorMessage(`Redline: cannot rename the plan: ${edited.message}`);
    return undefined;
  }
  const others = (await readNames(folder)).filter((n) => n !== id).map((n) => `${PLANS_FOLDER}/${n}`);
  const name = planFileName(title.trim(), others).split('/').pop() ?? id;
  const target = vscode.Uri.joinPath(folder, name);
  const doc = await vscode.workspace.openTextDocument(uri);
  if (doc.getText() !== text) return undefined;
  const wasDirty = doc.isDirty;
  const edit = new vscode.WorkspaceEdit();
  for (const change of edited.value.changes) {
    edit.replace(uri, new vscode.Range(doc.positionAt(change.start), doc.positionAt(change.end)), change.text);
  }
  if (!(await vscode.workspace.applyEdit(edit))) return undefined;
  if (!wasDirty) await doc.save();
  if (name !== id) {
    const move = new vscode.WorkspaceEdit();
    move.renameFile(uri, target, { overwrite: false });
    if (!(await vscode.workspace.applyEdit(move))) {
      void vscode.window.showErrorMessage(`Redline: the title changed, but ${id} could not be renamed to ${name}.`);
      return id;
    }
  }
  await plans.list();
  return name;
}

/** Deletes a plan after a modal confirmation that names the file. */
export async function deletePlanFile(plans: PlanStore, id: string): Promise<boolean> {
  const uri = plans.uriOf(id);
  if (!uri) return false;
  const plan = parsePlan(await readPlanText(uri));
  const answer = await vscode.window.showWarningMessage(
    `Delete the plan “${plan.title ?? id}”?`,
    { modal: true, detail: `${vscode.workspace.asRelativePath(uri, false)} will be deleted. Edit › Undo in the Explorer brings it back.` },
    'Delete',
  );
  if (answer !== 'Delete') return false;
  const edit = new vscode.WorkspaceEdit();
  edit.deleteFile(uri, { ignoreIfNotExists: true });
  const done = await vscode.workspace.applyEdit(edit);
  await plans.list();
  return done;
}

async function readNames(folder: vscode.Uri): Promise<string[]> {
  try {
    return (await vscode.workspace.fs.readDirectory(folder)).map(([name]) => name);
  } catch {
    return []; // No plans folder yet.
  }
}
