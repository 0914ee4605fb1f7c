import * as vscode from 'vscode';
import type { Changeset } from '../../core/changeset/types';
import { formatAcceptedPatch, formatChangesetPatch } from '../../core/patch/format';
import type { ReviewSession } from '../../core/review/reviewSession';
import type { Command } from '../commands/command';
import { linklessText, oneLine } from '../untrustedText';
import { openChangesetForPatch } from './patchChangeset';
import type { ReviewPanels } from './reviewPanels';

/** What one copy command copies, and how it says so (`title` is the changeset's, made safe to show). */
interface PatchCopy {
  readonly id: string;
  readonly question: string;
  readonly format: (cs: Changeset) => string;
  readonly nothing: (title: string) => string;
  readonly copied: (title: string) => string;
}

/**
 * *Redline: Copy Changeset as Patch*: the changeset's accepted and pending hunks as a git-style
 * patch, against the files as they were before the changeset (`git apply` takes it).
 */
export const COPY_CHANGESET: PatchCopy = {
  id: 'redline.copyPatch',
  question: 'Copy which changeset as a patch?',
  format: formatChangesetPatch,
  nothing: (title) => `"${title}" has no accepted or pending hunk to copy.`,
  copied: (title) => `copied "${title}" as a patch (accepted and pending hunks).`,
};

/**
 * *Redline: Copy Accepted as Patch*: the accepted hunks as a git-style patch against the base the
 * changeset was built on, so `git apply` replays exactly what was accepted on another checkout of
 * that base (or `git apply -R` takes it back out here).
 */
export const COPY_ACCEPTED: PatchCopy = {
  id: 'redline.copyAcceptedPatch',
  question: 'Copy the accepted hunks of which changeset?',
  format: formatAcceptedPatch,
  nothing: (title) => `"${title}" has no accepted hunk to copy.`,
  copied: (title) => `copied the accepted hunks of "${title}" as a patch against the files before them.`,
};

/** A patch of a changeset on the clipboard; which patch, `copy` says. */
export class CopyPatchCommand implements Command {
  readonly id: string;

  constructor(
    private readonly session: ReviewSession,
    private readonly panels: ReviewPanels,
    private readonly copy: PatchCopy,
  ) {
    this.id = copy.id;
  }

  /** `arg`: a changeset id or the Changesets view's changeset node; else the Review panel in front; else the user picks one. */
  async execute(arg?: unknown): Promise<boolean> {
    const cs = await openChangesetForPatch(this.session, this.panels, arg, this.copy.question);
    if (!cs) return false;
    const title = linklessText(oneLine(cs.title));
    const patch = this.copy.format(cs);
    if (patch === '') {
      void vscode.window.showInformationMessage(`Redline: ${this.copy.nothing(title)}`);
      return false;
    }
    await vscode.env.clipboard.writeText(patch);
    void vscode.window.showInformationMessage(`Redline: ${this.copy.copied(title)}`);
    return true;
  }
}
