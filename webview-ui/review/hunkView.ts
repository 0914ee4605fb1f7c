/**
 * One hunk as a DOM element: a head (range, state, flags, steps, revision, fix status, actions),
 * notes (reason, stale reason), the code rows with expandable context, and the line-selection bar
 * or the reject/fix box when open. Buttons carry `data-action`; one delegated listener handles them.
 */
import type { ReviewFile, ReviewHeader, ReviewHunk, ReviewLayout, ReviewLine } from '../../src/shared/reviewProtocol';
import { codicon, h } from '../vscodeApi';
import { highlightLines } from './highlight';
import { plainText } from './codeSpans';
import { withCode } from './inlineCode';
import { movedBadge } from './movedBadge';
import { splitRowsView, unifiedRows, type LineBlock } from './lineRender';
import type { ReviewModel } from './model';
import { changedLines } from './rows';
import { editBoxView, editFate } from './editBox';

export interface Selection {
  readonly hunkId: string;
  readonly selected: Set<number>;
  /** Ordinal into the hunk's lines of the line cursor. */
  cursor: number;
  anchor: number;
}

export interface Box {
  readonly hunkId: string;
  readonly kind: 'reject' | 'fix' | 'edit';
  draft: string;
  /** An edit box: the revision of the hunk whose lines are being edited. */
  readonly revision?: number;
}

/** What a hunk's rendering depends on besides the hunk itself. */
export interface HunkContext {
  readonly model: ReviewModel;
  readonly layout: ReviewLayout;
  readonly readOnly: boolean;
  readonly focusedId: string | undefined;
  readonly selection: Selection | undefined;
  readonly box: Box | undefined;
  readonly showPrevious: ReadonlySet<string>;
}

export const EXPAND_STEP = 10;

const STATE_LABEL: Record<ReviewHunk['state'], string> = {
  pending: 'Pending',
  accepted: 'Accepted',
  modified: 'Accepted with your edits',
  rejected: 'Rejected',
  stale: 'Stale',
};
const IN_FLIGHT_LABEL = {
  accept: 'Accepting…',
  reject: 'Rejecting…',
  fix: 'Requesting fix…',
  split: 'Splitting…',
  lines: 'Deciding lines…',
  refresh: 'Refreshing…',
} as const;

function button(
  action: string,
  icon: string,
  label: string,
  key: string | undefined,
  opts: { text?: string; disabled?: boolean; pressed?: boolean } = {},
): HTMLButtonElement {
  const attrs: Record<string, string> = { type: 'button', 'data-action': action, 'aria-label': label, title: key ? `${label} (${key})` : label };
  if (key) attrs['aria-keyshortcuts'] = key;
  if (opts.pressed !== undefined) attrs['aria-pressed'] = String(opts.pressed);
  const b = h('button', { className: opts.text ? 'btn' : 'btn icon', attrs }, codicon(icon));
  if (opts.text) b.append(h('span', { text: opts.text }));
  b.disabled = opts.disabled ?? false;
  return b;
}

export function hunkLabel(model: ReviewModel, hunk: ReviewHunk): string {
  const file = model.files[hunk.file] as ReviewFile;
  const siblings = model.ofFile(hunk.file);
  const n = siblings.indexOf(model.indexOf(hunk.id)) + 1;
  const flags = hunk.flags.length ? `, ${hunk.flags.length} flag${hunk.flags.length > 1 ? 's' : ''}: ${hunk.flags.map((f) => f.reason).join('; ')}` : '';
  const fixing = hunk.fixing ? ', fix running' : '';
  const where = hunk.detached === true ? 'edited in the file since' : `lines −${hunk.oldStart},${hunk.oldLines} +${hunk.newStart},${hunk.newLines}`;
  return `${file.path}, hunk ${n} of ${siblings.length}, ${STATE_LABEL[hunk.state]}, ${where}${flags}${fixing}`;
}

/** A hunk's steps as the plan orders them, each with its number in the plan (0: not in the plan). */
function stepsInPlanOrder(model: ReviewModel, hunk: ReviewHunk): { id: string; n: number }[] {
  const steps = hunk.steps.map((id) => ({ id, n: model.planSteps.findIndex((s) => s.id === id) + 1 }));
  return steps.sort((a, b) => (a.n || Infinity) - (b.n || Infinity));
}

/** A hunk's place in the file, git's way; a decision the user's edit detached has none left. */
function rangeText(hunk: ReviewHunk): string {
  return hunk.detached === true ? '@@ edited since @@' : `@@ −${hunk.oldStart},${hunk.oldLines} +${hunk.newStart},${hunk.newLines} @@`;
}

