import * as path from 'node:path';
import * as vscode from 'vscode';
import { existsAfterDecisions } from '../../core/changeset/items';
import { fileCounts } from '../../core/review/editorHunks';
import type { Command } from '../commands/command';
import { failureText } from '../../core/trust';
import type { DocumentHunks } from './documentHunks';
import { proposedUri } from './proposedContent';
import { linklessText } from '../untrustedText';

/** A file of a changeset, as a tree item or a caller names it. */
export interface FileTarget {
  readonly changesetId: string;
  readonly path: string;
}

/**
 * The file a command means: `(changesetId, path)`, a `{ changesetId, path }` tree node, or the
 * active editor's file in the newest changeset that still has open hunks in it.
 */
export function fileTarget(hunks: DocumentHunks, args: readonly unknown[]): FileTarget | undefined {
  const [first, second] = args;
  if (typeof first === 'string' && typeof second === 'string') return { changesetId: first, path: second };
  if (
    typeof first === 'object' &&
    first !== null &&
    'changesetId' in first &&
    'path' in first &&
    typeof first.changesetId === 'string' &&
    typeof first.path === 'string'
  ) {
    return { changesetId: first.changesetId, path: first.path };
  }
  const uri = vscode.window.activeTextEditor?.document.uri;
  const files = uri ? hunks.filesAt(uri) : [];
  const open = files.filter((f) => {
    const c = fileCounts(f.file);
    return c.pending + c.stale > 0;
  });
  const pick = open[open.length - 1] ?? files[files.length - 1];
  return pick ? { changesetId: pick.changesetId, path: pick.path } : undefined;
}

function resolveFile(hunks: DocumentHunks, args: readonly unknown[]): FileTarget | undefined {
  const target = fileTarget(hunks, args);
  const known = target && hunks.session.get(target.changesetId)?.changeset.files.some((f) => f.path === target.path);
  if (!target || !known) {
    void vscode.window.showInformationMessage('Redline: this file is not part of an open changeset.');
    return undefined;
  }
  return target;
}

abstract class DecideFileCommand implements Command {
  abstract readonly id: string;
  protected abstract readonly decision: 'accept' | 'reject';
  constructor(private readonly hunks: DocumentHunks) {}

  /** Decides every pending hunk of the file (stale ones stay); one undo step. */
  async execute(...args: unknown[]): Promise<boolean> {
    const target = resolveFile(this.hunks, args);
    if (!target) return false;
    const done = await this.hunks.session.decideFile(target.changesetId, target.path, this.decision);
    // Restricted Mode is refused by the session's write port, with its own wording.
    if (!done.ok) void vscode.window.showErrorMessage(linklessText(failureText(done)));
    return done.ok;
  }
}

export class AcceptFileCommand extends DecideFileCommand {
  readonly id = 'redline.acceptFile';
  protected readonly decision = 'accept';
}

export class RejectFileCommand extends DecideFileCommand {
  readonly id = 'redline.rejectFile';
  protected readonly decision = 'reject';
}

/** The file against its proposed text in VS Code's diff editor; resolves to the proposed side's URI. */
export class OpenDiffCommand implements Command {
  readonly id = 'redline.openDiff';
  constructor(private readonly hunks: DocumentHunks) {}

  async execute(...args: unknown[]): Promise<vscode.Uri | undefined> {
    const target = resolveFile(this.hunks, args);
    const entry = target && this.hunks.session.get(target.changesetId);
    const file = entry?.changeset.files.find((f) => f.path === target?.path);
    const uri = target && this.hunks.uriOf(target.changesetId, target.path);
    if (!target || !entry || !file || !uri) return undefined;
    // The real file on the left keeps it editable (and its unsaved text); a file the proposal
    // creates does not exist yet, so its left side is the (empty) decided text.
    const left = existsAfterDecisions(file) ? uri : proposedUri(target.changesetId, target.path, 'current');
    const right = proposedUri(target.changesetId, target.path);
    await vscode.commands.executeCommand('vscode.diff', left, right, `${path.posix.basename(target.path)} ↔ Proposed (${entry.changeset.title})`, {
      preview: false,
    });
    return right;
  }
}
