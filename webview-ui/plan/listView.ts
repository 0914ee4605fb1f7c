/** The list of plans: new, draft with the agent, filter by status, open, rename, delete. */
import { PLAN_FILTERS, type FromPlanWebview, type PlanFilter, type PlanViewState } from '../../src/shared/planProtocol';
import { codicon, h } from '../vscodeApi';
import { agentOff, iconButton, intentForm } from './widgets';

export function renderList(state: PlanViewState, post: (m: FromPlanWebview) => void): HTMLElement {
  const newButton = h(
    'button',
    { className: 'primary', attrs: { type: 'button', 'aria-label': 'New plan' }, onClick: () => post({ type: 'newPlan' }) },
    codicon('add'),
    ' New plan',
  );
  const draft = intentForm(agentOff(state), 'Draft a new plan with the agent', (intent) => post({ type: 'draft', intent }));
  const header = h('header', { className: 'list-header' }, newButton, draft);
  if (state.plans.length === 0) {
    return h(
      'div',
      { className: 'list-view' },
      header,
      h(
        'section',
        { className: 'empty' },
        h('p', { text: 'No plans yet. A plan says what to build; the agent builds it as proposals you review hunk by hunk.' }),
      ),
    );
  }
  const select = h('select', { attrs: { 'aria-label': 'Filter plans by status', id: 'plan-filter' } });
  for (const filter of PLAN_FILTERS) {
    const count = filter === 'all' ? state.plans.length : state.plans.filter((p) => p.status === filter).length;
    const option = h('option', { text: `${filter === 'all' ? 'All plans' : filter} (${count})`, attrs: { value: filter } });
    option.selected = filter === state.filter;
    select.append(option);
  }
  select.addEventListener('change', () => post({ type: 'setFilter', filter: select.value as PlanFilter }));
  const filterRow = h('div', { className: 'filter-row' }, h('label', { text: 'Show', attrs: { for: 'plan-filter' } }), select);

  const shown = state.plans.filter((p) => state.filter === 'all' || p.status === state.filter);
  const list = h('ul', { className: 'plans', attrs: { 'aria-label': 'Plans' } });
  for (const plan of shown) {
    const progress = plan.stepsTotal ? ` · ${plan.stepsDone}/${plan.stepsTotal} steps` : '';
    const open = h(
      'button',
      {
        className: 'plan',
        attrs: {
          type: 'button',
          'data-id': plan.id,
          'aria-label': `${plan.title}, ${plan.status}${progress}${plan.warnings ? `, ${plan.warnings} warnings` : ''}`,
          title: plan.fileName,
        },
        onClick: () => post({ type: 'openPlan', id: plan.id }),
      },
      codicon(plan.warnings ? 'warning' : 'note'),
      h('span', { className: 'title', text: plan.title }),
      h('span', { className: `badge status-${plan.status.replace(' ', '-')}`, text: plan.status }),
    );
    const actions = h(
      'span',
      { className: 'row-actions' },
      iconButton('edit', `Rename ${plan.title}`, () => post({ type: 'renamePlan', id: plan.id })),
      iconButton('trash', `Delete ${plan.title}`, () => post({ type: 'deletePlan', id: plan.id })),
    );
    list.append(h('li', {}, open, actions));
  }
  if (shown.length === 0) list.append(h('li', { className: 'empty', text: `No ${state.filter} plans.` }));
  list.addEventListener('keydown', (e) => moveFocus(e, list));
  return h('div', { className: 'list-view' }, header, filterRow, list);
}

/** Arrow keys move between the plans, as in a VS Code list; Tab still reaches the row actions. */
function moveFocus(e: KeyboardEvent, list: HTMLElement): void {
  if (e.key !== 'ArrowDown' && e.key !== 'ArrowUp') return;
  const items = [...list.querySelectorAll<HTMLButtonElement>('button.plan')];
  const at = items.findIndex((b) => b === document.activeElement || b.parentElement?.contains(document.activeElement));
  const next = items[Math.max(0, Math.min(items.length - 1, at + (e.key === 'ArrowDown' ? 1 : -1)))];
  if (next) {
    e.preventDefault();
    next.focus();
  }
}
