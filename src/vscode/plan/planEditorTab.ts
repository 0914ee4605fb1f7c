import * as vscode from 'vscode';
import { DisposableBase, DisposableStore } from '../../core/dispose';
import type { Command } from '../commands/command';
import type { Logger } from '../log';
import type { OpenPlan } from './openPlan';

export const PLAN_EDITOR_VIEW_TYPE = 'redline.planEditor';

/** What shows the plan UI in a webview and keeps it in step with the side bar (the Plan view's provider). */
export interface PlanHost {
  attach(webview: vscode.Webview, title: string): vscode.Disposable;
}

/**
 * The plan and its run in an editor tab, with the room an editor has. It is the side bar's view
 * again, not a second model: the same webview bundle, attached to the same host, so both show the
 * same open plan and run and a decision taken in one shows in the other. One tab at most; opening
 * it again reveals it, and a tab restored after a reload is adopted (a second one is closed), so a
 * reload never doubles it.
 */
export class PlanEditorTab extends DisposableBase implements vscode.WebviewPanelSerializer {
  private panel: vscode.WebviewPanel | undefined;
  /** The tab's webview attachment and its dispose listener: let go when the tab closes. */
  private readonly attached = this._register(new DisposableStore());

  constructor(
    private readonly host: PlanHost,
    private readonly open: OpenPlan,
    private readonly extensionUri: vscode.Uri,
    private readonly log: Logger,
  ) {
    super();
    this._register(open.onDidChange(() => this.retitle()));
    this._register({ dispose: () => this.panel?.dispose() });
  }

  show(): void {
    if (this.panel) {
      this.panel.reveal();
      return;
    }
    const panel = vscode.window.createWebviewPanel(PLAN_EDITOR_VIEW_TYPE, this.title(), vscode.ViewColumn.Active, {
      enableFindWidget: true,
      // The webview keeps what it shows with setState and the host sends the rest again on `ready`.
      retainContextWhenHidden: false,
    });
    this.adopt(panel);
  }

  deserializeWebviewPanel(panel: vscode.WebviewPanel): Thenable<void> {
    if (this.panel && this.panel !== panel) {
      this.log.info('plan: a second restored plan tab was closed');
      panel.dispose();
    } else this.adopt(panel);
    return Promise.resolve();
  }

  private adopt(panel: vscode.WebviewPanel): void {
    this.attached.clear();
    if (this.isDisposed) {
      panel.dispose();
      return;
    }
    this.panel = panel;
    panel.iconPath = vscode.Uri.joinPath(this.extensionUri, 'media', 'redline.svg');
    this.attached.add(this.host.attach(panel.webview, 'Plan in editor'));
    this.attached.add(
      panel.onDidDispose(() => {
        if (this.panel === panel) this.panel = undefined;
        this.attached.clear();
      }),
    );
    this.retitle();
  }

  private retitle(): void {
    if (this.panel) this.panel.title = this.title();
  }

  private title(): string {
    const current = this.open.current;
    return current ? `Plan: ${current.view.title}` : 'Redline Plans';
  }
}

export class OpenPlanInEditorCommand implements Command {
  readonly id = 'redline.openPlanInEditor';
  constructor(private readonly tab: PlanEditorTab) {}

  execute(): void {
    this.tab.show();
  }
}
