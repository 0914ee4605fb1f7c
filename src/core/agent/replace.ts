import type { StepRange } from '../changeset/types';
import { fail, ok, type Result } from '../result';
import { applyEditToRanges, lineEditOf } from './stepRanges';

export interface Replacement {
  oldString: string;
  newString: string;
  /** Every occurrence; otherwise `oldString` must occur exactly once. */
  replaceAll?: boolean;
}

export type ReplaceError = 'no_match' | 'ambiguous' | 'no_change';

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
    const offsets = occurrences(current, needle, edit.replaceAll === true);
    if (offsets.length === 0) {
      const earlier = i > 0 ? ' (after the edits before it were applied)' : '';
      return fail('no_match', `${which}old_string was not found in ${path}${earlier}; read the file again and copy the text exactly. Nothing was proposed`);
    }
    if (offsets.length > 1 && edit.replaceAll !== true) {
      const lines = offsets.slice(0, 5).map((o) => lineAt(current, o));
      return fail(
        'ambiguous',
        `${which}old_string matches ${offsets.length} times in ${path} (at lines ${lines.join(', ')}${offsets.length > 5 ? ', …' : ''}); include more surrounding lines so it matches exactly once, or set replace_all. Nothing was proposed`,
      );
    }
    // Left to right, each offset moved by what the replacements before it added or removed.
    let shift = 0;
    for (const offset of offsets) {
      const at = offset + shift;
      const lineEdit = lineEditOf(current, at, needle, replacement);
      current = current.slice(0, at) + replacement + current.slice(at + needle.length);
      stepRanges = applyEditToRanges(stepRanges, lineEdit, step);
      shift += replacement.length - needle.length;
      count++;
      lastLines = { start: lineEdit.startLine, end: lineEdit.startLine + Math.max(lineEdit.newLines, 1) - 1 };
    }
  }
  return ok({ text: current, stepRanges, count, lastLines });
}

/** Start offsets of `needle`: overlapping ones too when it must be unique (those are ambiguous), else non-overlapping. */
function occurrences(text: string, needle: string, all: boolean): number[] {
  const out: number[] = [];
  for (let i = text.indexOf(needle); i !== -1; i = text.indexOf(needle, i + (all ? needle.length : 1))) out.push(i);
  return out;
}

function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) line++;
  return line;
}
