import { open, readFile } from 'node:fs/promises';
import * as vscode from 'vscode';
import { BOM } from '../../core/text/textFacts';
import { decodeBytes } from '../../core/text/decode';
import type { FileTexts, FileWrite, FileWriteTo, ResolvedFile, ReviewWorkspace } from '../../core/review/ports';
import { fail, ok, type Result } from '../../core/result';
import type { WorkspacePaths } from '../workspacePaths';
import type { AcceptSaves } from './acceptSaves';

/**
 * The review session's workspace in VS Code: reads prefer the open document (the user's unsaved
 * text), and each decision's writes are one WorkspaceEdit, so one decision is one undo step.
 */
export class VsCodeReviewWorkspace implements ReviewWorkspace {
  constructor(
    private readonly paths: WorkspacePaths,
    /** Told of every document a write saved, so an Undo of it in the editor is saved too. */
    private readonly saves?: AcceptSaves,
  ) {}

  async resolve(raw: string): Promise<Result<ResolvedFile>> {
    if (typeof raw !== 'string' || raw.length === 0) return fail('E_INPUT', 'a file path must be a non-empty string');
    const r = await this.paths.resolve(raw, 'write');
    if (!r.ok) return r;
    return ok({ path: r.value.display, handle: r.value.absolutePath });
  }

  locate(raw: string): Result<ResolvedFile> {
    if (typeof raw !== 'string' || raw.length === 0) return fail('E_INPUT', 'a file path must be a non-empty string');
    const r = this.paths.locate(raw, 'write');
    return r.ok ? ok({ path: r.value.display, handle: r.value.absolutePath }) : r;
  }

  folderNames(): readonly string[] {
    return this.paths.folderNames();
  }

  async read(file: ResolvedFile): Promise<Result<FileTexts>> {
    // The path is checked before the read: a symlink planted since could lead the read to a
    // device or a pipe outside the workspace.
    const still = await this.stillInside(file, this.paths.resolver());
    if (!still.ok) return still;
    const uri = vscode.Uri.file(file.handle);
    const disk = await this.readDisk(uri);
    if (!disk.ok) return disk;
    const doc = openDocument(uri);
    // A document without unsaved edits holds what is on disk; when its text differs, VS Code has
    // not yet reloaded it after a change on disk, and the disk is the truth.
    if (!doc || !doc.isDirty || disk.value === null) return ok({ disk: disk.value, current: disk.value });
    return ok({ disk: disk.value, current: withDiskBom(doc.getText(), disk.value) });
  }

  /**
   * All files in one WorkspaceEdit, applied once: Accept all or an undo across files is one undo
   * step. Every file's expected text is checked before the edit is applied, so a racing edit in
   * any of them writes nothing.
   */
  async write(writes: readonly FileWriteTo[]): Promise<Result<void>> {
    const edit = new vscode.WorkspaceEdit();
    const toSave: { doc: vscode.TextDocument; before: string }[] = [];
    const resolve = this.paths.resolver();
    for (const { file } of writes) {
      const still = await this.stillInside(file, resolve);
      if (!still.ok) return still;
    }
    for (const { file, write } of writes) {
      const added = await this.addWrite(edit, vscode.Uri.file(file.handle), write);
      if (!added.ok) return fail(added.code, `${file.path}: ${added.message}`);
      if (added.value) toSave.push(added.value);
    }
    const applied = await vscode.workspace.applyEdit(edit);
    if (!applied) return fail('E_APPLY', 'VS Code refused the edit (a file may be read-only or changed on disk); nothing was written');
    // Save so format-on-save and save hooks run, but never save the user's own unsaved typing.
    const saveOnAccept = vscode.workspace.getConfiguration('redline.review').get<boolean>('saveOnAccept', true);
    if (!saveOnAccept) return ok(undefined);
    for (const { doc, before } of toSave) {
      // A save that joins one already running (the auto-save of an earlier accept, on a busy
      // machine) writes the text of that moment; the accepted text is then still unsaved.
      if (!(await doc.save()) || doc.isDirty) await doc.save();
      if (!doc.isDirty) this.saves?.record(doc, before);
    }
    return ok(undefined);
  }

