import { diffLineArrays } from '../diff/lineDiff';
import { fail, ok, type Result } from '../result';
import { PositionMap, splitLines } from '../text/lines';
import { decidedText, inDecided, stateLookup } from './items';
import type { ChangesetErrorCode, FileChange } from './types';

/** A text replacement in VS Code's coordinates: 0-based lines and UTF-16 characters. */
export interface TextEdit {
  readonly startLine: number;
  readonly startCharacter: number;
  readonly endLine: number;
  readonly endCharacter: number;
  readonly newText: string;
}

/** A replacement as string offsets into the old text. */
interface OffsetEdit {
  readonly start: number;
  readonly end: number;
  readonly newText: string;
}

/**
 * The minimal whole-line edits that turn `before`'s decided text into `after`'s (for one
 * `WorkspaceEdit`): when only decisions changed, the lines whose presence changed, and nothing
 * else; otherwise a line diff of the two texts. Edits are sorted and do not overlap, and their
 * ranges refer to the old text, as `WorkspaceEdit` expects.
 */
export function fileEdits(before: FileChange, after: FileChange): TextEdit[] {
  const oldText = decidedText(before);
  const offsets = sameItems(before, after) ? presenceEdits(before, after) : textOffsetEdits(oldText, decidedText(after));
  return positioned(oldText, offsets);
}

/** The whole-line edits of a line diff that turn `oldText` into `newText`. */
export function textEdits(oldText: string, newText: string): TextEdit[] {
  return positioned(oldText, textOffsetEdits(oldText, newText));
}

/** One edit that replaces all of `oldText` with `newText`: for a write no editor shows (a held file). */
export function wholeTextEdit(oldText: string, newText: string): TextEdit {
  const end = new PositionMap(oldText).positionAt(oldText.length);
  return { startLine: 0, startCharacter: 0, endLine: end.line, endCharacter: end.character, newText };
}

function positioned(oldText: string, offsets: readonly OffsetEdit[]): TextEdit[] {
  const map = new PositionMap(oldText);
  return offsets.map((e) => {
    const s = map.positionAt(e.start);
    const t = map.positionAt(e.end);
    return { startLine: s.line, startCharacter: s.character, endLine: t.line, endCharacter: t.character, newText: e.newText };
  });
}

/**
 * Edits for the document as it is now. `currentText` must be `before`'s decided text: when the
 * user has typed since, first `rebaseFile(before, currentText)` and decide on the result, so
 * the user's text is part of the model and can never be overwritten.
 */
export function documentEdits(currentText: string, before: FileChange, after: FileChange): Result<TextEdit[], ChangesetErrorCode> {
  if (decidedText(before) !== currentText) {
    return fail('E_MISMATCH', `${before.path}: the document differs from the changeset's view of it; rebase the file onto the document first`);
  }
  return ok(fileEdits(before, after));
}

/** Applies edits (sorted, non-overlapping, old-text coordinates) to a text, like VS Code would. */
export function applyTextEdits(text: string, edits: readonly TextEdit[]): string {
  const map = new LineOffsets(text);
  let out = '';
  let at = 0;
  for (const e of edits) {
    const start = map.offsetAt(e.startLine, e.startCharacter);
    out += text.slice(at, start) + e.newText;
    at = map.offsetAt(e.endLine, e.endCharacter);
  }
  return out + text.slice(at);
}

class LineOffsets {
  private readonly starts: number[] = [0];
  constructor(text: string) {
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 13 && text.charCodeAt(i + 1) === 10) i++;
      if (c === 13 || c === 10) this.starts.push(i + 1);
    }
  }
  offsetAt(line: number, character: number): number {
    return (this.starts[line] ?? 0) + character;
  }
}

function sameItems(a: FileChange, b: FileChange): boolean {
  if (a.items === b.items) return true;
  if (a.items.length !== b.items.length) return false;
  return a.items.every((item, i) => item.text === b.items[i]?.text && item.kind === b.items[i]?.kind);
}

function presenceEdits(before: FileChange, after: FileChange): OffsetEdit[] {
  const was = stateLookup(before.hunks);
  const now = stateLookup(after.hunks);
  const edits: OffsetEdit[] = [];
  let offset = 0;
  let open: { start: number; end: number; newText: string } | undefined;
  after.items.forEach((item, i) => {
    const b = inDecided(before.items[i] ?? item, was);
    const a = inDecided(item, now);
    if (b && a) {
      if (open !== undefined) edits.push(open);
      open = undefined;
    } else if (b || a) {
      open ??= { start: offset, end: offset, newText: '' };
      if (b) open.end += item.text.length;
      if (a) open.newText += item.text;
    }
    if (b) offset += item.text.length;
  });
  if (open !== undefined) edits.push(open);
  return edits;
}

function textOffsetEdits(oldText: string, newText: string): OffsetEdit[] {
  const oldLines = splitLines(oldText);
  const newLines = splitLines(newText);
  const edits: OffsetEdit[] = [];
  let ai = 0;
  let bi = 0;
  let offset = 0;
  let open: { start: number; end: number; newText: string } | undefined;
  for (const run of diffLineArrays(oldLines, newLines)) {
    for (let k = 0; k < run.count; k++) {
      if (run.kind === 'equal') {
        if (open !== undefined) edits.push(open);
        open = undefined;
        offset += (oldLines[ai++] ?? '').length;
        bi++;
      } else if (run.kind === 'removed') {
        open ??= { start: offset, end: offset, newText: '' };
        const len = (oldLines[ai++] ?? '').length;
        open.end += len;
        offset += len;
      } else {
        open ??= { start: offset, end: offset, newText: '' };
        open.newText += newLines[bi++] ?? '';
      }
    }
  }
  if (open !== undefined) edits.push(open);
  return edits;
}