function head(ctx: HunkContext, hunk: ReviewHunk, showingPrevious: boolean): HTMLElement {
  const open = hunk.state === 'pending' || hunk.state === 'stale';
  const off = ctx.readOnly;
  const el = h(
    'div',
    { className: 'hunk-head' },
    h('span', { className: 'range', text: rangeText(hunk) }),
    h('span', { className: `badge st-${hunk.state}`, text: STATE_LABEL[hunk.state] }),
    // Both marks are drawn; the article's classes show one, so focus moves repaint nothing.
    h('span', { className: 'seen-mark viewed', attrs: { title: 'You have looked at this hunk as it is' } }, codicon('eye'), ' Viewed'),
    h(
      'span',
      { className: 'seen-mark changed', attrs: { title: 'Its lines changed after you looked at it: look again' } },
      codicon('diff-modified'),
      ' changed since you saw it',
    ),
  );
  for (const flag of hunk.flags) {
    // Focusable so the reason can be read by keyboard and screen reader, not only on hover.
    el.append(
      h(
        'span',
        { className: 'badge flag', attrs: { title: flag.reason, tabindex: '0', role: 'note', 'aria-label': `Flag ${flag.id}: ${flag.reason}` } },
        codicon('warning'),
        flag.id,
      ),
    );
  }
  const moved = movedBadge(ctx.model, hunk);
  if (moved) el.append(moved);
  for (const { id, n } of stepsInPlanOrder(ctx.model, hunk)) {
    const title = plainText(ctx.model.stepTitle(id));
    el.append(h('span', { className: 'chip', text: title, attrs: { title: n > 0 ? `Plan step ${n}: ${title}` : `Plan step: ${title}` } }));
  }
  if (hunk.revision > 1) {
    el.append(h('span', { className: 'rev', text: `rev ${hunk.revision}` }));
    if (hunk.previous)
      el.append(
        button('previous', 'history', showingPrevious ? 'Show the current revision' : 'Show the previous revision', 'p', {
          text: showingPrevious ? 'Current' : 'Previous',
          pressed: showingPrevious,
        }),
      );
  }
  if (hunk.fixing) {
    const spinner = codicon('loading');
    spinner.classList.add('codicon-modifier-spin');
    el.append(h('span', { className: 'fixing', attrs: { role: 'status' } }, spinner, 'Fix running…'));
  }
  const flight = ctx.model.inFlight(hunk.id);
  if (flight) el.append(h('span', { className: 'flight', text: IN_FLIGHT_LABEL[flight] }));
  el.append(h('span', { className: 'grow' }));
  const actions = h('div', { className: 'actions', attrs: { role: 'toolbar', 'aria-label': 'Hunk actions' } });
  if (hunk.state === 'stale')
    actions.append(button('refresh', 'refresh', 'Refresh: show the hunk against your text, to decide again', undefined, { text: 'Refresh', disabled: off }));
  el.append(actions);
  // A decided hunk has nothing to accept or reject: its badge says which (undo is `u`).
  if (open) {
    actions.append(
      button('accept', 'check', 'Accept hunk', 'a', { text: 'Accept', disabled: off || hunk.state !== 'pending' }),
      button('reject', 'close', 'Reject hunk', 'r', { text: 'Reject', disabled: off }),
      button('edit', 'edit', 'Edit the proposed lines, then accept your version', 'e', { text: 'Edit', disabled: off || hunk.state !== 'pending' }),
    );
  }
  actions.append(
    button('split', 'split-vertical', 'Split hunk or select lines', 's', { disabled: off || hunk.state !== 'pending' }),
    button('fix', 'comment', 'Ask for a fix', 'f', { disabled: off || !open || hunk.fixing === true }),
    button('open', 'go-to-file', 'Open in editor', 'Enter'),
  );
  return el;
}

/** When a rejection's reason reaches the agent: what `FeedbackQueue` and fix requests do with it. */
export function rejectionFate(reach: ReviewHeader['rejectionsReach']): string {
  if (reach === 'live') return 'The agent running on this plan reads the reason at its next turn.';
  if (reach === 'nextTurn')
    return 'The agent reads the reason at its next turn on this plan (Continue Run or the next build); Ask fix on a hunk here sends it at once.';
  return 'No agent run made these changes: Ask fix on a hunk here sends the reason along with the request.';
}

