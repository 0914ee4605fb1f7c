/**
 * Top-level list items of a section body: the unit of Steps, Context, Checks and Constraints.
 * Nested items and continuation lines belong to the item above them (a sub-task is part of its
 * step); this follows CommonMark's container rules (5.2, 5.3) closely enough to be exact for
 * lists as people and models write them, in one linear pass.
 */
import { atxHeading, indentOf, isBlankLine, walkLines, type LineView } from './lines';

export interface ListItem {
  readonly line: number;
  /** Offset of the first character after the marker and its spaces. */
  readonly contentStart: number;
  /** End of the item's first line (before its line break). */
  readonly end: number;
  /** The item's first line after the marker and its spaces. */
  readonly content: string;
}

const MARKER = /^( {0,3})([-*+]|\d{1,9}[.)])(?:[ \t]+|$)/;
const THEMATIC_BREAK = /^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$/;

/** An unclosed block is not reported here: the whole-file pass already warns about it. */
export function topLevelItems(text: string, from: number, to: number, firstLine: number): ListItem[] {
  const items: ListItem[] = [];
  let open: number | undefined; // content column of the current top-level item
  let previousBlank = false;
  walkLines(text, from, to, firstLine, (line: LineView) => {
    const indent = indentOf(line.content);
    if (line.opaque) {
      if (line.opensBlock && open !== undefined && indent < open) open = undefined;
      previousBlank = false;
      return;
    }
    if (isBlankLine(line.content)) {
      previousBlank = true;
      return;
    }
    const marker = THEMATIC_BREAK.test(line.content) ? null : MARKER.exec(line.content);
    if (marker !== null && (open === undefined || indent < open)) {
      open = contentColumn(line.content, marker);
      const contentStart = line.start + marker[0].length;
      items.push({ line: line.index, contentStart, end: line.end, content: text.slice(contentStart, line.end) });
    } else if (open !== undefined && indent < open && marker === null) {
      // Only a paragraph continues lazily; after a blank line, a heading or a rule, the list is over.
      const ends = previousBlank || atxHeading(line.content) !== undefined || THEMATIC_BREAK.test(line.content);
      if (ends) open = undefined;
    }
    previousBlank = false;
  });
  return items;
}

/** CommonMark 5.2: content starts after the marker and 1–4 columns of space; 5 or more is code, so 1. */
function contentColumn(content: string, marker: RegExpExecArray): number {
  const markerEnd = (marker[1] ?? '').length + (marker[2] ?? '').length;
  const blanks = marker[0].length - markerEnd;
  return markerEnd + (blanks >= 1 && blanks <= 4 && content.length > marker[0].length ? blanks : 1);
}
