/** The open plan's latest run: state, Stop, tokens and cost so far, hunks waiting, and the live log. */
import { outcomeSentence } from '../../src/shared/outcomeText';
import {
  type FromPlanWebview,
  type LogEntry,
  MAX_CONTINUE_MESSAGE,
  type ReviewOutcomeView,
  type RunUsageView,
  type RunView,
} from '../../src/shared/planProtocol';
import { codicon, h } from '../vscodeApi';
import { formatContextShare, formatCost } from './cost';
import { foldToggle, LogSection } from './fold';
import { LogView } from './logView';
import { askWhole } from './logWhole';
import { SteerBox } from './steerBox';
import { button, intentForm, replaceKeepingFocus } from './widgets';

export class RunPanel {
  readonly element: HTMLElement;
  private readonly header: HTMLElement;
  private readonly log: LogView;
  private readonly logSection: LogSection;
  private readonly steer: SteerBox;
  private runId: string | undefined;

  constructor(private readonly post: (m: FromPlanWebview) => void) {
    this.header = h('div', { className: 'run-header' });
    this.log = new LogView(
      (pathId) => this.runId && this.post({ type: 'openLogPath', runId: this.runId, pathId }),
      (clipId) => (this.runId === undefined ? Promise.resolve(undefined) : askWhole(this.post, this.runId, clipId)),
    );
    this.logSection = new LogSection(this.log.element);
    this.steer = new SteerBox(post);
    this.element = h('section', { className: 'run', attrs: { 'aria-label': 'Agent run' } }, this.header, this.steer.element, this.logSection.element);
  }

  /** Why the agent cannot be asked to go on (Restricted Mode, no agent), or undefined. */
  private off: string | undefined;

  setRun(run: RunView | undefined, off?: string): void {
    this.off = off;
    this.element.hidden = run === undefined;
    if (!run) return;
    if (run.id !== this.runId) {
      this.runId = run.id;
      this.log.update(0, []);
      this.logSection.note(0, []);
    }
    const running = run.state === 'running';
    const title = `${run.mode === 'build' ? 'Build' : 'Plan draft'} · ${running ? 'running' : run.state}`;
    const u = run.usage;
    const tokens = u.input + u.output + u.cacheRead + u.cacheWrite;
    const cacheShare = u.input + u.cacheRead > 0 ? Math.round((u.cacheRead / (u.input + u.cacheRead + u.cacheWrite)) * 100) : 0;
    const stats = h(
      'div',
      { className: 'run-stats', attrs: { 'aria-label': 'Usage so far' } },
      h('span', {
        className: 'tokens',
        attrs: { title: `input ${u.input}, output ${u.output}, cache write ${u.cacheWrite}` },
        text: `${formatCount(tokens)} tokens`,
      }),
      h('span', { attrs: { title: `${u.cacheRead} tokens read from the cache` }, text: `${cacheShare}% cache hits` }),
      h('span', { className: 'cost', attrs: { title: costTitle(u) }, text: formatCost(u) }),
    );
    if (run.context !== undefined && run.context.window > 0) {
      stats.append(
        h('span', {
          className: 'context',
          attrs: {
            title: `The last request carried ${run.context.tokens} tokens of a ${run.context.window}-token context window; older turns are summarized as it fills`,
          },
          text: formatContextShare(run.context.tokens, run.context.window),
        }),
      );
    }
    const plan = run.planUsage;
    if (plan !== undefined && (plan.costUsd > u.costUsd || (plan.priceUnknown === true) !== (u.priceUnknown === true))) {
      stats.append(h('span', { className: 'plan-cost', attrs: { title: 'Every run of this plan and its fix requests' }, text: `plan ${formatCost(plan)}` }));
    }
    const row = h(
      'div',
      { className: 'run-title' },
      foldToggle(this.element, 'run', 'Run details'),
      codicon(running ? 'loading' : run.state === 'done' ? 'pass' : run.state === 'failed' ? 'error' : 'circle-slash'),
      h('span', { className: 'label', text: title }),
      // What the folded card still says: the run's size and cost.
      h('span', { className: 'run-brief', text: `${formatCount(tokens)} tokens · ${formatCost(u)}` }),
    );
    if (running) row.append(button('Stop', 'debug-stop', () => this.post({ type: 'stopRun', runId: run.id }), { label: 'Stop the run' }));
    const parts: HTMLElement[] = [row, stats];
    if (run.model !== undefined) {
      // The next run's model is picked here; this run keeps the one it started with.
      parts.push(
        h(
          'div',
          { className: 'run-model' },
          h('span', { attrs: { title: 'The model of this run' }, text: run.model }),
          button('Change', 'sparkle', () => this.post({ type: 'selectModel', mode: run.mode }), { label: `Select the ${run.mode} model for the next run` }),
        ),
      );
    }
    if (run.error) parts.push(h('div', { className: 'run-error', attrs: { role: 'alert' }, text: run.error }));
    if (run.outcome !== undefined) parts.push(outcomeCard(run.outcome, () => this.post({ type: 'openSourceControl' })));
    // Only a run that proposed something has a review to open.
    else if (run.hunksWaiting !== undefined) {
      const n = run.hunksWaiting;
      const text = n === 0 ? 'Open the review' : n === 1 ? 'Review 1 hunk waiting' : `Review ${n} hunks waiting`;
      // A button that looks like a link: Enter and Space work on it without a key handler.
      parts.push(h('button', { className: 'review-link', text, attrs: { type: 'button' }, onClick: () => this.post({ type: 'openReview', runId: run.id }) }));
    }
    // An ended run goes on from here with the user's message; it keeps its story and changeset.
    if (!running) {
      parts.push(
        intentForm(this.off, 'Tell the agent what to do next', (message) => this.post({ type: 'continueRun', runId: run.id, message }), CONTINUE_ACTION),
      );
    }
    replaceKeepingFocus(this.header, parts);
    this.steer.update(run, this.off);
    this.element.classList.toggle('running', running);
  }