function notes(ctx: HunkContext, hunk: ReviewHunk, showingPrevious: boolean): HTMLElement[] {
  const out: HTMLElement[] = [];
  // A tripwire's finding belongs on the hunk, readable without hovering its badge.
  for (const flag of hunk.flags) {
    if (flag.reason === flag.id) continue;
    out.push(h('div', { className: 'note flag', attrs: { role: 'note' } }, codicon('warning'), ' ', ...withCode(flag.reason)));
  }
  if (hunk.state === 'rejected' && hunk.reason) out.push(h('div', { className: 'note reason', text: `Rejected: ${hunk.reason}` }));
  if (hunk.state === 'rejected' && ctx.model.rejectedNow.has(hunk.id))
    out.push(h('div', { className: 'note fate', attrs: { role: 'note' } }, codicon('comment'), ` ${rejectionFate(ctx.model.header.rejectionsReach)}`));
  if (hunk.state === 'stale')
    out.push(
      h(
        'div',
        { className: 'note stale', attrs: { role: 'note' } },
        codicon('warning'),
        ` Stale: ${hunk.staleReason ?? 'the file changed under this hunk'}. Refresh it to decide again.`,
      ),
    );
  if (hunk.state === 'modified')
    out.push(
      h(
        'div',
        { className: 'note edited', attrs: { role: 'note' } },
        codicon('edit'),
        ` You edited this hunk before accepting it: the file holds your version${hunk.previous ? ' (p shows the proposal)' : ''}. ${editFate(ctx.model.header.rejectionsReach)}`,
      ),
    );
  if ((hunk.state === 'accepted' || hunk.state === 'modified' || hunk.state === 'rejected') && hunk.staleReason)
    out.push(
      h(
        'div',
        { className: 'note stale', attrs: { role: 'note' } },
        codicon('info'),
        ' These lines were edited in the file after the decision; the decision stands.',
      ),
    );
  if (showingPrevious) out.push(h('div', { className: 'note prev', text: `Showing revision ${hunk.revision - 1}, before the fix (read-only).` }));
  return out;
}

/**
 * Document lines that "more lines above / below" can still show: 0 means no button. Below is
 * unbounded when the host did not say how long the document is.
 */
export function expandable(model: ReviewModel, hunk: ReviewHunk): { above: number; below: number } {
  const exp = model.expansions.get(hunk.id);
  const first = hunk.oldLines > 0 ? hunk.oldStart : hunk.oldStart + 1;
  const above = exp?.atTop ? 0 : Math.max(0, first - 1 - (exp?.above.length ?? 0));
  if (exp?.atEnd || hunk.lines.length === 0) return { above, below: 0 };
  return { above, below: hunk.linesAfter === undefined ? Infinity : Math.max(0, hunk.linesAfter - (exp?.below.length ?? 0)) };
}

function expandButton(direction: 'above' | 'below', available: number): HTMLButtonElement {
  const n = Math.min(EXPAND_STEP, available);
  const text = `${n} more line${n === 1 ? '' : 's'} ${direction}`;
  return h(
    'button',
    {
      className: `expand ${direction}`,
      attrs: { type: 'button', 'data-action': direction === 'above' ? 'expandAbove' : 'expandBelow', 'aria-label': `Show ${text}` },
    },
    codicon(direction === 'above' ? 'fold-up' : 'fold-down'),
    ` ${text}`,
  );
}

/** The lines drawn for a hunk: expanded context around its own lines (or the previous revision). */
export function blockOf(ctx: HunkContext, hunk: ReviewHunk, file: ReviewFile): LineBlock {
  const previous = ctx.showPrevious.has(hunk.id) && hunk.previous ? hunk.previous : undefined;
  const exp = previous ? undefined : ctx.model.expansions.get(hunk.id);
  const own = previous ?? hunk.lines;
  const above = exp?.above ?? [];
  const below = exp?.below ?? [];
  const lines: readonly ReviewLine[] = above.length || below.length ? [...above, ...own, ...below] : own;
  // git's start is the line before when a side is empty; the first drawn line is one after it.
  const firstOld = (hunk.oldLines > 0 ? hunk.oldStart : hunk.oldStart + 1) - above.length;
  const firstNew = (hunk.newLines > 0 ? hunk.newStart : hunk.newStart + 1) - above.length;
  const sel = ctx.selection?.hunkId === hunk.id && !previous ? ctx.selection : undefined;
  const changed = sel ? changedLines(hunk.lines) : [];
  return {
    lines,
    tokens: highlightLines(file.language, lines),
    firstOld,
    firstNew,
    ownFrom: above.length,
    ownTo: above.length + own.length,
    selected: sel?.selected,
    cursor: sel ? changed[sel.cursor] : undefined,
  };
}