  /**
   * The file's path resolved again, symlinks included, at the moment of the read or write: the
   * handle was resolved when the proposal was made, and a symlink planted since (a check, a
   * terminal, a `git checkout`) would carry the write out of the workspace or into a denied file.
   * A refusal writes nothing, so the hunk stays pending.
   */
  private async stillInside(file: ResolvedFile, resolve: ReturnType<WorkspacePaths['resolver']>): Promise<Result<void>> {
    const now = await resolve(file.path, 'write');
    if (now.ok && now.value.absolutePath === file.handle) return ok(undefined);
    const why = now.ok ? 'it now names another file' : now.message;
    return fail(now.ok ? 'E_MOVED' : now.code, `${file.path} changed on disk since the proposal and was not touched: ${why}`);
  }

  /** Adds one file's write to `edit`; resolves with its document and text when it is to be saved after. */
  private async addWrite(
    edit: vscode.WorkspaceEdit,
    uri: vscode.Uri,
    write: FileWrite,
  ): Promise<Result<{ doc: vscode.TextDocument; before: string } | undefined>> {
    switch (write.kind) {
      case 'create':
        // Byte for byte: the text's BOM and line endings are written as given.
        edit.createFile(uri, { contents: new TextEncoder().encode(write.text), overwrite: false });
        return ok(undefined);
      case 'delete':
        edit.deleteFile(uri, { ignoreIfNotExists: true });
        return ok(undefined);
      case 'edit': {
        const doc = openDocument(uri) ?? (await vscode.workspace.openTextDocument(uri));
        const wasDirty = doc.isDirty;
        // Only whether the file on disk starts with a BOM matters here (VS Code hides it).
        const text = doc.getText();
        const bomShift = (await this.diskHasBom(uri)) && !text.startsWith(BOM) ? 1 : 0;
        if ((bomShift === 1 ? BOM + text : text) !== write.expected) {
          return fail('E_CHANGED', 'the document changed while the decision was being applied; nothing was written, try again');
        }
        for (const e of write.edits) {
          const start = new vscode.Position(e.startLine, e.startLine === 0 ? Math.max(0, e.startCharacter - bomShift) : e.startCharacter);
          const end = new vscode.Position(e.endLine, e.endLine === 0 ? Math.max(0, e.endCharacter - bomShift) : e.endCharacter);
          const atStart = bomShift === 1 && e.startLine === 0 && e.startCharacter === 0;
          edit.replace(uri, new vscode.Range(start, end), atStart && e.newText.startsWith(BOM) ? e.newText.slice(1) : e.newText);
        }
        return ok(wasDirty ? undefined : { doc, before: text });
      }
    }
  }

  private async diskHasBom(uri: vscode.Uri): Promise<boolean> {
    if (uri.scheme !== 'file') {
      const disk = await this.readDisk(uri);
      return disk.ok && disk.value !== null && disk.value.startsWith(BOM);
    }
    try {
      const handle = await open(uri.fsPath, 'r');
      try {
        const head = Buffer.alloc(3);
        const { bytesRead } = await handle.read(head, 0, 3, 0);
        return bytesRead === 3 && head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf;
      } finally {
        await handle.close();
      }
    } catch {
      return false; // not on disk (yet): there is no BOM to keep
    }
  }

  private async readDisk(uri: vscode.Uri): Promise<Result<string | null>> {
    let bytes: Uint8Array;
    try {
      // Node's own read for local files: `workspace.fs` goes through the workbench and took ~10 ms
      // for a 10,000-line file, twice per accepted hunk (Performance issue: accept ≤ 30 ms).
      bytes = uri.scheme === 'file' ? await readFile(uri.fsPath) : await vscode.workspace.fs.readFile(uri);
    } catch (err) {
      if ((err instanceof vscode.FileSystemError && err.code === 'FileNotFound') || (err as NodeJS.ErrnoException).code === 'ENOENT') return ok(null);
      return fail('E_READ', `cannot read the file: ${err instanceof Error ? err.message : String(err)}`);
    }
    const text = decodeBytes(bytes);
    return text.ok ? ok(text.value) : fail(text.code, text.message);
  }
}

function openDocument(uri: vscode.Uri): vscode.TextDocument | undefined {
  return vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString() && !d.isClosed);
}

/** VS Code drops a UTF-8 BOM from document text; the model's texts keep it (as on disk). */
function withDiskBom(docText: string, disk: string | null): string {
  return disk !== null && disk.startsWith(BOM) && !docText.startsWith(BOM) ? BOM + docText : docText;
}
