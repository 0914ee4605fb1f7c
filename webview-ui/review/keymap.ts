/**
 * Every key of the panel in one table: the key handler and the `?` overlay both read it, so the
 * overlay cannot drift from what the keys do.
 */
export type KeyCommand =
  | 'next'
  | 'prev'
  | 'nextFile'
  | 'prevFile'
  | 'nextUndecided'
  | 'prevUndecided'
  | 'first'
  | 'last'
  | 'accept'
  | 'reject'
  | 'split'
  | 'selectLines'
  | 'fix'
  | 'edit'
  | 'acceptFile'
  | 'rejectFile'
  | 'undo'
  | 'open'
  | 'layout'
  | 'order'
  | 'previous'
  | 'expandAbove'
  | 'expandBelow'
  | 'help'
  | 'whitespace'
  | 'escape';

export interface KeyBinding {
  /** `KeyboardEvent.key`, case-sensitive: `J` is Shift+j. */
  readonly key: string;
  /** How the overlay shows it. */
  readonly label: string;
  readonly command: KeyCommand;
  readonly description: string;
}

export const KEYS: readonly KeyBinding[] = [
  { key: 'j', label: 'j', command: 'next', description: 'Next hunk' },
  { key: 'k', label: 'k', command: 'prev', description: 'Previous hunk' },
  { key: 'J', label: 'Shift+J', command: 'nextFile', description: 'Next file' },
  { key: 'K', label: 'Shift+K', command: 'prevFile', description: 'Previous file' },
  { key: 'n', label: 'n', command: 'nextUndecided', description: 'Next undecided hunk (pending or stale), wrapping at the end' },
  { key: 'N', label: 'Shift+N', command: 'prevUndecided', description: 'Previous undecided hunk, wrapping at the start' },
  { key: 'g', label: 'g', command: 'first', description: 'First hunk' },
  { key: 'G', label: 'Shift+G', command: 'last', description: 'Last hunk' },
  { key: 'a', label: 'a', command: 'accept', description: 'Accept the hunk (or the selected lines)' },
  { key: 'r', label: 'r', command: 'reject', description: 'Reject the hunk, with an optional reason (or the selected lines)' },
  { key: 's', label: 's', command: 'split', description: 'Split the hunk at its context lines; when it cannot be split, select lines' },
  { key: 'v', label: 'v', command: 'selectLines', description: 'Select changed lines to accept or reject' },
  { key: 'e', label: 'e', command: 'edit', description: 'Edit the proposed lines, then accept your version (Ctrl+Enter)' },
  { key: 'f', label: 'f', command: 'fix', description: 'Ask the agent for a fix (comment box under the hunk)' },
  { key: 'A', label: 'Shift+A', command: 'acceptFile', description: "Accept the file's open hunks" },
  { key: 'R', label: 'Shift+R', command: 'rejectFile', description: "Reject the file's open hunks" },
  { key: 'u', label: 'u', command: 'undo', description: 'Undo the last decision' },
  { key: 'Enter', label: 'Enter', command: 'open', description: 'Open the hunk in the editor' },
  { key: 'l', label: 'l', command: 'layout', description: 'Switch between unified and side-by-side' },
  { key: 'o', label: 'o', command: 'order', description: 'Switch between reading order (by intent, flagged first, generated files last) and file order' },
  { key: 'p', label: 'p', command: 'previous', description: 'Show the previous revision of a fixed hunk' },
  { key: '[', label: '[', command: 'expandAbove', description: 'Show more context above' },
  { key: ']', label: ']', command: 'expandBelow', description: 'Show more context below' },
  { key: 'w', label: 'w', command: 'whitespace', description: 'Hide or show whitespace-only hunks (re-indented or re-spaced lines, as git diff -b)' },
  { key: '?', label: '?', command: 'help', description: 'Show or hide this list' },
  { key: 'Escape', label: 'Esc', command: 'escape', description: 'Close the box, the line selection or this list' },
];

/** Keys inside line selection mode, shown in the overlay. */
export const SELECTION_KEYS: readonly { readonly label: string; readonly description: string }[] = [
  { label: '↑ / ↓', description: 'Move the line cursor' },
  { label: 'Shift+↑ / Shift+↓', description: 'Extend the selection' },
  { label: 'Space', description: 'Select or unselect the line' },
  { label: 'a / r', description: 'Accept or reject the selected lines' },
  { label: 'Click, Shift+click', description: 'Select a line, a range of lines' },
];

const byKey = new Map(KEYS.map((k) => [k.key, k.command]));

export function commandFor(event: KeyboardEvent): KeyCommand | undefined {
  if (event.ctrlKey || event.metaKey || event.altKey) return undefined;
  return byKey.get(event.key);
}
