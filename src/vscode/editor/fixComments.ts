import * as vscode from 'vscode';
import { locateHunk } from '../../core/changeset/locate';
import type { Result } from '../../core/result';
import type { Command } from '../commands/command';
import { DisposableBase, toDisposable } from '../../core/dispose';
import { openDocument, type DocumentHunks } from './documentHunks';
import type { HunkTarget } from './hunkCommands';
import { failureNotice } from '../../core/trust';
import { markdown } from '../untrustedText';

/** The controller id: `commentController == redline.fix` in package.json's comment menus. */
export const FIX_CONTROLLER = 'redline.fix';

interface ThreadInfo {
  readonly target: HunkTarget;
  running: boolean;
}

const REDLINE = { name: 'Redline' };
/** Longer than the extension host's batching of comment thread updates (100 ms). */
const THREAD_UPDATE_DELAY_MS = 150;
const YOU = { name: 'You' };

/**
 * *Ask fix* from the editor: a comment thread at the hunk (Comments API). The comment submitted
 * in it goes to the agent as a fix request; the thread says the fix is running (the user can keep
 * working) and then what came of it. A thread follows its hunk as lines move and closes when the
 * hunk is decided.
 */
export class FixComments extends DisposableBase {
  private readonly controller = this._register(vscode.comments.createCommentController(FIX_CONTROLLER, 'Redline: fix requests'));
  private readonly threads = new Map<vscode.CommentThread, ThreadInfo>();

  constructor(private readonly deps: { hunks: DocumentHunks; requestFix: (changesetId: string, hunkId: string, comment: string) => Promise<Result<void>> }) {
    super();
    this._register(
      toDisposable(() => {
        for (const thread of this.threads.keys()) thread.dispose();
        this.threads.clear();
      }),
    );
    this._register(deps.hunks.onDidChange(() => this.follow()));
  }

  /** Opens (or reveals) the thread of a hunk, in its document. */
  async open(target: HunkTarget): Promise<vscode.CommentThread | undefined> {
    const uri = this.uriOf(target);
    const doc = uri && (await vscode.workspace.openTextDocument(uri));
    const range = doc && this.rangeIn(doc, target);
    if (!doc || !range) {
      void vscode.window.showInformationMessage('Redline: that hunk is no longer in the file.');
      return undefined;
    }
    // The cursor goes to the thread's last line: the workbench shows the thread, and looks for it, there.
    await vscode.window.showTextDocument(doc, { preview: false, selection: new vscode.Range(range.end, range.end) });
    if (this.isDisposed) return undefined; // The controller is gone: a thread made now would never close.
    const thread = this.threadOf(target) ?? this.createThread(doc, range, target);
    thread.collapsibleState = vscode.CommentThreadCollapsibleState.Expanded;
    // The next keystrokes are the request: left in the editor they would be typed into the source
    // file. The extension host sends a thread's new state to the workbench in batches, 100 ms after
    // it changes; the focus command finds the thread only once the workbench shows it.
    await new Promise((resolve) => setTimeout(resolve, THREAD_UPDATE_DELAY_MS));
    if (this.isDisposed) return undefined;
    await vscode.commands.executeCommand('workbench.action.focusCommentOnCurrentLine');
    // That focuses the thread; the next widget in it is the reply box.
    await vscode.commands.executeCommand('widgetNavigation.focusNext');
    return thread;
  }

  private threadOf(target: HunkTarget): vscode.CommentThread | undefined {
    for (const [thread, info] of this.threads) {
      if (info.target.changesetId === target.changesetId && info.target.hunkId === target.hunkId) return thread;
    }
    return undefined;
  }

  private createThread(doc: vscode.TextDocument, range: vscode.Range, target: HunkTarget): vscode.CommentThread {
    const thread = this.controller.createCommentThread(doc.uri, range, []);
    thread.label = 'Ask Redline to fix this hunk';
    thread.contextValue = 'idle';
    thread.canReply = true;
    this.threads.set(thread, { target, running: false });
    return thread;
  }

