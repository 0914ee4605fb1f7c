/**
 * What each key and button does. Decisions are posted to the host, marked "in flight" on the hunk
 * until the host's update arrives, and focus moves on to the next pending hunk at once, so paging
 * never waits for the host (issue 6: the user keeps paging while fixes run).
 */
import type { RequestId, ReviewHunk } from '../../src/shared/reviewProtocol';
import { EXPAND_STEP } from './hunkView';
import type { KeyCommand } from './keymap';
import type { InFlight } from './model';
import type { ReviewView } from './panel';
import { isSplittable } from './rows';
import { selectedLines, startSelection } from './selection';
import { editDraft } from './editDraft';
import { move, moveFile, moveUndecided, nextPending } from './paging';
import { lookFirst, showHunk, switchOrder, toggleFile } from './orderCommands';

export type Action =
  | KeyCommand
  | 'acceptLines'
  | 'rejectLines'
  | 'cancelSelection'
  | 'boxSubmit'
  | 'boxCancel'
  | 'groupSteps'
  | 'toggleFile'
  | 'acceptAll'
  | 'rejectAll'
  | 'refresh';

const ACTIONS = new Set<string>([
  'next',
  'prev',
  'nextFile',
  'prevFile',
  'nextUndecided',
  'prevUndecided',
  'first',
  'last',
  'accept',
  'reject',
  'split',
  'selectLines',
  'fix',
  'edit',
  'acceptFile',
  'rejectFile',
  'undo',
  'open',
  'layout',
  'order',
  'toggleFile',
  'previous',
  'expandAbove',
  'expandBelow',
  'help',
  'escape',
  'whitespace',
  'acceptLines',
  'rejectLines',
  'cancelSelection',
  'boxSubmit',
  'boxCancel',
  'groupSteps',
  'acceptAll',
  'rejectAll',
  'refresh',
]);

export function isAction(value: string | undefined): value is Action {
  return value !== undefined && ACTIONS.has(value);
}

/** Refuses an action that would change the changeset while the panel is read-only. */
function writable(panel: ReviewView): boolean {
  if (!panel.readOnly) return true;
  panel.header.showNotice('info', `Read-only: ${panel.model.header.readOnlyReason ?? ''}`);
  return false;
}

/** Marks a hunk as waiting for the host's answer to request `requestId`. */
function mark(panel: ReviewView, hunk: ReviewHunk, what: InFlight, requestId: RequestId): void {
  panel.model.markInFlight(hunk.id, what, requestId);
  panel.refreshHunk(hunk.id);
}

/** Posts a split or a refresh of `hunk` and marks it in flight until its answer. */
function postHunkAction(panel: ReviewView, hunk: ReviewHunk, type: 'split' | 'refresh'): void {
  const requestId = panel.model.newRequest();
  panel.post({ type, requestId, hunkId: hunk.id });
  mark(panel, hunk, type, requestId);
}

/** The next pending hunk after the focused one in display order, wrapping around. */
function afterDecision(panel: ReviewView): void {
  const next = nextPending(panel);
  if (next !== undefined) panel.setFocus(next);
  else panel.header.showNotice('info', 'Every hunk has a decision. u undoes the last one.');
  panel.afterChange();
}

function decide(panel: ReviewView, hunk: ReviewHunk, decision: 'accept' | 'reject', reason?: string): void {
  const requestId = panel.model.newRequest();
  // A moved block is one item: the hunk it came from is decided with it, in one step.
  const moved = panel.model.moved.merged(panel.model, hunk);
  const type = moved ? 'decideMoved' : 'decide';
  panel.post(reason ? { type, requestId, hunkId: hunk.id, decision, reason } : { type, requestId, hunkId: hunk.id, decision });
  panel.decidedHere.push(hunk.id);
  if (moved) panel.model.markInFlight(moved.from, decision, requestId);
  mark(panel, hunk, decision, requestId);
  afterDecision(panel);
}

