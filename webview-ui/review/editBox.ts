/**
 * Edit a proposal before accepting it: `e` opens the hunk's proposed lines (its new side, from
 * the first to the last changed line) in a text area under the hunk; Ctrl/Cmd+Enter accepts the
 * reviewer's version, Esc cancels. The host writes exactly that text and records the hunk as
 * modified; an edit it refuses (the hunk changed meanwhile) is kept for the next `e`.
 */
import type { ReviewHeader } from '../../src/shared/reviewProtocol';
import { codicon, h } from '../vscodeApi';

/** Who hears of an edited accept, and when: what `FeedbackQueue` does with it (as with a rejection's reason). */
export function editFate(reach: ReviewHeader['rejectionsReach']): string {
  if (reach === 'live') return 'The agent running on this plan reads what you changed at its next turn.';
  if (reach === 'nextTurn') return 'The agent reads what you changed at its next turn on this plan (Continue Run or the next build).';
  return 'No Redline run made these changes, so no agent is told what you changed.';
}

function actionButton(action: string, icon: string, label: string, key: string, text?: string): HTMLButtonElement {
  const b = h(
    'button',
    {
      className: text ? 'btn' : 'btn icon',
      attrs: { type: 'button', 'data-action': action, 'aria-label': label, title: `${label} (${key})`, 'aria-keyshortcuts': key },
    },
    codicon(icon),
  );
  if (text) b.append(h('span', { text }));
  return b;
}

export function editBoxView(draft: string, reach: ReviewHeader['rejectionsReach']): HTMLElement {
  const label = 'Your version of the proposed lines';
  const area = h('textarea', {
    className: 'box-input edit-input',
    attrs: { rows: String(Math.min(20, draft.split('\n').length + 1)), 'aria-label': label, spellcheck: 'false', 'data-box': 'edit' },
  });
  area.value = draft;
  return h(
    'div',
    { className: 'box edit' },
    h('div', {
      className: 'box-fate',
      text: `Edit the proposed lines, then accept your version: the file gets exactly this text. ${editFate(reach)}`,
    }),
    area,
    h(
      'div',
      { className: 'box-actions' },
      h('span', { className: 'hint', text: 'Ctrl+Enter accepts your version · Esc cancels' }),
      h('span', { className: 'grow' }),
      actionButton('boxSubmit', 'check', 'Accept your version', 'Control+Enter', 'Accept edited'),
      actionButton('boxCancel', 'discard', 'Cancel', 'Escape'),
    ),
  );
}
