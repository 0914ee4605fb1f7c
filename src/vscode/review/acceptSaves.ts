import * as vscode from 'vscode';
import { DisposableBase } from '../../core/dispose';

/** A document's text just before and just after an accept that was saved. */
interface SavedAccept {
  readonly before: string;
  readonly after: string;
}

/** Accepts remembered per document: enough for a run of Undos back through a review. */
const KEPT = 20;

/**
 * An accept writes its file and saves it (`redline.review.saveOnAccept`). An Undo in the editor
 * then takes the lines back but leaves the document unsaved and the accepted text on disk, so
 * the editor and the file disagree. This saves the document when an Undo brings it back to
 * exactly its text before an accept this window saved, and when a Redo brings it to the text
 * after one: the file on disk follows the editor both ways. The review session reopens (or
 * accepts again) the hunk from the document's text meanwhile (`rebaseFile`).
 *
 * Only an accept that was saved is remembered: one made into a document with unsaved typing
 * saved nothing, so its Undo saves nothing either.
 */
export class AcceptSaves extends DisposableBase {
  private readonly accepts = new Map<string, SavedAccept[]>();

  constructor() {
    super();
    this._register(vscode.workspace.onDidChangeTextDocument((e) => this.changed(e)));
    this._register(vscode.workspace.onDidCloseTextDocument((d) => this.accepts.delete(d.uri.toString())));
  }

  /** An accept changed `doc` from `before` and was saved. */
  record(doc: vscode.TextDocument, before: string): void {
    const key = doc.uri.toString();
    const list = [...(this.accepts.get(key) ?? []), { before, after: doc.getText() }];
    this.accepts.set(key, list.slice(-KEPT));
  }

  private changed(e: vscode.TextDocumentChangeEvent): void {
    const kind = e.reason === vscode.TextDocumentChangeReason.Undo ? 'undo' : e.reason === vscode.TextDocumentChangeReason.Redo ? 'redo' : undefined;
    if (kind === undefined || this.isDisposed) return;
    const list = this.accepts.get(e.document.uri.toString());
    if (list === undefined) return;
    const text = e.document.getText();
    if (!list.some((a) => (kind === 'undo' ? a.before : a.after) === text)) return;
    // After the event: the Undo is still being applied to the other files of the same edit.
    setTimeout(() => void this.save(e.document, kind), 0);
  }

  private async save(doc: vscode.TextDocument, kind: 'undo' | 'redo'): Promise<void> {
    if (this.isDisposed || doc.isClosed || !doc.isDirty) return;
    // As after an accept: a save that joined one already running may have written older text.
    if (!(await doc.save()) || doc.isDirty) await doc.save();
    if (this.isDisposed || doc.isClosed || !doc.isDirty) return;
    const path = vscode.workspace.asRelativePath(doc.uri);
    const why = await whyNotSaved(doc.uri);
    const message =
      kind === 'undo'
        ? `Redline: the Undo took the accept in ${path} back in the editor, but ${path} could not be saved (${why}), so the file on disk still holds the accepted text. Save the file to finish the Undo, or Redo to keep the accept.`
        : `Redline: the Redo put the accept in ${path} back in the editor, but ${path} could not be saved (${why}), so the file on disk still holds the text before the accept. Save the file to finish the Redo.`;
    void vscode.window.showWarningMessage(message);
  }
}

/** What the file system says about a file a save could not write, in a few words. */
async function whyNotSaved(uri: vscode.Uri): Promise<string> {
  let stat: vscode.FileStat;
  try {
    stat = await vscode.workspace.fs.stat(uri);
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
  if (stat.type & vscode.FileType.Directory) return 'a folder has its name now';
  if ((stat.permissions ?? 0) & vscode.FilePermission.Readonly) return 'it is read-only';
  return 'VS Code refused the save';
}