function decideSelection(panel: ReviewView, hunk: ReviewHunk, decision: 'accept' | 'reject'): void {
  const sel = panel.selection;
  if (!sel || sel.hunkId !== hunk.id) return;
  const lines = selectedLines(sel);
  if (lines.length === 0) {
    panel.header.showNotice('info', 'No line selected: Space or a click selects a changed line.');
    return;
  }
  const requestId = panel.model.newRequest();
  panel.post({ type: 'decideLines', requestId, hunkId: hunk.id, lines, decision });
  panel.selection = undefined;
  panel.decidedHere.push(hunk.id);
  mark(panel, hunk, 'lines', requestId);
  panel.setFocus(hunk.id, false);
}

function openBox(panel: ReviewView, hunk: ReviewHunk, kind: 'reject' | 'fix'): void {
  const keep = panel.box?.hunkId === hunk.id && panel.box.kind === kind ? panel.box.draft : '';
  const before = panel.box?.hunkId;
  panel.box = { hunkId: hunk.id, kind, draft: keep };
  if (before !== undefined && before !== hunk.id) panel.refreshHunk(before);
  panel.refreshHunk(hunk.id);
  panel.elementOf(hunk.id)?.querySelector<HTMLTextAreaElement>('textarea.box-input')?.focus({ preventScroll: true });
  panel.reveal(hunk.id);
}

function openEdit(panel: ReviewView, hunk: ReviewHunk): void {
  const keep = panel.box?.hunkId === hunk.id && panel.box.kind === 'edit' && panel.box.revision === hunk.revision;
  const before = panel.box?.hunkId;
  panel.box = keep ? panel.box : { hunkId: hunk.id, kind: 'edit', draft: editDraft(hunk, panel.sentEdit), revision: hunk.revision };
  if (before !== undefined && before !== hunk.id) panel.refreshHunk(before);
  panel.refreshHunk(hunk.id);
  panel.reveal(hunk.id);
  // The box can be taller than the space under the hunk: its buttons must be in view too.
  const box = panel.elementOf(hunk.id)?.querySelector<HTMLElement>('.box.edit');
  box?.scrollIntoView({ block: 'nearest' });
  box?.querySelector<HTMLTextAreaElement>('textarea.box-input')?.focus({ preventScroll: true });
}

/** Sends the reviewer's version; the draft is kept until the host answers, so a refusal loses nothing. */
function submitEdit(panel: ReviewView, hunk: ReviewHunk, draft: string, revision: number): void {
  panel.box = undefined;
  panel.sentEdit = { hunkId: hunk.id, revision, draft };
  const requestId = panel.model.newRequest();
  panel.post({ type: 'acceptEdited', requestId, hunkId: hunk.id, revision, text: draft });
  panel.decidedHere.push(hunk.id);
  mark(panel, hunk, 'accept', requestId);
  afterDecision(panel);
}

function closeBox(panel: ReviewView): void {
  const box = panel.box;
  if (!box) return;
  panel.box = undefined;
  panel.refreshHunk(box.hunkId);
  panel.elementOf(box.hunkId)?.focus({ preventScroll: true });
}

function submitBox(panel: ReviewView): void {
  const box = panel.box;
  const hunk = box ? panel.model.get(box.hunkId) : undefined;
  if (!box || !hunk) return;
  if (box.kind === 'edit') return submitEdit(panel, hunk, box.draft, box.revision ?? hunk.revision);
  const text = box.draft.trim();
  if (box.kind === 'fix') {
    if (text === '') {
      panel.header.showNotice('info', 'Say what to change: the comment goes to the agent.');
      return;
    }
    panel.box = undefined;
    const requestId = panel.model.newRequest();
    panel.post({ type: 'requestFix', requestId, hunkId: hunk.id, comment: text });
    mark(panel, hunk, 'fix', requestId);
    panel.setFocus(hunk.id, false);
    return;
  }
  panel.box = undefined;
  panel.setFocus(hunk.id, false);
  decide(panel, hunk, 'reject', text || undefined);
}

