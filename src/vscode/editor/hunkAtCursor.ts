import * as vscode from 'vscode';
import { hunkAtLine } from '../../core/review/editorHunks';
import { DisposableBase, toDisposable } from '../../core/dispose';
import type { DocumentHunks } from './documentHunks';

/** The `when` context key of the hunk keybindings. */
export const HUNK_AT_CURSOR = 'redline.hunkAtCursor';

/** Keeps `redline.hunkAtCursor` true while the cursor is on an open hunk, so keybindings apply there only. */
export class HunkAtCursor extends DisposableBase {
  private value = false;
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly hunks: DocumentHunks) {
    super();
    // Selections change on every keystroke; the hunks of a typed-in document are recomputed, so wait a beat.
    const soon = () => {
      clearTimeout(this.timer);
      this.timer = setTimeout(() => this.update(), 50);
    };
    this._register(toDisposable(() => clearTimeout(this.timer)));
    this._register(vscode.window.onDidChangeTextEditorSelection(soon));
    this._register(vscode.window.onDidChangeActiveTextEditor(soon));
    this._register(hunks.onDidChange(soon));
    this.update();
  }

  private update(): void {
    const editor = vscode.window.activeTextEditor;
    const at = editor !== undefined && hunkAtLine(this.hunks.hunks(editor.document), editor.selection.active.line) !== undefined;
    if (at === this.value) return;
    this.value = at;
    void vscode.commands.executeCommand('setContext', HUNK_AT_CURSOR, at);
  }
}
