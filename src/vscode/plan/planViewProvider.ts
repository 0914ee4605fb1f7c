import * as vscode from 'vscode';
import { isFromPlanWebview, type FromPlanWebview, type PlanFilter, type PlanViewState, type ToPlanWebview } from '../../shared/planProtocol';
import { DisposableBase, DisposableStore } from '../../core/dispose';
import type { Logger } from '../log';
import { WebviewChannel } from '../webview/channel';
import { webviewHtml, webviewOptions } from '../webview/html';
import type { OpenPlan } from './openPlan';
import type { PlanActions } from './planActions';
import type { PlanComments } from './planComments';
import type { PlanLinks } from './planLinks';
import type { PlanRuns } from './planRuns';
import type { PlanStore } from './planStore';
import { steer } from './planSteering';

const VIEW_KEY = 'redline.plan.view';

interface SavedView {
  readonly openId?: string;
  readonly filter?: PlanFilter;
}

export interface PlanViewDeps {
  readonly extensionUri: vscode.Uri;
  readonly memento: vscode.Memento;
  readonly plans: PlanStore;
  readonly open: OpenPlan;
  readonly runs: PlanRuns;
  readonly comments: PlanComments;
  readonly actions: PlanActions;
  readonly links: PlanLinks;
  readonly log: Logger;
}

/** One webview showing the plan UI: the side bar's view or the editor tab. */
interface PlanClient {
  readonly channel: WebviewChannel<FromPlanWebview, ToPlanWebview>;
  /** The run whose whole log this webview holds; deltas follow only after it. */
  sentLog?: string;
}

/**
 * The Plan webview view in Redline's activity-bar container, and the host of every other webview
 * that shows the same UI (the plan in an editor tab). It routes messages to the store, the open
 * plan, the actions and the run tracker, and sends their state back to every webview at once, so
 * a decision taken in one shows in the others; no domain rules here. What the views show (open
 * plan, filter) is kept in workspace state, so it survives a view being hidden, a window reload
 * and a restart.
 */
export class PlanViewProvider extends DisposableBase implements vscode.WebviewViewProvider {
  static readonly viewId = 'redline.plan';
  private readonly clients = new Set<PlanClient>();
  /** The side bar view's webview and dispose listener: let go when the view goes or is resolved again. */
  private readonly resolved = this._register(new DisposableStore());
  private posting: Promise<void> | undefined;
  private postAgain = false;

  constructor(private readonly deps: PlanViewDeps) {
    super();
    const { plans, open, runs } = deps;
    this._register(plans.onDidChange(() => void this.postState()));
    this._register(
      open.onDidChange(() => {
        this.postDoc();
        void this.postState();
      }),
    );
    this._register(runs.onDidChange(() => void this.postState()));
    this._register(runs.onDidLog((runId) => this.postLog(runId)));
    this._register(vscode.workspace.onDidGrantWorkspaceTrust(() => void this.postState()));
  }

  resolveWebviewView(view: vscode.WebviewView): void {
    this.resolved.clear();
    this.resolved.add(this.attach(view.webview, 'Plan'));
    this.resolved.add(view.onDidDispose(() => this.resolved.clear()));
  }

  /**
   * Shows the plan UI in `webview` (the side bar's view, an editor tab) and keeps it in step with
   * the others until the returned disposable is disposed. `title` is the document's title.
   */
  attach(webview: vscode.Webview, title: string): vscode.Disposable {
    webview.options = webviewOptions(this.deps.extensionUri);
    const store = new DisposableStore();
    const client: PlanClient = {
      channel: store.add(
        new WebviewChannel<FromPlanWebview, ToPlanWebview>(webview, isFromPlanWebview, (m) => void this.route(m, client), this.deps.log, 'plan'),
      ),
    };
    this.clients.add(client);
    store.add({ dispose: () => this.clients.delete(client) });
    webview.html = webviewHtml({ webview, extensionUri: this.deps.extensionUri, bundle: 'plan', title, initialState: null });
    return store;
  }

