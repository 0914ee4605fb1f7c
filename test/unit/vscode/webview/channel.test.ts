import * as assert from 'node:assert/strict';
import type { Logger } from '../../../../src/vscode/log';
import { WebviewChannel } from '../../../../src/vscode/webview/channel';

/** The webview the channel takes, named without importing `vscode` (the unit tests run without it). */
type Webview = ConstructorParameters<typeof WebviewChannel>[0];
type In = { readonly type: 'ready' } | { readonly type: 'ping' };

/** The part of a webview the channel uses: its message event and postMessage. */
class FakeWebview {
  readonly posted: unknown[] = [];
  private listener: ((m: unknown) => void) | undefined;
  onDidReceiveMessage(listener: (m: unknown) => void): { dispose(): void } {
    this.listener = listener;
    return { dispose: () => void (this.listener = undefined) };
  }
  postMessage(message: unknown): Promise<boolean> {
    this.posted.push(message);
    return Promise.resolve(true);
  }
  send(message: unknown): void {
    this.listener?.(message);
  }
  get listening(): boolean {
    return this.listener !== undefined;
  }
}

const quiet: Logger = { info: () => undefined, warn: () => undefined, error: () => undefined, show: () => undefined };
const isIn = (m: unknown): m is In =>
  typeof m === 'object' && m !== null && ((m as { type?: unknown }).type === 'ready' || (m as { type?: unknown }).type === 'ping');

function channelOn(webview: FakeWebview, received: In[] = []): WebviewChannel<In, string> {
  return new WebviewChannel<In, string>(webview as unknown as Webview, isIn, (m) => void received.push(m), quiet, 'test');
}

describe('vscode/webview/channel', () => {
  it('queues posts until the webview is ready, then sends them in order', () => {
    const webview = new FakeWebview();
    const channel = channelOn(webview);
    channel.post('early');
    assert.deepEqual(webview.posted, [], 'nothing may reach a webview that has not said ready');
    webview.send({ type: 'ready' });
    channel.post('late');
    assert.deepEqual(webview.posted, ['early', 'late'], 'queued posts must go first, in order, on ready');
  });

  it('drops posts once disposed: a handler resuming after an await does not post to a closed webview', () => {
    const webview = new FakeWebview();
    const received: In[] = [];
    const channel = channelOn(webview, received);
    webview.send({ type: 'ready' });
    channel.dispose();
    channel.post('after an await');
    assert.deepEqual(webview.posted, [], 'a disposed channel must drop posts');
    assert.equal(webview.listening, false, 'a disposed channel must let go of the message subscription');
    webview.send({ type: 'ping' });
    assert.deepEqual(received, [{ type: 'ready' }], 'a disposed channel must not route messages');
  });
});
