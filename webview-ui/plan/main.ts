import type { FromPlanWebview, PlanViewState, ToPlanWebview } from '../../src/shared/planProtocol';
import { codicon, h, vscodeApi } from '../vscodeApi';
import './plan.css';

const api = vscodeApi<FromPlanWebview, PlanViewState>();
const root = document.getElementById('root') as HTMLElement;

function render(state: PlanViewState): void {
  api.setState(state);
  root.replaceChildren();
  if (!state.workspaceOpen) {
    root.append(h('p', { className: 'empty', text: 'Open a folder to write plans: a plan is a Markdown file in the workspace.' }));
    return;
  }
  const newButton = h('button', { className: 'primary', attrs: { type: 'button', 'aria-label': 'New plan' }, onClick: () => api.postMessage({ type: 'newPlan' }) }, codicon('add'), ' New plan');
  if (state.plans.length === 0) {
    root.append(h('section', { className: 'empty' }, h('p', { text: 'No plans yet. A plan says what to build; the agent builds it as proposals you review hunk by hunk.' }), newButton));
    return;
  }
  const list = h('ul', { className: 'plans', attrs: { role: 'list', 'aria-label': 'Plans' } });
  for (const plan of state.plans) {
    const item = h('button', { className: 'plan', attrs: { type: 'button', 'data-id': plan.id }, onClick: () => api.postMessage({ type: 'openPlan', id: plan.id }) },
      codicon('note'), h('span', { className: 'title', text: plan.title }), h('span', { className: 'status', text: plan.status }));
    list.append(h('li', {}, item));
  }
  root.append(h('header', {}, newButton), list);
}

window.addEventListener('message', (event: MessageEvent<ToPlanWebview>) => {
  const message = event.data;
  if (message?.type === 'state') render(message.state);
});

const saved = api.getState();
if (saved) render(saved);
api.postMessage({ type: 'ready' });