  appendLog(runId: string, from: number, entries: readonly LogEntry[]): void {
    if (runId !== this.runId) {
      this.runId = runId;
      this.log.update(0, []);
    }
    this.log.update(from, entries);
    this.logSection.note(from, entries);
  }
}

const CONTINUE_ACTION = { label: 'Continue the run', icon: 'debug-continue', maxLength: MAX_CONTINUE_MESSAGE } as const;

/** The done moment: what the review came to, each rejection with its reason, and what comes next. */
function outcomeCard(outcome: ReviewOutcomeView, commit: () => void): HTMLElement {
  const rejected = outcome.rejected.map((r) =>
    h('li', {}, h('code', { text: r.path }), h('span', { text: r.reason === undefined ? ' (no reason given)' : ` — ${r.reason}` })),
  );
  return h(
    'section',
    { className: 'outcome', attrs: { 'aria-label': 'Review complete' } },
    h('div', { className: 'outcome-title' }, codicon('check-all'), h('span', { text: 'Review complete' })),
    h('p', { text: outcomeSentence(outcome) }),
    ...(rejected.length > 0 ? [h('ul', { className: 'rejected', attrs: { 'aria-label': 'Rejected hunks' } }, ...rejected)] : []),
    h(
      'div',
      { className: 'actions' },
      button('Commit…', 'git-commit', commit, { primary: outcome.accepted > 0, label: 'Commit the accepted changes in Source Control' }),
    ),
  );
}

function costTitle(usage: RunUsageView): string {
  return usage.priceUnknown === true ? 'Some tokens were spent on a model with no known price (set one in redline.prices)' : 'Cost so far';
}

function formatCount(n: number): string {
  return n >= 1_000_000 ? `${(n / 1_000_000).toFixed(1)}M` : n >= 1_000 ? `${(n / 1_000).toFixed(1)}k` : String(n);
}
