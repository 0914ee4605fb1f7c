import * as vscode from 'vscode';
import type { FileChange } from '../../core/changeset/types';
import { editorHunks, modelForDocument, overlapLabels, type EditorHunk } from '../../core/review/editorHunks';
import type { ReviewSession } from '../../core/review/reviewSession';
import { DisposableBase, toDisposable } from '../../core/dispose';

/** An open hunk of a document, with the changeset and file it belongs to. */
export interface DocHunk extends EditorHunk {
  readonly changesetId: string;
  readonly path: string;
}

/** A file under review at some URI: one per changeset that holds it. */
export interface ReviewedFile {
  readonly changesetId: string;
  readonly path: string;
  readonly uri: vscode.Uri;
  readonly file: FileChange;
}

interface Cached {
  readonly version: number;
  readonly files: readonly FileChange[];
  readonly hunks: readonly DocHunk[];
}

/**
 * The review session seen from the ordinary editor: which changesets hold a document, and their
 * open hunks in the document's current lines (rebased onto unsaved typing the session has not
 * folded in yet, the same way it will be). Every editor feature reads hunks from here, so a lens,
 * a decoration and "the hunk under the cursor" always agree.
 */
export class DocumentHunks extends DisposableBase {
  private readonly emitter = this._register(new vscode.EventEmitter<void>());
  /** The session changed (a decision, a sync, a revision, a new changeset). */
  readonly onDidChange = this.emitter.event;
  private readonly cache = new Map<string, Cached>();
  private index: Map<string, { changesetId: string; path: string; uri: vscode.Uri }[]> | undefined;

  constructor(readonly session: ReviewSession) {
    super();
    this._register(toDisposable(() => this.cache.clear()));
    this._register(
      session.onDidChange(() => {
        this.index = undefined;
        this.emitter.fire();
      }),
    );
  }

  /** The files under review at `uri`, oldest changeset first. */
  filesAt(uri: vscode.Uri): ReviewedFile[] {
    const out: ReviewedFile[] = [];
    for (const at of this.byUri().get(uri.toString()) ?? []) {
      const file = this.session.get(at.changesetId)?.changeset.files.find((f) => f.path === at.path);
      if (file) out.push({ ...at, file });
    }
    return out;
  }

  /** The URI of a file of a changeset, if the changeset holds it. */
  uriOf(changesetId: string, path: string): vscode.Uri | undefined {
    const handle = this.session.get(changesetId)?.files.get(path);
    return handle ? vscode.Uri.file(handle.handle) : undefined;
  }

  /** Open hunks of the document, in document order. */
  hunks(document: vscode.TextDocument): readonly DocHunk[] {
    const files = this.filesAt(document.uri);
    const key = document.uri.toString();
    const cached = this.cache.get(key);
    if (
      cached &&
      cached.version === document.version &&
      sameFiles(
        cached.files,
        files.map((f) => f.file),
      )
    )
      return cached.hunks;
    const text = document.getText();
    const hunks = files.flatMap((f) => {
      const model = modelForDocument(f.file, text);
      // A document the model cannot take (binary after a reload, say) shows no hunks.
      if (!model.ok) return [];
      return editorHunks(model.value).map((h): DocHunk => ({ ...h, changesetId: f.changesetId, path: f.path }));
    });
    hunks.sort((a, b) => a.first - b.first);
    this.cache.set(key, { version: document.version, files: files.map((f) => f.file), hunks });
    return hunks;
  }

  /** Names for the changesets of these hunks when more than one changes the document (`overlapLabels`). */
  labels(hunks: readonly DocHunk[]): Map<string, string> | undefined {
    const present = new Set(hunks.map((h) => h.changesetId));
    if (present.size < 2) return undefined;
    // In the order the changesets were made, so "(1)" is the older of two builds.
    const ids = this.session.ids().filter((id) => present.has(id));
    return overlapLabels(ids.map((id) => ({ id, title: this.session.get(id)?.changeset.title ?? id })));
  }

  /** Forgets a closed document. */
  forget(uri: vscode.Uri): void {
    this.cache.delete(uri.toString());
  }

  private byUri(): Map<string, { changesetId: string; path: string; uri: vscode.Uri }[]> {
    if (this.index) return this.index;
    const index = new Map<string, { changesetId: string; path: string; uri: vscode.Uri }[]>();
    for (const changesetId of this.session.ids()) {
      for (const [path, handle] of this.session.get(changesetId)?.files ?? []) {
        const uri = vscode.Uri.file(handle.handle);
        const list = index.get(uri.toString()) ?? [];
        list.push({ changesetId, path, uri });
        index.set(uri.toString(), list);
      }
    }
    this.index = index;
    return index;
  }
}

function sameFiles(a: readonly FileChange[], b: readonly FileChange[]): boolean {
  return a.length === b.length && a.every((f, i) => f === b[i]);
}

/** The open document of a URI, if any. */
export function openDocument(uri: vscode.Uri): vscode.TextDocument | undefined {
  return vscode.workspace.textDocuments.find((d) => !d.isClosed && d.uri.toString() === uri.toString());
}
