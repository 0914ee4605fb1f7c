import * as vscode from 'vscode';
import { isFromPlanWebview, type FromPlanWebview, type PlanViewState, type ToPlanWebview } from '../../shared/planProtocol';
import type { Logger } from '../log';
import { WebviewChannel } from '../webview/channel';
import { webviewHtml, webviewOptions } from '../webview/html';
import type { PlanStore } from './planStore';

/** The Plan webview view in Redline's activity-bar container. It routes messages; no domain rules. */
export class PlanViewProvider implements vscode.WebviewViewProvider, vscode.Disposable {
  static readonly viewId = 'redline.plan';
  private channel: WebviewChannel<FromPlanWebview, ToPlanWebview> | undefined;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly plans: PlanStore,
    private readonly log: Logger,
  ) {
    this.disposables.push(plans.onDidChange(() => void this.refresh()));
  }

  resolveWebviewView(view: vscode.WebviewView): void {
    view.webview.options = webviewOptions(this.extensionUri);
    this.channel?.dispose();
    const channel = new WebviewChannel<FromPlanWebview, ToPlanWebview>(view.webview, isFromPlanWebview, (m) => void this.onMessage(m), this.log, 'plan');
    this.channel = channel;
    view.onDidDispose(() => {
      channel.dispose();
      if (this.channel === channel) this.channel = undefined;
    });
    view.webview.html = webviewHtml({ webview: view.webview, extensionUri: this.extensionUri, bundle: 'plan', title: 'Plan', initialState: null });
  }

  private async onMessage(message: FromPlanWebview): Promise<void> {
    switch (message.type) {
      case 'ready':
        await this.refresh();
        return;
      case 'newPlan':
        await vscode.commands.executeCommand('redline.newPlan');
        return;
      case 'openPlan': {
        const uri = this.plans.uriOf(message.id);
        if (uri) await vscode.window.showTextDocument(uri, { preview: false });
        return;
      }
      default: {
        const never: never = message;
        this.log.warn(`plan webview: unhandled message ${JSON.stringify(never)}`);
      }
    }
  }

  private async refresh(): Promise<void> {
    if (!this.channel) return;
    const state: PlanViewState = {
      workspaceOpen: (vscode.workspace.workspaceFolders?.length ?? 0) > 0,
      plans: await this.plans.list(),
      trusted: vscode.workspace.isTrusted,
    };
    this.channel.post({ type: 'state', state });
  }

  dispose(): void {
    this.channel?.dispose();
    for (const d of this.disposables) d.dispose();
  }
}
