import * as vscode from 'vscode';
import type { TextChange } from '../../core/plan/editPlan';

/**
 * Applies changes computed by the plan core (offsets into `expected`) to the plan's document as one
 * WorkspaceEdit — one undo step, the editor's cursor and the rest of the text untouched. The file
 * is the source of truth: when the document no longer holds `expected` (someone typed in the
 * editor meanwhile), nothing is applied and the caller says so.
 */
export async function applyPlanChanges(
  uri: vscode.Uri,
  expected: string,
  changes: readonly TextChange[],
  opts: { save: boolean },
): Promise<'applied' | 'changed' | 'failed'> {
  const doc = await vscode.workspace.openTextDocument(uri);
  if (doc.getText() !== expected) return 'changed';
  if (changes.length === 0) return 'applied';
  const wasDirty = doc.isDirty;
  const edit = new vscode.WorkspaceEdit();
  for (const change of changes) {
    edit.replace(uri, new vscode.Range(doc.positionAt(change.start), doc.positionAt(change.end)), change.text);
  }
  if (!(await vscode.workspace.applyEdit(edit))) return 'failed';
  // Saving a document the user was already editing would save their half-done text as well.
  if (opts.save && !wasDirty) await doc.save();
  return 'applied';
}
