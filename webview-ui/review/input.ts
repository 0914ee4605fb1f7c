/**
 * Keyboard and mouse. One keydown listener and one click listener for the whole panel: keys are
 * ignored while the user types in a box (the box has its own Enter/Esc), and buttons are found by
 * their `data-action`, so re-rendered hunks need no listeners of their own.
 */
import { isAction, perform } from './commands';
import { commandFor } from './keymap';
import type { ReviewView } from './panel';
import { clickLine, moveCursor, startSelection, toggleCursor } from './selection';

function isTyping(target: EventTarget | null): boolean {
  return (
    target instanceof HTMLInputElement ||
    target instanceof HTMLTextAreaElement ||
    target instanceof HTMLSelectElement ||
    (target instanceof HTMLElement && target.isContentEditable)
  );
}

function boxKey(panel: ReviewView, event: KeyboardEvent, area: HTMLTextAreaElement): void {
  if (event.key === 'Escape') {
    event.preventDefault();
    perform(panel, 'boxCancel');
  } else if (event.key === 'Enter' && !event.isComposing && (area.dataset.box === 'edit' ? event.ctrlKey || event.metaKey : !event.shiftKey)) {
    // Enter sends; Ctrl/Cmd+Enter too (the habit from comment boxes); Shift+Enter is a new line.
    // Editing code, Enter is a new line and only Ctrl/Cmd+Enter accepts.
    event.preventDefault();
    if (panel.box) panel.box.draft = area.value;
    perform(panel, 'boxSubmit');
  }
}

/** Keys of line selection mode; true when the key was one of them. */
function selectionKey(panel: ReviewView, event: KeyboardEvent): boolean {
  const sel = panel.selection;
  const hunk = sel ? panel.model.get(sel.hunkId) : undefined;
  if (!sel || !hunk) return false;
  switch (event.key) {
    case 'ArrowDown':
    case 'ArrowUp':
      moveCursor(sel, hunk, event.key === 'ArrowDown' ? 1 : -1, event.shiftKey);
      break;
    case ' ':
      toggleCursor(sel, hunk);
      break;
    default:
      return false;
  }
  event.preventDefault();
  panel.refreshHunk(hunk.id);
  return true;
}

export function wireInput(panel: ReviewView): void {
  window.addEventListener('keydown', (event) => {
    const target = event.target;
    if (target instanceof HTMLTextAreaElement && target.classList.contains('box-input')) {
      boxKey(panel, event, target);
      return;
    }
    if (panel.overlay.open) {
      if (event.key === 'Escape' || event.key === '?') {
        event.preventDefault();
        panel.overlay.close();
      }
      return;
    }
    if (isTyping(target)) return;
    // Enter and Space on a focused button press the button, not the panel's key.
    if ((event.key === 'Enter' || event.key === ' ') && target instanceof HTMLButtonElement) return;
    if (selectionKey(panel, event)) return;
    const command = commandFor(event);
    if (!command) return;
    event.preventDefault();
    perform(panel, command);
  });

  window.addEventListener('input', (event) => {
    const target = event.target;
    if (target instanceof HTMLTextAreaElement && target.classList.contains('box-input') && panel.box) panel.box.draft = target.value;
  });

  panel.root.addEventListener('click', (event) => {
    const target = event.target;
    if (!(target instanceof Element)) return;
    const hunkEl = target.closest<HTMLElement>('.hunk');
    const hunkId = hunkEl?.dataset.id;
    const button = target.closest<HTMLElement>('[data-action]');
    if (button) {
      if (button instanceof HTMLButtonElement && button.disabled) return;
      const action = button.dataset.action;
      const file = button.dataset.file;
      if (isAction(action)) perform(panel, action, hunkId, file === undefined ? undefined : Number(file));
      return;
    }
    if (!hunkId) return;
    const row = target.closest<HTMLElement>('.row[data-line]');
    const hunk = panel.model.get(hunkId);
    // A click in the gutter of a changed line starts a line selection; once it runs, anywhere on
    // the line. A drag that selects text to copy is not a click on a line.
    const onGutter = target.closest('.ln, .sign') !== null || panel.selection?.hunkId === hunkId;
    const copying = !(window.getSelection()?.isCollapsed ?? true);
    if (row && hunk && hunk.state === 'pending' && !panel.readOnly && onGutter && !copying) {
      if (panel.focusedId !== hunkId) panel.setFocus(hunkId, false);
      if (panel.selection?.hunkId !== hunkId) panel.selection = startSelection(hunk, Number(row.dataset.line));
      clickLine(panel.selection as NonNullable<typeof panel.selection>, hunk, Number(row.dataset.line), event.shiftKey);
      panel.refreshHunk(hunkId);
      return;
    }
    if (panel.focusedId !== hunkId) panel.setFocus(hunkId, false);
  });
}
