import * as vscode from 'vscode';
import { DisposableBase } from '../../core/dispose';
import type { DocHunk, DocumentHunks } from './documentHunks';

/**
 * *Accept | Reject | Ask fix | Review* above each open hunk. Lenses pass the changeset and hunk
 * ids (serializable), so the same commands work from the palette on the hunk under the cursor. A
 * stale hunk shows why instead of *Accept*: it cannot be accepted until a fix refreshes it.
 */
export class HunkCodeLens extends DisposableBase implements vscode.CodeLensProvider {
  private readonly emitter = this._register(new vscode.EventEmitter<void>());
  readonly onDidChangeCodeLenses = this.emitter.event;

  constructor(private readonly hunks: DocumentHunks) {
    super();
    this._register(hunks.onDidChange(() => this.emitter.fire()));
  }

  provideCodeLenses(document: vscode.TextDocument): vscode.CodeLens[] {
    const hunks = this.hunks.hunks(document);
    // Two changesets on one file: each row says whose hunk it is, or the rows read as one doubled set.
    const labels = this.hunks.labels(hunks);
    return hunks.flatMap((h) => lensesOf(h, labels?.get(h.changesetId)));
  }
}

function lensesOf(h: DocHunk, label: string | undefined): vscode.CodeLens[] {
  const range = new vscode.Range(h.first, 0, h.first, 0);
  const args = [h.changesetId, h.id];
  const lens = (title: string, command: string, tooltip: string) => new vscode.CodeLens(range, { title, command, tooltip, arguments: args });
  const lenses: vscode.CodeLens[] = [];
  if (label !== undefined) {
    lenses.push(
      new vscode.CodeLens(range, {
        title: `$(git-compare) ${label}:`,
        command: '',
        tooltip: `This hunk belongs to "${label}"; another changeset also changes this file.`,
      }),
    );
  }
  if (h.state === 'stale') {
    // A lens with no command is a label: the reason, not an action.
    lenses.push(
      new vscode.CodeLens(range, {
        title: `$(warning) Stale: ${h.staleReason ?? 'the file changed under this hunk'}`,
        command: '',
        tooltip: 'Your edits overlap this hunk. Ask for a fix to refresh it, or reject it.',
      }),
    );
  } else {
    lenses.push(lens('Accept', 'redline.acceptHunk', 'Apply this hunk (one undo step)'));
  }
  lenses.push(
    lens('Reject', 'redline.rejectHunk', 'Reject this hunk, with an optional reason for the agent'),
    lens('Ask fix', 'redline.askFix', 'Ask the agent to revise this hunk'),
    lens('Review', 'redline.reviewHunk', 'Open the Review panel at this hunk'),
  );
  if (h.flags.length > 0)
    lenses.push(new vscode.CodeLens(range, { title: `$(warning) ${h.flags.join(', ')}`, command: '', tooltip: 'Tripwires flagged this hunk' }));
  return lenses;
}