  private async route(message: FromPlanWebview, from: PlanClient): Promise<void> {
    const { actions, comments, open, runs, links } = this.deps;
    switch (message.type) {
      case 'ready':
        await this.restore();
        // The webview (re)loaded its document: it holds no log until it is sent the whole of it.
        delete from.sentLog;
        this.postDoc();
        await this.postState();
        return;
      case 'newPlan': {
        const uri = await vscode.commands.executeCommand<vscode.Uri | undefined>('redline.newPlan', { openEditor: false });
        const id = uri && this.deps.plans.idOf(uri);
        if (id) await this.openPlan(id);
        return;
      }
      case 'openPlan':
        await this.openPlan(message.id);
        return;
      case 'closePlan':
        open.close();
        await this.save({ openId: undefined });
        return;
      case 'renamePlan': {
        const renamed = await vscode.commands.executeCommand<string | undefined>('redline.renamePlan', message.id);
        if (renamed && renamed !== message.id) {
          await comments.rename(message.id, renamed);
          await runs.forget(message.id, renamed);
          if (open.current?.id === message.id) await this.openPlan(renamed);
        }
        await this.postState();
        return;
      }
      case 'deletePlan': {
        const deleted = await vscode.commands.executeCommand<boolean>('redline.deletePlan', message.id);
        if (deleted) {
          await comments.clear(message.id);
          if (open.current?.id === message.id) {
            open.close();
            await this.save({ openId: undefined });
          }
        }
        await this.postState();
        return;
      }
      case 'openInEditor': {
        const uri = this.deps.plans.uriOf(message.id);
        if (uri) await vscode.window.showTextDocument(uri, { preview: false });
        return;
      }
      case 'setFilter':
        await this.save({ filter: message.filter });
        await this.postState();
        return;
      case 'saveText': {
        const saved = await actions.saveText(message.id, message.version, message.text);
        // Only the webview that saved leaves its edit mode; the others see the new text.
        from.channel.post({ type: 'saved', id: message.id, ok: saved.ok, ...(saved.ok ? {} : { message: saved.message }) });
        return;
      }
      case 'addComment':
        await comments.add(message.id, {
          line: message.line,
          text: message.text.trim(),
          ...(message.section === undefined ? {} : { section: message.section }),
        });
        await this.postState();
        return;
      case 'removeComment':
        await comments.remove(message.id, message.commentId);
        await this.postState();
        return;
      case 'sendComments':
        await actions.sendComments(message.id);
        await this.postState();
        return;
      case 'draft': {
        const id = await actions.draft(message.intent, message.id);
        if (id && open.current?.id !== id) await this.openPlan(id);
        await this.postState();
        return;
      }
      case 'approve':
        await actions.approve(message.id, message.build);
        await this.postState();
        return;
      case 'stopRun':
        await actions.stop(message.runId);
        return;
      case 'openSourceControl':
        await vscode.commands.executeCommand('workbench.view.scm');
        return;
      case 'continueRun':
        // The command says what went wrong (a run with no transcript, Restricted Mode, no key).
        await vscode.commands.executeCommand('redline.continueRun', message.runId, message.message);
        return;
      case 'queueMessage':
      case 'editQueued':
      case 'withdrawQueued':
        await steer(runs.service(), message);
        return;
      case 'openReview':
        await this.openReview(message.runId);
        return;
      case 'selectModel':
        await vscode.commands.executeCommand('redline.selectModel', message.mode);
        return;
      case 'decideDraft':
        await actions.decideDraft(message.runId, message.decision);
        await this.postState();
        return;
      case 'openLink': {
        const current = open.current;
        const target = current?.id === message.id ? current.links[message.link] : undefined;
        if (current && target !== undefined) await links.openLink(target, current.uri);
        return;
      }
      case 'openLogPath': {
        const path = runs.log(message.runId).pathOf(message.pathId);
        if (path !== undefined) await links.openPath(path);
        return;
      }
      case 'logFull': {
        // Only a run the run service knows: an id from the webview does not make a log.
        if (runs.service()?.get(message.runId) === undefined) return;
        const text = runs.log(message.runId).whole(message.clipId);
        from.channel.post({ type: 'logFull', runId: message.runId, clipId: message.clipId, ...(text === undefined ? {} : { text }) });
        return;
      }
      default: {
        const never: never = message;
        this.deps.log.warn(`plan webview: unhandled message ${JSON.stringify(never)}`);
      }
    }
  }

