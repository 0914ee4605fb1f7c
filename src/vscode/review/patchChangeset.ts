import * as vscode from 'vscode';
import { fileCounts } from '../../core/review/editorHunks';
import type { Changeset } from '../../core/changeset/types';
import type { ReviewSession } from '../../core/review/reviewSession';
import { oneLine } from '../untrustedText';
import type { ReviewPanels } from './reviewPanels';

/**
 * The changeset a patch command means: `arg` (a changeset id, or the Changesets view's changeset
 * node), else the one in the Review panel in front, else the user picks one.
 */
async function changesetForPatch(session: ReviewSession, panels: ReviewPanels, arg: unknown, title: string): Promise<string | undefined> {
  const id = changesetIdOf(arg) ?? panels.active();
  if (id !== undefined) return id;
  const ids = session.ids().reverse();
  if (ids.length <= 1) {
    if (ids.length === 0) void vscode.window.showInformationMessage('Redline: there is no changeset to make a patch of.');
    return ids[0];
  }
  const items = ids.flatMap((id) => {
    const cs = session.get(id)?.changeset;
    if (!cs) return [];
    const pending = cs.files.reduce((n, f) => n + fileCounts(f).pending, 0);
    return [{ label: oneLine(cs.title), description: oneLine(`${cs.source} · ${cs.files.length} file(s) · ${pending} pending`), id }];
  });
  return (await vscode.window.showQuickPick(items, { title, matchOnDescription: true }))?.id;
}

/** `changesetForPatch`, then the changeset itself; says so when it closed meanwhile. */
export async function openChangesetForPatch(session: ReviewSession, panels: ReviewPanels, arg: unknown, title: string): Promise<Changeset | undefined> {
  const id = await changesetForPatch(session, panels, arg, title);
  if (id === undefined) return undefined;
  const cs = session.get(id)?.changeset;
  if (!cs) void vscode.window.showInformationMessage('Redline: this changeset is not open any more.');
  return cs;
}

function changesetIdOf(arg: unknown): string | undefined {
  if (typeof arg === 'string') return arg;
  if (typeof arg === 'object' && arg !== null && 'changesetId' in arg && typeof arg.changesetId === 'string') return arg.changesetId;
  return undefined;
}
