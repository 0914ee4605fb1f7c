/**
 * The Plan webview (issue 5). The host sends the plan list and the open plan; this renders them and
 * posts actions by id. What is on screen (and an edit in progress) is kept with `setState`, so the
 * view paints at once when it is shown again or the window reloads, before the host answers.
 */
import type { FromPlanWebview, LogEntry, PlanDocView, PlanViewState, ToPlanWebview } from '../../src/shared/planProtocol';
import { h, vscodeApi } from '../vscodeApi';
import { DocView, type EditDraft } from './docView';
import { currentFolds, type Folds, initFolds } from './fold';
import { renderList } from './listView';
import './plan.css';
import { isToPlanWebview } from './inbound';
import { receiveWhole } from './logWhole';

interface Saved {
  readonly state?: PlanViewState;
  readonly doc?: PlanDocView | null;
  readonly draft?: EditDraft;
  readonly folds?: Folds;
}

/** A plan larger than this is not kept in the webview state (the host sends it again). */
const MAX_SAVED_TEXT = 512 * 1024;

const api = vscodeApi<FromPlanWebview, Saved>();
const root = document.getElementById('root') as HTMLElement;
const post = (m: FromPlanWebview) => api.postMessage(m);

let state: PlanViewState | undefined;
let doc: PlanDocView | null = null;
let draft: EditDraft | undefined;
let docView: DocView | undefined;
let listKey = '';
/** The plan the doc view shows, to focus it in the list after going back. */
let shownPlan: string | undefined;
/**
 * The open plan's run log as the host sent it. Kept here, not only in the view: a log can arrive
 * before the state that opens the plan, and a view made later starts from the whole of it.
 */
let log: { runId: string; entries: LogEntry[] } | undefined;

function persist(): void {
  const keepDoc = doc && doc.text.length <= MAX_SAVED_TEXT ? doc : null;
  const keepDraft = draft && draft.text.length <= MAX_SAVED_TEXT ? draft : undefined;
  api.setState({ ...(state ? { state } : {}), doc: keepDoc, ...(keepDraft ? { draft: keepDraft } : {}), folds: currentFolds() });
}

function setDraft(next: EditDraft | undefined): void {
  const toggled = (next === undefined) !== (draft === undefined);
  draft = next;
  persist();
  if (toggled) render();
}

function render(): void {
  if (!state) return;
  if (!state.workspaceOpen) {
    root.replaceChildren(h('p', { className: 'empty', text: 'Open a folder to write plans: a plan is a Markdown file in the workspace.' }));
    docView = undefined;
    listKey = '';
    return;
  }
  const open = doc && state.openId === doc.id ? doc : undefined;
  // Switching between the list and a plan replaces what had the focus: a keyboard user lands on
  // the plan's first control, and back in the list on the plan they left.
  const hadFocus = document.hasFocus() && (document.activeElement === document.body || root.contains(document.activeElement));
  if (open) {
    const fresh = !docView;
    if (!docView) {
      docView = new DocView(post, setDraft);
      root.replaceChildren(docView.element);
      listKey = '';
      if (log) docView.appendLog(log.runId, 0, log.entries);
    }
    docView.update(state, open, draft);
    shownPlan = open.id;
    if (fresh && hadFocus) docView.focusStart();
    return;
  }
  const left = docView ? shownPlan : undefined;
  docView = undefined;
  // The list is rebuilt only when it changed, so a run's updates do not steal focus or typing.
  const key = JSON.stringify([state.plans, state.filter, state.trusted, state.agentAvailable]);
  if (key === listKey) return;
  listKey = key;
  const focused =
    left !== undefined && hadFocus
      ? `button.plan[data-id="${CSS.escape(left)}"]`
      : document.activeElement instanceof HTMLElement
        ? focusKey(document.activeElement)
        : undefined;
  root.replaceChildren(renderList(state, post));
  if (focused) root.querySelector<HTMLElement>(focused)?.focus();
}

function focusKey(el: HTMLElement): string | undefined {
  if (el.dataset.id) return `button.plan[data-id="${CSS.escape(el.dataset.id)}"]`;
  if (el.id) return `#${CSS.escape(el.id)}`;
  return undefined;
}

function receive(message: ToPlanWebview): void {
  switch (message.type) {
    case 'state':
      state = message.state;
      break;
    case 'doc':
      doc = message.doc;
      if (draft && doc?.id !== draft.id) draft = undefined;
      break;
    case 'log':
      appendLog(message.runId, message.from, message.entries);
      return;
    case 'saved':
      docView?.saved(message.ok, message.message);
      return;
    case 'logFull':
      receiveWhole(message.runId, message.clipId, message.text);
      return;
    default: {
      const never: never = message;
      void never;
      return;
    }
  }
  persist();
  render();
}

function appendLog(runId: string, from: number, entries: readonly LogEntry[]): void {
  if (log?.runId !== runId) log = { runId, entries: [] };
  const start = Math.min(from, log.entries.length);
  log.entries.splice(start, log.entries.length - start, ...entries);
  docView?.appendLog(runId, from, entries);
}

window.addEventListener('message', (event: MessageEvent<unknown>) => {
  if (isToPlanWebview(event.data)) receive(event.data);
});

const saved = api.getState();
initFolds(saved?.folds, persist);
if (saved?.state) {
  state = saved.state;
  doc = saved.doc ?? null;
  draft = saved.draft;
  render();
}
post({ type: 'ready' });
