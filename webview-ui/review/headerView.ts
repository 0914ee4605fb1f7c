/**
 * The panel header: title, source, summary, cost, progress, the banners (claims the diff does not
 * support, read-only reason) and the toolbar. The parts that change on every decision (progress,
 * the focused position, toggles) are updated in place so a focused control keeps its focus.
 */
import type { ReviewHeader, ReviewLayout } from '../../src/shared/reviewProtocol';
import { codicon, h } from '../vscodeApi';
import { withCode } from './inlineCode';
import type { Progress } from './model';

export interface HeaderUi {
  readonly layout: ReviewLayout;
  readonly groupByStep: boolean;
  /** Reading order (by intent and risk) rather than file order. */
  readonly readingOrder: boolean;
  readonly stepFilter: string | undefined;
  /** The steps the hunks serve, in plan order, each with the label the filter shows. */
  readonly steps: readonly { readonly id: string; readonly label: string }[];
  readonly hasUnstepped: boolean;
}

function toolButton(action: string, icon: string, text: string, label: string, key?: string): HTMLButtonElement {
  const attrs: Record<string, string> = { type: 'button', 'data-action': action, 'aria-label': label, title: key ? `${label} (${key})` : label };
  if (key) attrs['aria-keyshortcuts'] = key;
  return h('button', { className: 'btn', attrs }, codicon(icon), h('span', { text }));
}

/** A terminal agent's changeset: whether the agent waits for these decisions or stopped waiting. */
function agentBanner(state: ReviewHeader['agentState']): HTMLElement | undefined {
  if (state === undefined) return undefined;
  const text =
    state === 'waiting'
      ? ' The agent waits for these decisions: it gets its answer when every hunk is decided.'
      : ' Agent gone: the agent stopped waiting for this review. It stays reviewable, and what you accept here is written by Redline.';
  return h(
    'div',
    { className: `banner agent ${state}`, attrs: { role: 'note' } },
    codicon(state === 'waiting' ? 'watch' : 'debug-disconnect'),
    h('span', { text }),
  );
}

export class HeaderView {
  readonly el: HTMLElement;
  private readonly info = h('div', { className: 'info' });
  private readonly progressText = h('span', { className: 'progress-text' });
  /** What is left that matters: flagged hunks not decided yet. Beside the count, not in it. */
  private readonly flaggedLeft = h('span', {
    className: 'flagged-left',
    attrs: { title: 'Hunks flagged by a tripwire or a protected path, not decided yet (n goes to the next undecided hunk)' },
  });
  private readonly bar = h('div', { className: 'bar' });
  private readonly progress = h(
    'div',
    { className: 'progress', attrs: { role: 'progressbar', 'aria-label': 'Hunks decided', 'aria-valuemin': '0' } },
    this.bar,
  );
  private readonly where = h('div', { className: 'where' });
  private readonly notice = h('div', { className: 'notice', attrs: { role: 'status' } });
  private readonly layoutButton = toolButton('layout', 'split-horizontal', 'Side by side', 'Side-by-side layout', 'l');
  private readonly groupButton = toolButton('groupSteps', 'list-tree', 'Group by step', 'Group hunks by plan step');
  private readonly orderButton = toolButton('order', 'list-ordered', 'Reading order', 'Reading order: by intent, flagged first (off: file order)', 'o');
  private readonly stepSelect = h('select', { className: 'steps', attrs: { 'aria-label': 'Show hunks of plan step' } });
  private readOnly = false;
  private loading = false;
  private readonly acceptAll = toolButton('acceptAll', 'check-all', 'Accept all', 'Accept every open hunk');
  private readonly acceptAllCount = this.acceptAll.querySelector('span:last-child') as HTMLElement;
  private readonly rejectAll = toolButton('rejectAll', 'close-all', 'Reject all', 'Reject every open hunk');
  private readonly undo = toolButton('undo', 'discard', 'Undo', 'Undo the last decision', 'u');
  private noticeTimer: ReturnType<typeof setTimeout> | undefined;
  private stepsKey = '';

  constructor(onStepFilter: (value: string | undefined) => void) {
    this.stepSelect.addEventListener('change', () => {
      const v = this.stepSelect.value;
      onStepFilter(v === '*' ? undefined : v === '-' ? '' : v.slice(1));
    });
    const help = toolButton('help', 'keyboard', 'Keys', 'Keyboard shortcuts', '?');
    const toolbar = h(
      'div',
      { className: 'toolbar', attrs: { role: 'toolbar', 'aria-label': 'Review' } },
      this.layoutButton,
      this.orderButton,
      this.groupButton,
      this.stepSelect,
      h('span', { className: 'grow' }),
      this.undo,
      this.acceptAll,
      this.rejectAll,
      help,
    );
    this.el = h('header', { className: 'panel-head' }, this.info, toolbar, this.where, this.notice);
  }

