/**
 * The Review panel webview (issue 6). Renders the changeset the host sends, pages hunk by hunk from
 * the keyboard, and posts decisions back as messages of src/shared/reviewProtocol.ts.
 */
import type { FromReviewWebview, ToReviewWebview } from '../../src/shared/reviewProtocol';
import { vscodeApi } from '../vscodeApi';
import { isReviewState, isToReviewWebview } from './inbound';
import { wireInput } from './input';
import { ReviewView, type SavedView } from './panel';
import './review.css';

const root = document.getElementById('root') as HTMLElement;
const panel = new ReviewView(root, vscodeApi<FromReviewWebview, SavedView>());
wireInput(panel);

/**
 * Messages apply in the order they came. A large state comes in parts (`moreHunks`): each part
 * waits until the frame before it was painted, so the first hunks show before the rest is built,
 * and the messages after a part wait for it. A hidden panel paints no frames: a timer stands in.
 */
const inbox: ToReviewWebview[] = [];
/** The part in front of the inbox has waited for its frame. */
let afterFrame = false;
function drain(): void {
  for (let message = inbox[0]; message !== undefined; message = inbox[0]) {
    if (message.type === 'moreHunks' && !afterFrame) {
      afterFrame = true;
      let done = false;
      const go = (): void => {
        if (done) return;
        done = true;
        setTimeout(drain, 0);
      };
      requestAnimationFrame(go);
      setTimeout(go, 50);
      return;
    }
    afterFrame = false;
    inbox.shift();
    apply(message);
  }
}

function apply(message: ToReviewWebview): void {
  // Marks let the benchmark split first paint into message transfer, render and frame.
  if (message.type === 'state') performance.mark('redline:review:state');
  panel.receive(message);
  if (message.type === 'state') performance.mark('redline:review:rendered');
}

window.addEventListener('message', (event: MessageEvent<unknown>) => {
  const message = event.data;
  if (!isToReviewWebview(message)) {
    // Dropped, not half-applied: the panel stays as it was (DESIGN.md: webviews are untrusted).
    console.warn('redline review: ignored a message that does not match the protocol');
    return;
  }
  inbox.push(message);
  if (inbox.length === 1) drain();
});

// The host may embed the first state in the shell (html.ts: escaped `data-state`) so the panel
// paints before the ready handshake completes.
const initial = root.dataset.state;
if (initial) {
  const parsed: unknown = JSON.parse(initial);
  if (isReviewState(parsed)) panel.receive({ type: 'state', state: parsed });
}
panel.api.postMessage({ type: 'ready' });
