import * as vscode from 'vscode';
import { formatChangesetPatch } from '../../core/patch/format';
import { fileCounts } from '../../core/review/editorHunks';
import type { ReviewSession } from '../../core/review/reviewSession';
import type { Command } from '../commands/command';
import { linklessText, oneLine } from '../untrustedText';

/**
 * *Redline: Copy Changeset as Patch*: the changeset's accepted and pending hunks as a git-style
 * patch on the clipboard, against the files as they were before the changeset (`git apply` takes it).
 */
export class CopyPatchCommand implements Command {
  readonly id = 'redline.copyPatch';

  constructor(private readonly session: ReviewSession) {}

  /** `arg`: a changeset id or the Changesets view's changeset node; else the user picks one. */
  async execute(arg?: unknown): Promise<boolean> {
    const id = changesetIdOf(arg) ?? (await this.pick());
    if (id === undefined) return false;
    const cs = this.session.get(id)?.changeset;
    if (!cs) {
      void vscode.window.showInformationMessage('Redline: this changeset is not open any more.');
      return false;
    }
    const patch = formatChangesetPatch(cs);
    if (patch === '') {
      void vscode.window.showInformationMessage(`Redline: "${linklessText(oneLine(cs.title))}" has no accepted or pending hunk to copy.`);
      return false;
    }
    await vscode.env.clipboard.writeText(patch);
    void vscode.window.showInformationMessage(`Redline: copied "${linklessText(oneLine(cs.title))}" as a patch (accepted and pending hunks).`);
    return true;
  }

  private async pick(): Promise<string | undefined> {
    const ids = this.session.ids().reverse();
    if (ids.length <= 1) {
      if (ids.length === 0) void vscode.window.showInformationMessage('Redline: there is no changeset to copy.');
      return ids[0];
    }
    const items = ids.flatMap((id) => {
      const cs = this.session.get(id)?.changeset;
      if (!cs) return [];
      const pending = cs.files.reduce((n, f) => n + fileCounts(f).pending, 0);
      return [{ label: oneLine(cs.title), description: oneLine(`${cs.source} · ${cs.files.length} file(s) · ${pending} pending`), id }];
    });
    return (await vscode.window.showQuickPick(items, { title: 'Copy which changeset as a patch?', matchOnDescription: true }))?.id;
  }
}

function changesetIdOf(arg: unknown): string | undefined {
  if (typeof arg === 'string') return arg;
  if (typeof arg === 'object' && arg !== null && 'changesetId' in arg && typeof arg.changesetId === 'string') return arg.changesetId;
  return undefined;
}
