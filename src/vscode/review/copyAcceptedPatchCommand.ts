import * as vscode from 'vscode';
import { formatAcceptedPatch } from '../../core/patch/format';
import type { ReviewSession } from '../../core/review/reviewSession';
import type { Command } from '../commands/command';
import { linklessText, oneLine } from '../untrustedText';
import { changesetForPatch } from './patchChangeset';
import type { ReviewPanels } from './reviewPanels';

/**
 * *Redline: Copy Accepted as Patch*: the accepted hunks of a changeset as a git-style patch on the
 * clipboard, against the base the changeset was built on, so `git apply` replays exactly what was
 * accepted on another checkout of that base (or `git apply -R` takes it back out here).
 */
export class CopyAcceptedPatchCommand implements Command {
  readonly id = 'redline.copyAcceptedPatch';

  constructor(
    private readonly session: ReviewSession,
    private readonly panels: ReviewPanels,
  ) {}

  /** `arg`: a changeset id or the Changesets view's changeset node; else the Review panel in front; else the user picks one. */
  async execute(arg?: unknown): Promise<boolean> {
    const id = await changesetForPatch(this.session, this.panels, arg, 'Copy the accepted hunks of which changeset?');
    if (id === undefined) return false;
    const cs = this.session.get(id)?.changeset;
    if (!cs) {
      void vscode.window.showInformationMessage('Redline: this changeset is not open any more.');
      return false;
    }
    const title = linklessText(oneLine(cs.title));
    const patch = formatAcceptedPatch(cs);
    if (patch === '') {
      void vscode.window.showInformationMessage(`Redline: "${title}" has no accepted hunk to copy.`);
      return false;
    }
    await vscode.env.clipboard.writeText(patch);
    void vscode.window.showInformationMessage(`Redline: copied the accepted hunks of "${title}" as a patch against the files before them.`);
    return true;
  }
}
