import * as vscode from 'vscode';
import { decidedText } from '../../core/changeset/items';
import { modelForDocument, pendingAppliedText } from '../../core/review/editorHunks';
import { DisposableBase, toDisposable } from '../../core/dispose';
import { openDocument, type DocumentHunks } from './documentHunks';

export const PROPOSED_SCHEME = 'redline-proposed';

type Side = 'proposed' | 'current';

/**
 * The proposed text of a file as a read-only document, for VS Code's diff editor. `current` is the
 * document as decided so far (the left side when the file does not exist yet).
 */
export function proposedUri(changesetId: string, path: string, side: Side = 'proposed'): vscode.Uri {
  return vscode.Uri.from({ scheme: PROPOSED_SCHEME, path: `/${path}`, query: new URLSearchParams({ changeset: changesetId, side }).toString() });
}

function parse(uri: vscode.Uri): { changesetId: string; path: string; side: Side } | undefined {
  const query = new URLSearchParams(uri.query);
  const changesetId = query.get('changeset');
  const side = query.get('side') === 'current' ? 'current' : 'proposed';
  return changesetId ? { changesetId, path: uri.path.replace(/^\//, ''), side } : undefined;
}

/**
 * Serves the proposed texts and tells VS Code when they change: after a decision, a fix's new
 * revision, or the user's typing in the file (the proposal is rebased onto it, as the session will).
 */
export class ProposedContent extends DisposableBase implements vscode.TextDocumentContentProvider {
  private readonly emitter = this._register(new vscode.EventEmitter<vscode.Uri>());
  readonly onDidChange = this.emitter.event;
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly hunks: DocumentHunks) {
    super();
    this._register(toDisposable(() => clearTimeout(this.timer)));
    this._register(hunks.onDidChange(() => this.refresh()));
    this._register(
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (e.document.uri.scheme === PROPOSED_SCHEME || hunks.filesAt(e.document.uri).length === 0) return;
        clearTimeout(this.timer);
        this.timer = setTimeout(() => this.refresh(), 150);
      }),
    );
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    const at = parse(uri);
    const file = at && this.hunks.session.get(at.changesetId)?.changeset.files.find((f) => f.path === at.path);
    if (!at || !file) return '';
    const source = this.hunks.uriOf(at.changesetId, at.path);
    const doc = source && openDocument(source);
    const model = doc ? modelForDocument(file, doc.getText()) : undefined;
    const current = model?.ok ? model.value : file;
    const text = at.side === 'current' ? decidedText(current) : pendingAppliedText(current);
    // Documents never show a BOM; the file's own side of the diff does not either.
    return text.replace(/^\uFEFF/, '');
  }

  private refresh(): void {
    for (const doc of vscode.workspace.textDocuments) if (doc.uri.scheme === PROPOSED_SCHEME) this.emitter.fire(doc.uri);
  }
}
