import * as vscode from 'vscode';
import type { TextChange } from '../../core/plan/editPlan';
import { parsePlan } from '../../core/plan/parsePlan';
import type { PlanWriter } from '../../core/runs/ports';
import { fail, ok, type Result } from '../../core/result';
import { SerialQueue } from '../../core/serialQueue';

/** Changes computed by the plan core from a plan's text, or why none can be made. */
export type PlanChanges = (text: string) => Result<{ readonly changes: readonly TextChange[] }>;

/**
 * Plan writes run one at a time per file. A write's edit is unsaved until its save returns; a
 * second write that began meanwhile took that edit for the user's typing, left its own change
 * unsaved too, and so did every write after it (a build's step marks never reached the disk).
 */
const writes = new SerialQueue();

/**
 * The one writer of plan files. The changes are computed on the document's current text (the
 * user's unsaved typing included) and applied as one WorkspaceEdit, so an edit is one undo step and
 * leaves the cursor and the rest of the text alone. A document the user had not modified is saved
 * again; one they were typing in is not (that would save their half-done text as well).
 */
export function editPlanText(uri: vscode.Uri, compute: PlanChanges): Promise<Result<boolean>> {
  return writes.run(uri.toString(), () => editNow(uri, compute));
}

async function editNow(uri: vscode.Uri, compute: PlanChanges): Promise<Result<boolean>> {
  let doc: vscode.TextDocument;
  try {
    doc = await vscode.workspace.openTextDocument(uri);
  } catch (error) {
    return fail('E_PLAN', `cannot open the plan: ${error instanceof Error ? error.message : String(error)}`);
  }
  const wasDirty = doc.isDirty;
  const result = compute(doc.getText());
  if (!result.ok) return result;
  if (result.value.changes.length === 0) return ok(false);
  const edit = new vscode.WorkspaceEdit();
  for (const change of result.value.changes) edit.replace(uri, new vscode.Range(doc.positionAt(change.start), doc.positionAt(change.end)), change.text);
  if (!(await vscode.workspace.applyEdit(edit))) return fail('E_PLAN', 'VS Code refused the edit of the plan');
  if (!wasDirty) await doc.save();
  return ok(true);
}

/** The run lifecycle's plan writer: step ids and step marks, computed on the parsed plan. */
export const vscodePlanWriter: PlanWriter = {
  edit: (absolute, edit) => editPlanText(vscode.Uri.file(absolute), (text) => edit(parsePlan(text))),
};
