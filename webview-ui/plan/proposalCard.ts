/**
 * The agent's draft of the open plan, shown as a diff above the plan until the user keeps or
 * discards it (issue 5: the user sees what changed in the plan before keeping it). Keep and
 * Discard decide every waiting hunk at once; the review panel decides them one by one.
 */
import type { FromPlanWebview, PlanProposalView, RunView } from '../../src/shared/planProtocol';
import { codicon, h } from '../vscodeApi';
import { button } from './widgets';

const SIGN = { added: '+', removed: '−', context: ' ' } as const;

export class ProposalCard {
  readonly element: HTMLElement;
  private key = '';

  constructor(private readonly post: (m: FromPlanWebview) => void) {
    this.element = h('div', { className: 'proposal-slot' });
  }

  /** Rebuilt only when the proposal changed, so a run's updates keep the focus where it is. */
  set(run: RunView | undefined): void {
    const proposal = run?.proposal;
    const key = run && proposal ? JSON.stringify([run.id, proposal]) : '';
    if (key === this.key) return;
    this.key = key;
    this.element.replaceChildren(...(run && proposal ? [this.card(run.id, proposal)] : []));
    // A new draft is news: bring it into view even when the plan was scrolled down to a comment.
    if (proposal) this.element.scrollIntoView({ block: 'nearest' });
  }

  private card(runId: string, proposal: PlanProposalView): HTMLElement {
    const diff = h('div', {
      className: 'proposal-diff',
      attrs: { tabindex: '0', role: 'group', 'aria-label': `Diff of the draft: ${proposal.added} lines added, ${proposal.removed} removed` },
    });
    proposal.hunks.forEach((lines, i) => {
      if (i > 0) diff.append(h('div', { className: 'diff-gap', attrs: { 'aria-hidden': 'true' }, text: '⋯' }));
      for (const line of lines) {
        diff.append(
          h(
            'div',
            { className: `diff-line ${line.kind}` },
            h('span', { className: 'ln', attrs: { 'aria-hidden': 'true' }, text: line.line === undefined ? '' : String(line.line) }),
            h('span', { className: 'sign', text: SIGN[line.kind] }),
            h('span', { className: 'text', text: line.text }),
          ),
        );
      }
    });
    // The decision sits in the head, above the diff however long it is, and the head stays in view
    // while the diff scrolls by with the plan (one scroll for the page, no box inside it).
    const parts: HTMLElement[] = [
      h(
        'div',
        { className: 'proposal-head' },
        h(
          'div',
          { className: 'proposal-title' },
          codicon('sparkle'),
          h('strong', { text: "The agent's draft" }),
          h('span', { className: 'counts', text: `+${proposal.added} −${proposal.removed}` }),
        ),
        h(
          'div',
          { className: 'buttons' },
          button('Keep', 'check', () => this.post({ type: 'decideDraft', runId, decision: 'accept' }), { primary: true, label: 'Keep the draft' }),
          button('Discard', 'discard', () => this.post({ type: 'decideDraft', runId, decision: 'reject' }), { label: 'Discard the draft' }),
          button('Review', 'diff', () => this.post({ type: 'openReview', runId }), { label: 'Review the draft hunk by hunk' }),
        ),
      ),
      diff,
    ];
    if (proposal.moreLines > 0) parts.push(h('p', { className: 'note', text: `${proposal.moreLines} more lines: open the review to see them all.` }));
    return h('section', { className: 'proposal', attrs: { 'aria-label': 'Changes the agent proposes to this plan' } }, ...parts);
  }
}