  /** The reply box's submit action (a `comments/commentThread/context` menu command). */
  async submit(reply: unknown): Promise<boolean> {
    if (typeof reply !== 'object' || reply === null || !('thread' in reply) || !('text' in reply) || typeof reply.text !== 'string') return false;
    const thread = reply.thread as vscode.CommentThread;
    const info = this.threads.get(thread);
    const text = reply.text.trim();
    if (!info) return false;
    if (text.length === 0) {
      void vscode.window.showInformationMessage('Redline: write what the agent should change in this hunk first.');
      return false;
    }
    if (info.running) {
      void vscode.window.showInformationMessage('Redline: a fix for this hunk is already running.');
      return false;
    }
    const status: vscode.Comment = {
      body: markdown(['$(loading~spin) Fix running… Keep working; the hunk gets the new revision when it arrives.'], { icons: true }),
      mode: vscode.CommentMode.Preview,
      author: REDLINE,
      label: 'running',
    };
    thread.comments = [...thread.comments, { body: text, mode: vscode.CommentMode.Preview, author: YOU }, status];
    this.setRunning(thread, info, true);
    // Restricted Mode is the run service's to refuse; its message is shown like any failure.
    const result = await this.deps.requestFix(info.target.changesetId, info.target.hunkId, text);
    if (!this.threads.has(thread)) return result.ok;
    // A fix that made no edit (or failed) answers with the model's own words: escaped, never rendered.
    const answer = result.ok
      ? markdown([`Revision ${this.revisionOf(info.target) ?? '?'} is in. Accept or reject it with the lens above the hunk.`])
      : markdown([{ text: failureNotice(result, 'The fix did not arrive') }]);
    thread.comments = [
      ...thread.comments.filter((c) => c !== status),
      { body: answer, mode: vscode.CommentMode.Preview, author: REDLINE, label: result.ok ? 'fixed' : 'failed' },
    ];
    this.setRunning(thread, info, false);
    thread.label = result.ok ? 'Fix arrived' : 'Fix failed';
    this.follow();
    return result.ok;
  }

  close(thread: unknown): void {
    const found = [...this.threads.keys()].find((t) => t === thread);
    if (!found) return;
    this.threads.delete(found);
    found.dispose();
  }

  private setRunning(thread: vscode.CommentThread, info: ThreadInfo, running: boolean): void {
    info.running = running;
    thread.canReply = !running;
    thread.contextValue = running ? 'running' : 'idle';
    if (running) thread.label = 'Fix running…';
  }

  private revisionOf(target: HunkTarget): number | undefined {
    const cs = this.deps.hunks.session.get(target.changesetId)?.changeset;
    const found = cs ? locateHunk(cs, target.hunkId) : undefined;
    return found?.ok ? found.value.hunk.revision : undefined;
  }

  private uriOf(target: HunkTarget): vscode.Uri | undefined {
    const cs = this.deps.hunks.session.get(target.changesetId)?.changeset;
    const found = cs ? locateHunk(cs, target.hunkId) : undefined;
    return found?.ok ? this.deps.hunks.uriOf(target.changesetId, found.value.file.path) : undefined;
  }

  /** The hunk's lines in the document now. */
  private rangeIn(doc: vscode.TextDocument, target: HunkTarget): vscode.Range | undefined {
    const hunk = this.deps.hunks.hunks(doc).find((h) => h.changesetId === target.changesetId && h.id === target.hunkId);
    return hunk ? new vscode.Range(hunk.first, 0, hunk.last, 0) : undefined;
  }

  /** Threads follow their hunk's lines; a decided or vanished hunk's thread closes (unless a fix runs). */
  private follow(): void {
    for (const [thread, info] of this.threads) {
      const cs = this.deps.hunks.session.get(info.target.changesetId)?.changeset;
      const found = cs ? locateHunk(cs, info.target.hunkId) : undefined;
      const open = found?.ok && (found.value.hunk.state === 'pending' || found.value.hunk.state === 'stale');
      if (!open && !info.running) {
        this.close(thread);
        continue;
      }
      const doc = openDocument(thread.uri);
      const range = doc && this.rangeIn(doc, info.target);
      if (range && !range.isEqual(thread.range)) thread.range = range;
    }
  }
}

export class SubmitFixCommand implements Command {
  readonly id = 'redline.submitFix';
  constructor(private readonly comments: FixComments) {}
  execute(reply?: unknown): Promise<boolean> {
    return this.comments.submit(reply);
  }
}

export class CloseFixThreadCommand implements Command {
  readonly id = 'redline.closeFixThread';
  constructor(private readonly comments: FixComments) {}
  execute(thread?: unknown): void {
    this.comments.close(thread);
  }
}
