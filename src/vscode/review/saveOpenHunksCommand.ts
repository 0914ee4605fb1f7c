import * as vscode from 'vscode';
import { formatPendingPatch } from '../../core/patch/format';
import { fileCounts } from '../../core/review/editorHunks';
import type { ReviewSession } from '../../core/review/reviewSession';
import type { Command } from '../commands/command';
import { linklessText, oneLine } from '../untrustedText';
import { openChangesetForPatch } from './patchChangeset';
import type { ReviewPanels } from './reviewPanels';

/**
 * *Redline: Save Open Hunks as Patch…*: the still undecided hunks of a changeset as a git-style
 * patch file against the files as the accepted hunks left them, so `git apply` in this workspace
 * brings them back later (after the changeset is closed, on another branch, by someone else).
 */
export class SaveOpenHunksCommand implements Command {
  readonly id = 'redline.saveOpenHunksPatch';

  constructor(
    private readonly session: ReviewSession,
    private readonly panels: ReviewPanels,
  ) {}

  /** `arg`: a changeset id or the Changesets view's changeset node; else the Review panel in front; else the user picks one. Resolves with the file written. */
  async execute(arg?: unknown): Promise<vscode.Uri | undefined> {
    const cs = await openChangesetForPatch(this.session, this.panels, arg, 'Save the open hunks of which changeset?');
    if (!cs) return undefined;
    const title = linklessText(oneLine(cs.title));
    if (cs.source === 'git') {
      // Its "files" are the index: the working tree holds the open hunks already.
      void vscode.window.showInformationMessage(`Redline: the open hunks of "${title}" are in your working tree already; git diff shows them.`);
      return undefined;
    }
    const patch = formatPendingPatch(cs);
    if (patch === '') {
      void vscode.window.showInformationMessage(`Redline: "${title}" has no open hunk to save.`);
      return undefined;
    }
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
    const target = await vscode.window.showSaveDialog({
      title: 'Save the open hunks as a patch',
      saveLabel: 'Save Patch',
      filters: { Patches: ['patch', 'diff'] },
      ...(folder ? { defaultUri: vscode.Uri.joinPath(folder, `${fileName(cs.title)}.patch`) } : {}),
    });
    if (!target) return undefined;
    try {
      await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(patch));
    } catch (err) {
      void vscode.window.showErrorMessage(`Redline: cannot save the patch: ${err instanceof Error ? err.message : String(err)}`);
      return undefined;
    }
    const open = cs.files.reduce((n, f) => n + fileCounts(f).pending, 0);
    void vscode.window.showInformationMessage(
      `Redline: saved ${open} open hunk(s) of "${title}" to ${vscode.workspace.asRelativePath(target)}; git apply applies them.`,
    );
    return target;
  }
}

/** A file name from a changeset's title: letters, digits, dots and dashes. */
function fileName(title: string): string {
  const slug = title
    .toLowerCase()
    .replace(/[^a-z0-9.]+/g, '-')
    .replace(/^[-.]+|-+$/g, '')
    .slice(0, 60);
  return `${slug || 'changeset'}-open`;
}