function toggleSelection(panel: ReviewView, hunk: ReviewHunk): void {
  if (hunk.state !== 'pending') {
    panel.header.showNotice('info', 'Only a pending hunk can be decided line by line.');
    return;
  }
  panel.selection = panel.selection?.hunkId === hunk.id ? undefined : startSelection(hunk);
  panel.refreshHunk(hunk.id);
}

function decideFile(panel: ReviewView, hunk: ReviewHunk, decision: 'accept' | 'reject', fileIndex = hunk.file): void {
  const requestId = panel.model.newRequest();
  panel.postFocus();
  panel.post({ type: 'decideFile', requestId, file: fileIndex, decision });
  for (const i of panel.model.ofFile(fileIndex)) {
    const h = panel.model.hunks[i];
    if (h && h.state === 'pending' && panel.model.inFlight(h.id) === undefined) mark(panel, h, decision, requestId);
  }
  afterDecision(panel);
}

function decideAll(panel: ReviewView, decision: 'accept' | 'reject'): void {
  if (decision === 'accept') {
    // Issue 6: "Accept all" is refused while a flagged hunk has not been looked at.
    const unseen = panel.model.hunks.find((h) => h.flags.length > 0 && h.state === 'pending' && !panel.model.seen.has(h.id));
    if (unseen) {
      panel.header.showNotice('error', `Look at the flagged hunks first: ${unseen.flags.map((f) => f.reason).join('; ')}`);
      showHunk(panel, unseen);
      return;
    }
  }
  panel.postFocus();
  panel.post({ type: 'decideAll', requestId: panel.model.newRequest(), decision });
}

