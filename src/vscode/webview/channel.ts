import type * as vscode from 'vscode';
import type { Guard } from '../../shared/messageGuard';
import { DisposableBase, toDisposable } from '../../core/dispose';
import type { Logger } from '../log';

/**
 * A typed, validated channel to one webview. Posts made before the webview says `ready` are
 * queued (the PR extension's `_waitForReady`), so early messages are not lost; inbound messages
 * that fail the guard are dropped and logged, never acted on. Its owner disposes it with the
 * webview; a disposed channel drops posts, so a handler that resumes after an `await` to find its
 * panel closed posts into nothing instead of a disposed webview (one guard, not one at each await).
 */
export class WebviewChannel<In extends { readonly type: string }, Out> extends DisposableBase {
  private ready = false;
  private queue: Out[] = [];

  constructor(
    private readonly webview: vscode.Webview,
    guard: Guard<In>,
    onMessage: (message: In) => void,
    log: Logger,
    name: string,
  ) {
    super();
    this._register(
      toDisposable(() => {
        this.queue = [];
      }),
    );
    this._register(
      webview.onDidReceiveMessage((raw: unknown) => {
        if (!guard(raw)) {
          log.warn(`${name} webview: dropped a message that does not validate`);
          return;
        }
        if (raw.type === 'ready') {
          this.ready = true;
          const pending = this.queue;
          this.queue = [];
          for (const m of pending) void this.webview.postMessage(m);
        }
        onMessage(raw);
      }),
    );
  }

  post(message: Out): void {
    if (this.isDisposed) return;
    if (!this.ready) {
      this.queue.push(message);
      return;
    }
    void this.webview.postMessage(message);
  }

  /** The webview reloaded its document (e.g. it was hidden without retainContextWhenHidden). */
  reset(): void {
    this.ready = false;
  }
}
