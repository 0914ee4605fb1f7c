import type * as vscode from 'vscode';
import type { ReviewSession } from '../../core/review/reviewSession';
import type { Logger } from '../log';
import { focusKey } from './reviewPanel';
import type { ReviewPanels } from './reviewPanels';

/**
 * Brings a Review panel back after a window reload. VS Code hands over the panel with the state
 * its webview saved (`SavedView`: the changeset id and the focused hunk); once the stored
 * changesets are back in the session, the panel is adopted for its changeset, and the focus is
 * told to the host too, so the first state it posts already points at that hunk. The state is
 * untrusted input: a panel whose state names no restored changeset is closed.
 */
export class ReviewPanelSerializer implements vscode.WebviewPanelSerializer<unknown> {
  constructor(
    private readonly session: ReviewSession,
    private readonly panels: ReviewPanels,
    private readonly restored: Promise<void>,
    private readonly memento: vscode.Memento,
    private readonly log: Logger,
  ) {}

  async deserializeWebviewPanel(panel: vscode.WebviewPanel, state: unknown): Promise<void> {
    await this.restored;
    const saved = savedView(state);
    const entry = saved && this.session.get(saved.changesetId);
    if (saved === undefined || entry === undefined) {
      this.log.info(`review: a restored Review panel was closed: ${saved === undefined ? 'it saved no changeset' : `changeset ${saved.changesetId} is gone`}`);
      panel.dispose();
      return;
    }
    const existing = this.panels.get(saved.changesetId);
    if (existing !== undefined) {
      panel.dispose();
      existing.reveal();
      return;
    }
    if (saved.focus !== undefined && entry.changeset.files.some((f) => f.hunks.some((h) => h.id === saved.focus))) {
      await this.memento.update(focusKey(saved.changesetId), saved.focus);
    }
    this.panels.adopt(saved.changesetId, panel);
  }
}

function savedView(state: unknown): { changesetId: string; focus?: string } | undefined {
  if (typeof state !== 'object' || state === null) return undefined;
  const { changesetId, focus } = state as Record<string, unknown>;
  if (typeof changesetId !== 'string' || changesetId === '' || changesetId.length > 200) return undefined;
  return typeof focus === 'string' && focus.length <= 200 ? { changesetId, focus } : { changesetId };
}