/** Runs an action on the focused hunk, or on `hunkId` when a button of another hunk was pressed. */
export function perform(panel: ReviewView, action: Action, hunkId?: string, fileIndex?: number): void {
  if (hunkId !== undefined && hunkId !== panel.focusedId) panel.setFocus(hunkId, false);
  const hunk = panel.focused();
  switch (action) {
    case 'next':
      return move(panel, 1);
    case 'prev':
      return move(panel, -1);
    case 'first':
      return move(panel, -Infinity);
    case 'last':
      return move(panel, Infinity);
    case 'nextUndecided':
      return moveUndecided(panel, 1);
    case 'prevUndecided':
      return moveUndecided(panel, -1);
    case 'nextFile':
      return moveFile(panel, 1);
    case 'prevFile':
      return moveFile(panel, -1);
    case 'help':
      return panel.overlay.toggle();
    case 'layout':
      panel.layout = panel.layout === 'unified' ? 'split' : 'unified';
      panel.post({ type: 'setLayout', layout: panel.layout });
      return panel.rebuild();
    case 'groupSteps':
      panel.groupByStep = !panel.groupByStep;
      return panel.rebuild();
    case 'whitespace':
      panel.model.moved.hideWhitespace = !panel.model.moved.hideWhitespace;
      panel.rebuild();
      return panel.header.showNotice(
        'info',
        panel.model.moved.hideWhitespace ? 'Whitespace-only hunks are hidden (w shows them).' : 'Whitespace-only hunks are shown.',
      );
    case 'order':
      return switchOrder(panel);
    case 'toggleFile':
      return fileIndex === undefined ? undefined : toggleFile(panel, fileIndex);
    case 'escape':
      if (panel.overlay.open) return panel.overlay.close();
      if (panel.box) return closeBox(panel);
      if (panel.selection) return perform(panel, 'cancelSelection');
      return;
    case 'boxSubmit':
      return submitBox(panel);
    case 'boxCancel':
      return closeBox(panel);
    case 'cancelSelection': {
      const id = panel.selection?.hunkId;
      panel.selection = undefined;
      if (id !== undefined) panel.refreshHunk(id);
      return;
    }
    case 'undo':
      if (!writable(panel)) return;
      panel.post({ type: 'undo', requestId: panel.model.newRequest() });
      panel.setFocus(panel.decidedHere.pop());
      return;
    case 'acceptAll':
    case 'rejectAll':
      if (writable(panel)) decideAll(panel, action === 'acceptAll' ? 'accept' : 'reject');
      return;
    default:
      break;
  }
  if (fileIndex !== undefined && (action === 'acceptFile' || action === 'rejectFile')) {
    if (action === 'acceptFile' && lookFirst(panel, fileIndex)) return;
    const first = panel.model.hunks[panel.model.ofFile(fileIndex)[0] ?? -1];
    if (first && writable(panel)) decideFile(panel, first, action === 'acceptFile' ? 'accept' : 'reject', fileIndex);
    return;
  }
  if (!hunk) return;
  switch (action) {
    case 'open':
      return panel.post({ type: 'openInEditor', hunkId: hunk.id });
    case 'previous':
      if (!hunk.previous) return panel.header.showNotice('info', 'This hunk has no previous revision.');
      if (panel.showPrevious.has(hunk.id)) panel.showPrevious.delete(hunk.id);
      else panel.showPrevious.add(hunk.id);
      return panel.refreshHunk(hunk.id);
    case 'expandAbove':
    case 'expandBelow':
      return panel.post({ type: 'expandContext', hunkId: hunk.id, direction: action === 'expandAbove' ? 'above' : 'below', count: EXPAND_STEP });
    default:
      break;
  }
  if (!writable(panel)) return;
  const pending = hunk.state === 'pending' && panel.model.inFlight(hunk.id) === undefined;
  const open = (hunk.state === 'pending' || hunk.state === 'stale') && panel.model.inFlight(hunk.id) === undefined;
  switch (action) {
    case 'accept':
      if (panel.selection?.hunkId === hunk.id) return decideSelection(panel, hunk, 'accept');
      if (hunk.state === 'stale')
        return panel.header.showNotice(
          'error',
          `This hunk is stale and cannot be accepted until it is refreshed (Refresh on the hunk): ${hunk.staleReason ?? 'the file changed'}.`,
        );
      if (!pending)
        return panel.header.showNotice(
          'info',
          `This hunk is ${panel.model.inFlight(hunk.id) !== undefined ? 'being decided' : hunk.state}; u undoes a decision.`,
        );
      return decide(panel, hunk, 'accept');
    case 'reject':
      if (panel.selection?.hunkId === hunk.id) return decideSelection(panel, hunk, 'reject');
      if (!open) return panel.header.showNotice('info', `This hunk is ${hunk.state}; u undoes a decision.`);
      return openBox(panel, hunk, 'reject');
    case 'acceptLines':
      return decideSelection(panel, hunk, 'accept');
    case 'rejectLines':
      return decideSelection(panel, hunk, 'reject');
    case 'split':
      if (!pending) return panel.header.showNotice('info', 'Only a pending hunk can be split.');
      if (!isSplittable(hunk.lines)) {
        panel.header.showNotice('info', 'No context line inside this hunk to split at: choose lines instead.');
        return toggleSelection(panel, hunk);
      }
      return postHunkAction(panel, hunk, 'split');
    case 'selectLines':
      return toggleSelection(panel, hunk);
    case 'refresh':
      if (hunk.state !== 'stale' || panel.model.inFlight(hunk.id) !== undefined) return panel.header.showNotice('info', 'Only a stale hunk can be refreshed.');
      return postHunkAction(panel, hunk, 'refresh');
    case 'edit':
      if (!pending)
        return panel.header.showNotice(
          'info',
          hunk.state === 'stale' ? 'This hunk is stale: refresh it before you edit it.' : `This hunk is ${hunk.state}; only a pending hunk can be edited.`,
        );
      return openEdit(panel, hunk);
    case 'fix':
      if (!open || hunk.fixing) return panel.header.showNotice('info', hunk.fixing ? 'A fix for this hunk is already running.' : `This hunk is ${hunk.state}.`);
      return openBox(panel, hunk, 'fix');
    case 'acceptFile':
      return decideFile(panel, hunk, 'accept');
    case 'rejectFile':
      return decideFile(panel, hunk, 'reject');
    default:
      return;
  }
}