function selectionBar(sel: Selection): HTMLElement {
  const n = sel.selected.size;
  return h(
    'div',
    { className: 'selbar', attrs: { role: 'status' } },
    h('span', { text: `${n} line${n === 1 ? '' : 's'} selected · Space toggles, ↑↓ move, Shift+↑↓ extend` }),
    h('span', { className: 'grow' }),
    button('acceptLines', 'check', 'Accept selected lines', 'a', { text: 'Accept lines', disabled: n === 0 }),
    button('rejectLines', 'close', 'Reject selected lines', 'r', { text: 'Reject lines', disabled: n === 0 }),
    button('cancelSelection', 'discard', 'Leave line selection', 'Escape'),
  );
}

function boxView(box: Box, reach: ReviewHeader['rejectionsReach']): HTMLElement {
  const fix = box.kind === 'fix';
  const label = fix ? 'What should the agent change in this hunk?' : 'Why reject it? (optional, sent to the agent)';
  const area = h('textarea', { className: 'box-input', attrs: { rows: '2', 'aria-label': label, placeholder: label, 'data-box': box.kind } });
  area.value = box.draft;
  return h(
    'div',
    { className: `box ${box.kind}` },
    area,
    ...(fix ? [] : [h('div', { className: 'box-fate', text: rejectionFate(reach) })]),
    h(
      'div',
      { className: 'box-actions' },
      h('span', {
        className: 'hint',
        text: fix ? 'Enter or Ctrl+Enter sends · Shift+Enter new line · Esc cancels' : 'Enter rejects · Shift+Enter new line · Esc cancels',
      }),
      h('span', { className: 'grow' }),
      button('boxSubmit', fix ? 'send' : 'close', fix ? 'Send fix request' : 'Reject with this reason', 'Enter', { text: fix ? 'Ask fix' : 'Reject' }),
      button('boxCancel', 'discard', 'Cancel', 'Escape'),
    ),
  );
}

/** Which seen mark a hunk shows: `changed` wins, it says more. */
export function seenClass(model: ReviewModel, id: string): string {
  return model.changed.has(id) ? ' seen-changed' : model.seen.has(id) ? ' seen' : '';
}

export function renderHunk(ctx: HunkContext, hunk: ReviewHunk): HTMLElement {
  const file = ctx.model.files[hunk.file] as ReviewFile;
  const showingPrevious = ctx.showPrevious.has(hunk.id) && hunk.previous !== undefined;
  const focused = ctx.focusedId === hunk.id;
  const el = h('article', {
    className: `hunk st-${hunk.state}${focused ? ' focused' : ''}${hunk.fixing ? ' is-fixing' : ''}${seenClass(ctx.model, hunk.id)}${ctx.model.moved.merged(ctx.model, hunk) ? ' moved' : ''}`,
    attrs: { 'data-id': hunk.id, tabindex: '-1', 'aria-label': hunkLabel(ctx.model, hunk) },
  });
  // The article is the list item (its padding is the gap between hunks, so a measured height
  // includes it); the frame inside draws the border and the focus ring.
  const frame = h('div', { className: 'frame' });
  const block = blockOf(ctx, hunk, file);
  const maxNo = Math.max(block.firstOld + block.lines.length, block.firstNew + block.lines.length);
  frame.style.setProperty('--ln-w', `${Math.max(3, String(maxNo).length)}ch`);
  frame.append(head(ctx, hunk, showingPrevious), ...notes(ctx, hunk, showingPrevious));
  const more = expandable(ctx.model, hunk);
  if (!showingPrevious && more.above > 0) frame.append(expandButton('above', more.above));
  frame.append(ctx.layout === 'split' ? splitRowsView(block) : unifiedRows(block));
  if (!showingPrevious && more.below > 0) frame.append(expandButton('below', more.below));
  if (ctx.selection?.hunkId === hunk.id) frame.append(selectionBar(ctx.selection));
  if (ctx.box?.hunkId === hunk.id)
    frame.append(ctx.box.kind === 'edit' ? editBoxView(ctx.box.draft, ctx.model.header.rejectionsReach) : boxView(ctx.box, ctx.model.header.rejectionsReach));
  el.append(frame);
  return el;
}
