/**
 * The Review panel webview (issue 6). Renders the changeset the host sends, pages hunk by hunk from
 * the keyboard, and posts decisions back as messages of src/shared/reviewProtocol.ts.
 */
import type { FromReviewWebview } from '../../src/shared/reviewProtocol';
import { vscodeApi } from '../vscodeApi';
import { isReviewState, isToReviewWebview } from './inbound';
import { wireInput } from './input';
import { ReviewView, type SavedView } from './panel';
import './review.css';

const root = document.getElementById('root') as HTMLElement;
const panel = new ReviewView(root, vscodeApi<FromReviewWebview, SavedView>());
wireInput(panel);

window.addEventListener('message', (event: MessageEvent<unknown>) => {
  const message = event.data;
  if (!isToReviewWebview(message)) {
    // Dropped, not half-applied: the panel stays as it was (DESIGN.md: webviews are untrusted).
    console.warn('redline review: ignored a message that does not match the protocol');
    return;
  }
  // Marks let the benchmark split first paint into message transfer, render and frame.
  if (message.type === 'state') performance.mark('redline:review:state');
  panel.receive(message);
  if (message.type === 'state') performance.mark('redline:review:rendered');
});

// The host may embed the first state in the shell (html.ts: escaped `data-state`) so the panel
// paints before the ready handshake completes.
const initial = root.dataset.state;
if (initial) {
  const parsed: unknown = JSON.parse(initial);
  if (isReviewState(parsed)) panel.receive({ type: 'state', state: parsed });
}
panel.api.postMessage({ type: 'ready' });