  setHeader(header: ReviewHeader): void {
    const title = h(
      'div',
      { className: 'title-row' },
      h('h1', { text: header.title || 'Changeset' }),
      h('span', { className: 'source', text: header.source }),
      h('span', { className: 'grow' }),
    );
    if (header.priceUnknown === true)
      title.append(h('span', { className: 'cost', text: 'price unknown', attrs: { title: "The run's model has no known price (set one in redline.prices)" } }));
    else if (header.costUsd !== undefined)
      title.append(h('span', { className: 'cost', text: `$${header.costUsd.toFixed(header.costUsd < 1 ? 4 : 2)}`, attrs: { title: 'Cost of the run' } }));
    title.append(this.progress, this.progressText, this.flaggedLeft);
    this.info.replaceChildren(title);
    if (header.summary) this.info.append(h('p', { className: 'summary' }, ...withCode(header.summary)));
    if (header.readOnlyReason) {
      this.info.append(
        h('div', { className: 'banner readonly', attrs: { role: 'note' } }, codicon('lock'), h('span', { text: ` Read-only: ${header.readOnlyReason}` })),
      );
    }
    const agent = agentBanner(header.agentState);
    if (agent) this.info.append(agent);
    if (header.claimMismatches.length > 0) {
      const list = h('ul');
      for (const claim of header.claimMismatches) list.append(h('li', {}, ...withCode(claim)));
      this.info.append(
        h(
          'div',
          { className: 'banner claims', attrs: { role: 'note', 'aria-label': 'Claims the diff does not support' } },
          h('div', {}, codicon('warning'), h('strong', { text: ' The diff does not support these claims of the agent:' })),
          list,
        ),
      );
    }
    this.readOnly = header.readOnlyReason !== undefined;
    this.acceptAll.disabled = this.readOnly || this.loading;
    this.rejectAll.disabled = this.readOnly || this.loading;
    this.undo.disabled = this.readOnly;
  }

  setProgress(p: Progress): void {
    // Accept all and Reject all name how many hunks they decide: not before every hunk is here.
    this.loading = p.loading > 0;
    this.acceptAll.disabled = this.readOnly || this.loading;
    this.rejectAll.disabled = this.readOnly || this.loading;
    this.flaggedLeft.hidden = p.flaggedLeft === 0;
    this.flaggedLeft.replaceChildren(codicon('warning'), h('span', { text: ` ${p.flaggedLeft} flagged left` }));
    this.acceptAllCount.textContent = `Accept all (${p.acceptAll})`;
    this.acceptAll.setAttribute('aria-label', `Accept every open hunk: ${p.acceptAll} ${p.acceptAll === 1 ? 'hunk' : 'hunks'}`);
    const extra = [
      p.stale ? `${p.stale} stale` : '',
      p.fixing ? `${p.fixing} fixing` : '',
      p.whitespaceHidden ? `${p.whitespaceHidden} whitespace-only hidden` : '',
      p.loading ? `loading ${p.loading}` : '',
    ]
      .filter(Boolean)
      .join(' · ');
    this.progressText.textContent = `${p.decided} / ${p.total} decided${extra ? ` · ${extra}` : ''}`;
    this.progress.setAttribute('aria-valuemax', String(p.total));
    this.progress.setAttribute('aria-valuenow', String(p.decided));
    this.bar.style.width = `${p.total ? (100 * p.decided) / p.total : 0}%`;
  }

  setUi(ui: HeaderUi): void {
    this.layoutButton.setAttribute('aria-pressed', String(ui.layout === 'split'));
    this.groupButton.setAttribute('aria-pressed', String(ui.groupByStep));
    this.orderButton.setAttribute('aria-pressed', String(ui.readingOrder));
    const hasSteps = ui.steps.length > 0;
    this.groupButton.hidden = !hasSteps;
    this.stepSelect.hidden = !hasSteps;
    const key = JSON.stringify([ui.steps, ui.hasUnstepped]);
    if (key !== this.stepsKey) {
      this.stepsKey = key;
      const options = [h('option', { text: 'All steps', attrs: { value: '*' } })];
      for (const step of ui.steps) options.push(h('option', { text: step.label, attrs: { value: `=${step.id}` } }));
      if (ui.hasUnstepped) options.push(h('option', { text: 'No plan step', attrs: { value: '-' } }));
      this.stepSelect.replaceChildren(...options);
    }
    this.stepSelect.value = ui.stepFilter === undefined ? '*' : ui.stepFilter === '' ? '-' : `=${ui.stepFilter}`;
  }

  setWhere(text: string): void {
    if (this.where.textContent !== text) this.where.textContent = text;
  }

  showNotice(level: 'info' | 'error', message: string): void {
    this.notice.className = `notice ${level}`;
    this.notice.setAttribute('role', level === 'error' ? 'alert' : 'status');
    this.notice.replaceChildren(codicon(level === 'error' ? 'error' : 'info'), h('span', { text: ` ${message}` }));
    clearTimeout(this.noticeTimer);
    this.noticeTimer = setTimeout(() => this.notice.replaceChildren(), 8000);
  }
}