  private async openPlan(id: string): Promise<void> {
    if (await this.deps.open.open(id)) await this.save({ openId: id });
    else await this.postState();
  }

  /** After a reload or restart: the plan that was open is opened again. */
  private async restore(): Promise<void> {
    const openId = this.saved().openId;
    if (openId !== undefined && this.deps.open.current?.id !== openId && !(await this.deps.open.open(openId))) {
      await this.save({ openId: undefined });
    }
  }

  private async openReview(runId: string): Promise<void> {
    const changesetId = this.deps.runs.service()?.get(runId)?.changesetId;
    const known = await vscode.commands.getCommands(true);
    if (!known.includes('redline.openReview')) {
      void vscode.window.showInformationMessage('Redline: the review panel is not available in this window.');
      return;
    }
    await vscode.commands.executeCommand('redline.openReview', changesetId);
  }

  private saved(): SavedView {
    return this.deps.memento.get<SavedView>(VIEW_KEY, {});
  }

  private async save(change: Partial<SavedView>): Promise<void> {
    await this.deps.memento.update(VIEW_KEY, { ...this.saved(), ...change });
    await this.postState();
  }

  /**
   * Posts the state, one post at a time: calls made meanwhile are folded into one more post after
   * it. Two overlapping posts could land in the wrong order and leave the view showing an older
   * state (a run still "running" after it finished).
   */
  private postState(): Promise<void> {
    if (this.posting) {
      this.postAgain = true;
      return this.posting;
    }
    this.posting = (async () => {
      do {
        this.postAgain = false;
        await this.postStateNow();
      } while (this.postAgain);
    })().finally(() => {
      this.posting = undefined;
    });
    return this.posting;
  }

  private async postStateNow(): Promise<void> {
    if (this.clients.size === 0) return;
    const { plans, open, runs, comments } = this.deps;
    const list = await plans.list();
    // The views went meanwhile: their posts would be dropped, and the run logs need not be built for them.
    if (this.isDisposed || this.clients.size === 0) return;
    // Read after the list: the run may have moved on while the plan files were read.
    const openId = open.current?.id;
    const runId = openId === undefined ? undefined : runs.latestOf(openId);
    const run = runId === undefined ? undefined : runs.view(runId);
    const state: PlanViewState = {
      workspaceOpen: (vscode.workspace.workspaceFolders?.length ?? 0) > 0,
      trusted: vscode.workspace.isTrusted,
      agentAvailable: runs.available,
      plans: list,
      filter: this.saved().filter ?? 'all',
      ...(openId === undefined ? {} : { openId }),
      comments: openId === undefined ? [] : comments.of(openId),
      ...(run === undefined ? {} : { run }),
    };
    for (const client of this.clients) client.channel.post({ type: 'state', state });
    if (run && [...this.clients].some((c) => c.sentLog !== run.id)) this.postLog(run.id);
  }

  private postDoc(): void {
    for (const client of this.clients) client.channel.post({ type: 'doc', doc: this.deps.open.current?.view ?? null });
  }

  /**
   * Sends the log of the open plan's run to each webview: the whole of it the first time, then
   * what changed. The log says what changed once for all of them, so a webview that needs the
   * whole log does not take the others' change away.
   */
  private postLog(runId: string): void {
    const openId = this.deps.open.current?.id;
    if (this.clients.size === 0 || openId === undefined || this.deps.runs.latestOf(openId) !== runId) return;
    const log = this.deps.runs.log(runId);
    const flushed = log.flush();
    const entries = log.all();
    for (const client of this.clients) {
      if (client.sentLog !== runId) {
        client.channel.post({ type: 'log', runId, from: 0, entries: [...entries] });
        client.sentLog = runId;
      } else if (flushed) {
        client.channel.post({ type: 'log', runId, from: flushed.from, entries: [...flushed.entries] });
      }
    }
  }
}
