import * as vscode from 'vscode';
import { rewindPoints } from '../../core/changeset/rewindPoints';
import type { ReviewSession } from '../../core/review/reviewSession';
import { failureText } from '../../core/trust';
import type { Command } from '../commands/command';
import type { ReviewPanels } from '../review/reviewPanels';
import { linklessText, oneLine } from '../untrustedText';

/**
 * *Redline: Rewind Accepted Hunks…*: takes back the accepts of a changeset made after a point the
 * user picks from its history (or all of them), as one decision and one undo step in the editor.
 * Files the user edited since are left as they are, and the message names them.
 */
export class RewindCommand implements Command {
  readonly id = 'redline.rewindAccepted';

  constructor(
    private readonly session: ReviewSession,
    private readonly panels: ReviewPanels,
  ) {}

  /** `arg`: a changeset id or the Changesets view's changeset node; `keep`: the point, skipping the pick. */
  async execute(arg?: unknown, keep?: unknown): Promise<boolean> {
    const id = changesetIdOf(arg) ?? this.panels.active() ?? (await this.pickChangeset());
    const cs = id === undefined ? undefined : this.session.get(id)?.changeset;
    if (id === undefined || !cs) return false;
    const title = linklessText(oneLine(cs.title));
    const points = rewindPoints(cs, Date.now());
    if (points.length === 0) {
      void vscode.window.showInformationMessage(`Redline: "${title}" has no accepted hunk to rewind.`);
      return false;
    }
    const point =
      typeof keep === 'number'
        ? keep
        : (
            await vscode.window.showQuickPick(
              points.map((p) => ({
                label: p.label,
                description: [`${p.accepts} accepted hunk${p.accepts === 1 ? '' : 's'} taken back`, p.when].filter(Boolean).join(' · '),
                keep: p.keep,
              })),
              { title: `Rewind the accepted hunks of "${title}" to…`, matchOnDescription: true },
            )
          )?.keep;
    if (point === undefined) return false;
    const done = await this.session.rewind(id, point);
    if (!done.ok) {
      void vscode.window.showErrorMessage(linklessText(failureText(done, 'cannot rewind')));
      return false;
    }
    const { restored, left } = done.value;
    const took = `Redline: took back ${restored} accepted hunk${restored === 1 ? '' : 's'} of "${title}".`;
    if (left.length === 0) void vscode.window.showInformationMessage(took);
    else
      void vscode.window.showWarningMessage(
        linklessText(
          `${took} Left ${left.join(', ')} as ${left.length === 1 ? 'it is' : 'they are'}: you edited ${left.length === 1 ? 'it' : 'them'} after accepting, so ${left.length === 1 ? 'its' : 'their'} hunks are stale.`,
        ),
      );
    return true;
  }

  /** The changesets with something to rewind, newest first; the only one without asking. */
  private async pickChangeset(): Promise<string | undefined> {
    const now = Date.now();
    const items = this.session
      .ids()
      .reverse()
      .flatMap((id) => {
        const cs = this.session.get(id)?.changeset;
        const accepts = cs ? (rewindPoints(cs, now).at(-1)?.accepts ?? 0) : 0;
        return cs && accepts > 0 ? [{ label: oneLine(cs.title), description: oneLine(`${cs.source} · ${accepts} accepted`), id }] : [];
      });
    if (items.length <= 1) {
      if (items.length === 0) void vscode.window.showInformationMessage('Redline: no changeset has an accepted hunk to rewind.');
      return items[0]?.id;
    }
    return (await vscode.window.showQuickPick(items, { title: 'Rewind the accepted hunks of which changeset?', matchOnDescription: true }))?.id;
  }
}

function changesetIdOf(arg: unknown): string | undefined {
  if (typeof arg === 'string') return arg;
  if (typeof arg === 'object' && arg !== null && 'changesetId' in arg && typeof arg.changesetId === 'string') return arg.changesetId;
  return undefined;
}
