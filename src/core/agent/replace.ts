import type { StepRange } from '../changeset/types';
import { fail, ok, type Result } from '../result';
import { maxFileBytes } from './ports';
import { applyEditToRanges, lineEditOf } from './stepRanges';

export interface Replacement {
  oldString: string;
  newString: string;
  /** Every occurrence; otherwise `oldString` must occur exactly once. */
  replaceAll?: boolean;
}

export type ReplaceError = 'no_match' | 'ambiguous' | 'no_change' | 'too_many' | 'too_big';

export interface Replaced {
  text: string;
  stepRanges: StepRange[];
  /** Occurrences replaced, over all edits. */
  count: number;
  /** Lines of the result the last replacement spans, for the tool's answer. */
  lastLines: { start: number; end: number };
}

/**
 * Applies replacements in order, each to the result of the ones before, moving the step ranges
 * along. All or none: the first that does not apply fails the whole call, and its message names it
 * (`edit 2 of 3`) when there are several, so the model can fix that one and send them again.
 */
export function applyReplacements(
  path: string,
  text: string,
  edits: readonly Replacement[],
  ranges: readonly StepRange[],
  step: string,
  intent?: string,
): Result<Replaced, ReplaceError> {
  // A model writes \n; a CRLF file must still match, and keep its line endings.
  const crlf = text.includes('\r\n');
  let current = text;
  let stepRanges = [...ranges];
  let count = 0;
  let lastLines = { start: 1, end: 1 };
  for (const [i, edit] of edits.entries()) {
    const which = edits.length > 1 ? `edit ${i + 1} of ${edits.length}: ` : '';
    const needle = crlf && !edit.oldString.includes('\r') ? edit.oldString.replace(/\n/g, '\r\n') : edit.oldString;
    const replacement = crlf && !edit.oldString.includes('\r') ? edit.newString.replace(/\n/g, '\r\n') : edit.newString;
    if (needle === replacement) return fail('no_change', `${which}old_string and new_string are the same; nothing to propose`);
    const all = edit.replaceAll === true;
    // Replacing all stops counting one past what may be replaced: the rest would be refused anyway.
    const found = occurrences(current, needle, all, all ? maxReplacements - count + 1 : Infinity);
    if (found.count === 0) {
      const earlier = i > 0 ? ' (after the edits before it were applied)' : '';
      return fail('no_match', `${which}old_string was not found in ${path}${earlier}; read the file again and copy the text exactly. Nothing was proposed`);
    }
    if (found.count > 1 && !all) {
      const lines = linesAt(current, found.offsets);
      return fail(
        'ambiguous',
        `${which}old_string matches ${found.count} times in ${path} (at lines ${lines.join(', ')}${found.count > 5 ? ', …' : ''}); include more surrounding lines so it matches exactly once, or set replace_all. Nothing was proposed`,
      );
    }
    if (count + found.count > maxReplacements) {
      return fail(
        'too_many',
        `${which}old_string occurs more than ${maxReplacements - count} times in ${path}; one call replaces at most ${maxReplacements} occurrences. Replace them in parts, with more context in old_string. Nothing was proposed`,
      );
    }
    const size = current.length + found.count * (replacement.length - needle.length);
    if (size > maxFileBytes) {
      return fail('too_big', `${which}the result would be ${size} characters, over the ${maxFileBytes} a file may hold here. Nothing was proposed`);
    }
    // One pass left to right: the pieces are joined once, and each line number is counted on from the last.
    const pieces: string[] = [];
    let from = 0;
    let line = 1;
    let shift = 0;
    let lastOut = '';
    for (const offset of found.offsets) {
      line += countBreaks(current, from, offset);
      // The character before this match in the text as replaced so far (a replacement may end right here); '' when nothing precedes it.
      const before = offset > from ? (current[offset - 1] ?? '') : lastOut;
      const lineEdit = lineEditOf(current, offset, needle, replacement, { line: line + shift, atLineStart: before === '' || before === '\n' });
      pieces.push(current.slice(from, offset), replacement);
      lastOut = replacement === '' ? before : (replacement[replacement.length - 1] ?? '');
      stepRanges = applyEditToRanges(stepRanges, lineEdit, step, intent);
      shift += lineEdit.delta;
      line += countBreaks(needle, 0, needle.length);
      from = offset + needle.length;
      count++;
      lastLines = { start: lineEdit.startLine, end: lineEdit.startLine + Math.max(lineEdit.newLines, 1) - 1 };
    }
    pieces.push(current.slice(from));
    current = pieces.join('');
  }
  return ok({ text: current, stepRanges, count, lastLines });
}

/** Replacements one call may make: each moves every step range, so their number bounds the work. */
export const maxReplacements = 2000;

/**
 * Where `needle` occurs: every start offset when replacing all (non-overlapping), else the count of
 * all (overlapping ones too: those are ambiguous) and the first five; counting stops at `stopAt`.
 * Knuth–Morris–Pratt, so the work is text + needle whatever they hold; `indexOf` in a loop takes
 * text × needle when the needle overlaps itself (100,000 `a` in a 4 MB file of `a`: over 20 s).
 */
function occurrences(text: string, needle: string, all: boolean, stopAt: number): { count: number; offsets: number[] } {
  const m = needle.length;
  const offsets: number[] = [];
  if (m === 0) return { count: 0, offsets };
  const border = new Int32Array(m);
  for (let i = 1, k = 0; i < m; i++) {
    while (k > 0 && needle.charCodeAt(i) !== needle.charCodeAt(k)) k = border[k - 1] ?? 0;
    if (needle.charCodeAt(i) === needle.charCodeAt(k)) k++;
    border[i] = k;
  }
  let count = 0;
  for (let i = 0, k = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    while (k > 0 && c !== needle.charCodeAt(k)) k = border[k - 1] ?? 0;
    if (c === needle.charCodeAt(k)) k++;
    if (k === m) {
      count++;
      if (all || offsets.length < 5) offsets.push(i - m + 1);
      if (count >= stopAt) break;
      k = all ? 0 : (border[m - 1] ?? 0);
    }
  }
  return { count, offsets };
}

function countBreaks(text: string, from: number, to: number): number {
  let n = 0;
  for (let i = text.indexOf('\n', from); i !== -1 && i < to; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

/** 1-based line numbers of ascending offsets, in one pass. */
function linesAt(text: string, offsets: readonly number[]): number[] {
  let line = 1;
  let from = 0;
  return offsets.map((offset) => {
    line += countBreaks(text, from, offset);
    from = offset;
    return line;
  });
}
