import type { StepRange } from '../changeset/types';

/** One text replacement, located by line in the text before it. */
export interface LineEdit {
  /** Line (1-based) where the replaced text starts. */
  startLine: number;
  /** Newlines inside the replaced text, a final newline excluded: it spans startLine..startLine+oldBreaks. */
  oldBreaks: number;
  /** Line count of the inserted text's span; 0 when whole lines were removed and nothing inserted. */
  newLines: number;
  /** Net change in the file's line count. */
  delta: number;
}

function countBreaks(text: string): number {
  let n = 0;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

/** Describes replacing `oldText` at `offset` in `before` with `newText`, by lines. */
export function lineEditOf(before: string, offset: number, oldText: string, newText: string, known?: { line: number; atLineStart: boolean }): LineEdit {
  // A caller walking many offsets left to right passes what it counted, keeping the walk linear.
  const startLine = known?.line ?? countBreaks(before.slice(0, offset)) + 1;
  const oldBreaks = countBreaks(oldText.endsWith('\n') ? oldText.slice(0, -1) : oldText);
  const atLineStart = known?.atLineStart ?? (offset === 0 || before[offset - 1] === '\n');
  const wholeLinesRemoved = newText === '' && atLineStart && oldText.endsWith('\n');
  const newLines = wholeLinesRemoved ? 0 : countBreaks(newText.endsWith('\n') ? newText.slice(0, -1) : newText) + 1;
  return { startLine, oldBreaks, newLines, delta: countBreaks(newText) - countBreaks(oldText) };
}

/**
 * Moves earlier step ranges past an edit and adds the edit's own range for `step` (and its
 * `intent`). A range the edit overlaps grows to cover the edit: the hunk the reviewer sees there
 * serves both steps.
 */
export function applyEditToRanges(ranges: readonly StepRange[], edit: LineEdit, step: string, intent?: string): StepRange[] {
  const oldEnd = edit.startLine + edit.oldBreaks;
  const newEnd = edit.startLine + edit.newLines - 1;
  const moved = ranges.map((range): StepRange => {
    const empty = range.endLine < range.startLine;
    if (empty ? range.startLine <= edit.startLine : range.endLine < edit.startLine) return range;
    if (range.startLine > oldEnd) {
      return { ...range, startLine: range.startLine + edit.delta, endLine: range.endLine + edit.delta };
    }
    const startLine = Math.min(range.startLine, edit.startLine);
    const endLine = range.endLine > oldEnd ? range.endLine + edit.delta : newEnd;
    return { ...range, startLine, endLine: Math.max(endLine, startLine - 1) };
  });
  return [...moved, withIntent({ startLine: edit.startLine, endLine: newEnd, step }, intent)];
}

/** Every line of a created file serves the step (and the intent) that created it. */
export function wholeFileRange(text: string, step: string, intent?: string): StepRange {
  const lines = text === '' ? 0 : countBreaks(text.endsWith('\n') ? text.slice(0, -1) : text) + 1;
  return withIntent({ startLine: 1, endLine: lines, step }, intent);
}

export function withIntent(range: StepRange, intent: string | undefined): StepRange {
  return intent === undefined ? range : { ...range, intent };
}
