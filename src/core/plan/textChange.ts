/** Pure text helpers for plan edits made in the panel. No `vscode` import. */
import type { TextChange } from './editPlan';

/** The one change that turns `before` into `after`: common prefix and suffix kept (a small diff, a small undo). */
export function wholeTextChange(before: string, after: string): TextChange[] {
  if (before === after) return [];
  let start = 0;
  const max = Math.min(before.length, after.length);
  while (start < max && before.charCodeAt(start) === after.charCodeAt(start)) start++;
  let end = 0;
  while (end < max - start && before.charCodeAt(before.length - 1 - end) === after.charCodeAt(after.length - 1 - end)) end++;
  // Never split a surrogate pair or a CRLF.
  while (start > 0 && /[\uDC00-\uDFFF\n]/.test(before[start] ?? '') && /[\uD800-\uDBFF\r]/.test(before[start - 1] ?? '')) start--;
  return [{ start, end: before.length - end, text: after.slice(start, after.length - end) }];
}

/** A textarea gives `\n` line breaks; the plan keeps the line breaks it was written with. */
export function withLineBreaks(text: string, eol: '\n' | '\r\n'): string {
  const normal = text.replace(/\r\n?/g, '\n');
  return eol === '\n' ? normal : normal.replace(/\n/g, '\r\n');
}
