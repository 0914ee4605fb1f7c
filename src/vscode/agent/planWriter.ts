import * as vscode from 'vscode';
import type { TextChange } from '../../core/plan/editPlan';
import { parsePlan } from '../../core/plan/parsePlan';
import type { PlanWriter } from '../../core/runs/ports';
import { fail, ok, type Result } from '../../core/result';
import { SerialQueue } from '../../core/serialQueue';

/** Changes computed by the plan core from a plan's text, or why none can be made. */
export type PlanChanges = (text: string) => Result<{ readonly changes: readonly TextChange[] }>;

/** One write of a plan at a time, per file. */
const queue = new SerialQueue();
/** Plans being written now, each with whether the user had unsaved typing in it before the write. */
const writing = new Map<string, boolean>();

/**
 * The one writer of plan files. The changes are computed on the document's current text (the
 * user's unsaved typing included) and applied as one WorkspaceEdit, so an edit is one undo step and
 * leaves the cursor and the rest of the text alone. A document the user had not modified is saved
 * again; one they were typing in is not (that would save their half-done text as well).
 *
 * Writes of one plan run one after another: a build ticks steps while the plan's status moves,
 * and a write that began while another one's save was still running found the document dirty,
 * took that for the user's typing and left the plan unsaved.
 */
export function editPlanText(uri: vscode.Uri, compute: PlanChanges): Promise<Result<boolean>> {
  return queue.run(uri.toString(), () => writePlan(uri, compute));
}

/**
 * Whether a plan has unsaved changes of the user's. Redline's own write leaves the document dirty
 * between its edit and its save: that moment counts as what the document was before the write.
 */
export function hasUnsavedTyping(uri: vscode.Uri): boolean {
  const key = uri.toString();
  return writing.get(key) ?? vscode.workspace.textDocuments.some((d) => d.uri.toString() === key && d.isDirty);
}

async function writePlan(uri: vscode.Uri, compute: PlanChanges): Promise<Result<boolean>> {
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
  const key = uri.toString();
  writing.set(key, wasDirty);
  try {
    if (!(await vscode.workspace.applyEdit(edit))) return fail('E_PLAN', 'VS Code refused the edit of the plan');
    if (!wasDirty) await doc.save();
  } finally {
    writing.delete(key);
  }
  return ok(true);
}

/** The run lifecycle's plan writer: step ids and step marks, computed on the parsed plan. */
export const vscodePlanWriter: PlanWriter = {
  edit: (absolute, edit) => editPlanText(vscode.Uri.file(absolute), (text) => edit(parsePlan(text))),
};
