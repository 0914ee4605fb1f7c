import * as vscode from 'vscode';
import type { ReviewSession } from '../../core/review/reviewSession';
import { DisposableBase, DisposableStore, toDisposable } from '../../core/dispose';
import { ReviewPanel, REVIEW_VIEW_TYPE, type ReviewPanelDeps } from './reviewPanel';

/** One Review panel per changeset: opening a changeset twice reveals its panel. */
export class ReviewPanels extends DisposableBase {
  private readonly panels = new Map<string, ReviewPanel>();
  /** Each open panel's onDidDispose listener, let go with its panel. */
  private readonly closeListeners = this._register(new DisposableStore());

  constructor(private readonly deps: ReviewPanelDeps) {
    super();
    this._register(
      toDisposable(() => {
        for (const p of this.panels.values()) p.dispose();
        this.panels.clear();
      }),
    );
  }

  /** `focus`: a hunk to put in focus (the editor's *Review* lens). */
  async open(changesetId: string, focus?: string): Promise<ReviewPanel | undefined> {
    const entry = this.deps.session.get(changesetId);
    const title = entry && `Review: ${entry.changeset.title}`;
    const column = this.panels.has(changesetId) || title === undefined ? undefined : await this.closeRestoredTab(title);
    // Looked up after the await: a restored panel may have been adopted meanwhile.
    const existing = this.panels.get(changesetId);
    if (existing) {
      existing.reveal();
      if (focus) existing.focus(focus);
      return existing;
    }
    if (!entry || title === undefined || this.isDisposed) return undefined;
    const panel = vscode.window.createWebviewPanel(REVIEW_VIEW_TYPE, title, column ?? vscode.ViewColumn.Active, {
      ...{ enableFindWidget: true },
      retainContextWhenHidden: false,
    });
    const adopted = this.adopt(changesetId, panel);
    if (focus) adopted.focus(focus);
    return adopted;
  }

  /**
   * After a reload, VS Code brings back a review tab that was not in front without handing it to
   * the extension until it is shown; opening that review now would put a second tab of it beside
   * the first. So the restored tab is closed and its column reused (the focused hunk and the
   * layout are kept in workspace state, not in the tab). Tabs are known by their title only: when
   * an open panel has that title too, which tab is whose cannot be told, and none is closed.
   */
  private async closeRestoredTab(title: string): Promise<vscode.ViewColumn | undefined> {
    if ([...this.panels.values()].some((p) => p.panel.title === title)) return undefined;
    const tabs = vscode.window.tabGroups.all.flatMap((g) => g.tabs).filter((t) => t.label === title && isReviewTab(t));
    if (tabs.length === 0) return undefined;
    const column = tabs[0]?.group.viewColumn;
    await vscode.window.tabGroups.close(tabs);
    return column;
  }

  /** Takes over a panel VS Code restored after a reload. */
  adopt(changesetId: string, webviewPanel: vscode.WebviewPanel): ReviewPanel {
    const panel = new ReviewPanel(changesetId, webviewPanel, this.deps);
    // A restore that resumed after the panels were disposed (the serializer awaits the session): closed at once.
    if (this.isDisposed) {
      panel.dispose();
      return panel;
    }
    this.panels.set(changesetId, panel);
    const closed = this.closeListeners.add(
      webviewPanel.onDidDispose(() => {
        if (this.panels.get(changesetId) === panel) this.panels.delete(changesetId);
        this.closeListeners.delete(closed);
      }),
    );
    return panel;
  }

  get(changesetId: string): ReviewPanel | undefined {
    return this.panels.get(changesetId);
  }

  /** The changeset of the Review panel in front (the active editor tab), if one is. */
  active(): string | undefined {
    for (const [id, p] of this.panels) if (p.panel.active) return id;
    return undefined;
  }

  /**
   * A run started, ended or moved on: the open reviews of its changesets show its summary and
   * claims, and every agent's review says anew when a rejection reaches the agent (another run on
   * the same plan may be the one that reads it).
   */
  runChanged(_runId: string): void {
    for (const [id, panel] of this.panels) {
      if (this.deps.session.get(id)?.runId !== undefined) panel.refreshHeader();
    }
  }
}

function isReviewTab(tab: vscode.Tab): boolean {
  // A webview panel's tab names its view type with a prefix of the workbench's own.
  return tab.input instanceof vscode.TabInputWebview && (tab.input.viewType === REVIEW_VIEW_TYPE || tab.input.viewType.endsWith(`-${REVIEW_VIEW_TYPE}`));
}

/** The changeset a palette command means: the argument, else the newest with pending hunks. */
export function pickChangeset(session: ReviewSession, arg: unknown): string | undefined {
  if (typeof arg === 'string' && session.get(arg)) return arg;
  const ids = session.ids();
  const pending = ids.filter((id) => session.get(id)?.changeset.files.some((f) => f.hunks.some((h) => h.state === 'pending' || h.state === 'stale')));
  return pending[pending.length - 1] ?? ids[ids.length - 1];
}
