import * as vscode from 'vscode';
import { formatChangesetPatch } from '../../core/patch/format';
import type { ReviewSession } from '../../core/review/reviewSession';
import type { Command } from '../commands/command';
import { linklessText, oneLine } from '../untrustedText';
import { changesetForPatch } from './patchChangeset';
import type { ReviewPanels } from './reviewPanels';

/**
 * *Redline: Copy Changeset as Patch*: the changeset's accepted and pending hunks as a git-style
 * patch on the clipboard, against the files as they were before the changeset (`git apply` takes it).
 */
export class CopyPatchCommand implements Command {
  readonly id = 'redline.copyPatch';

  constructor(
    private readonly session: ReviewSession,
    private readonly panels: ReviewPanels,
  ) {}

  /** `arg`: a changeset id or the Changesets view's changeset node; else the Review panel in front; else the user picks one. */
  async execute(arg?: unknown): Promise<boolean> {
    const id = await changesetForPatch(this.session, this.panels, arg, 'Copy which changeset as a patch?');
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
}
