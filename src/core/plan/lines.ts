/**
 * One linear pass over Markdown lines that knows just enough block structure to be exact about
 * where sections and list items start: fenced code and HTML comment blocks are opaque, so a
 * `## ` line inside them never starts a section (CommonMark 0.31, sections 4.5 and 4.6).
 *
 * Lines end at `\n`; a `\r` before it belongs to the line break. A lone `\r` is ordinary text:
 * treating it as a break would make offsets disagree with the editor only for files nobody writes.
 */

export interface LineView {
  /** 0-based line number in the whole text. */
  readonly index: number;
  readonly start: number;
  /** End of the content, before `\r\n` or `\n`. */
  readonly end: number;
  /** Start of the next line (`end` when the text ends without a line break). */
  readonly next: number;
  readonly content: string;
  /** Inside a fenced code or HTML comment block, its opening and closing lines included. */
  readonly opaque: boolean;
  /** This line opens an opaque block. */
  readonly opensBlock: boolean;
}

export interface WalkResult {
  /** Line that opened a block still open at `to`, if any: the rest of the range is opaque. */
  readonly unclosedBlockLine: number | undefined;
}

interface Fence {
  readonly char: string;
  readonly length: number;
}

/** Calls `visit` for each line of `text[from, to)`; `from` is a line start numbered `firstLine`. */
export function walkLines(text: string, from: number, to: number, firstLine: number, visit: (line: LineView) => void): WalkResult {
  let fence: Fence | undefined;
  let inComment = false;
  let openedAt: number | undefined;
  let index = firstLine;
  for (let start = from; start < to; index++) {
    const newline = text.indexOf('\n', start);
    const next = newline === -1 || newline >= to ? to : newline + 1;
    const end = lineEnd(text, start, next);
    const content = text.slice(start, end);
    let opaque = fence !== undefined || inComment;
    let opensBlock = false;
    if (fence !== undefined) {
      if (closesFence(content, fence)) fence = undefined;
    } else if (inComment) {
      if (content.includes('-->')) inComment = false;
    } else {
      fence = openFence(content);
      const comment = fence === undefined && /^ {0,3}<!--/.test(content);
      inComment = comment && !content.includes('-->');
      opensBlock = fence !== undefined || comment;
      opaque = opensBlock;
      if (opensBlock) openedAt = index;
    }
    visit({ index, start, end, next, content, opaque, opensBlock });
    start = next;
  }
  return { unclosedBlockLine: fence !== undefined || inComment ? openedAt : undefined };
}

/** End of a line's content: before its `\n` or `\r\n`. */
function lineEnd(text: string, start: number, next: number): number {
  if (next === start || text[next - 1] !== '\n') return next;
  return next - 2 >= start && text[next - 2] === '\r' ? next - 2 : next - 1;
}

function openFence(content: string): Fence | undefined {
  const match = /^ {0,3}(`{3,}|~{3,})/.exec(content);
  if (match === null) return undefined;
  const run = match[1] ?? '';
  // A backtick fence's info string may not contain a backtick (CommonMark 4.5): "```a`" is inline code.
  if (run[0] === '`' && content.indexOf('`', match[0].length) !== -1) return undefined;
  return { char: run[0] ?? '`', length: run.length };
}

function closesFence(content: string, fence: Fence): boolean {
  const match = /^ {0,3}(`{3,}|~{3,})[ \t]*$/.exec(content);
  const run = match?.[1];
  return run !== undefined && run[0] === fence.char && run.length >= fence.length;
}

export interface AtxHeading {
  readonly level: number;
  /** The heading text, relative to the line's start, closing `#`s and spaces excluded. */
  readonly textStart: number;
  readonly textEnd: number;
}

/** Parses an ATX heading by hand: a regex with a lazy middle would be quadratic on long lines. */
export function atxHeading(content: string): AtxHeading | undefined {
  const open = /^ {0,3}(#{1,6})(?=[ \t]|$)/.exec(content);
  if (open === null) return undefined;
  let textStart = open[0].length;
  while (textStart < content.length && isBlank(content[textStart])) textStart++;
  let textEnd = content.length;
  while (textEnd > textStart && isBlank(content[textEnd - 1])) textEnd--;
  let hashes = textEnd;
  while (hashes > textStart && content[hashes - 1] === '#') hashes--;
  // A closing sequence must be preceded by a space or be the whole text ("## #" is empty).
  if (hashes < textEnd && (hashes === textStart || isBlank(content[hashes - 1]))) {
    textEnd = hashes;
    while (textEnd > textStart && isBlank(content[textEnd - 1])) textEnd--;
  }
  return { level: (open[1] ?? '').length, textStart, textEnd };
}

function isBlank(char: string | undefined): boolean {
  return char === ' ' || char === '\t';
}

/** Width of the leading whitespace in columns, tabs to the next multiple of 4 (CommonMark 2.2). */
export function indentOf(content: string): number {
  let column = 0;
  for (const char of content) {
    if (char === ' ') column++;
    else if (char === '\t') column += 4 - (column % 4);
    else break;
  }
  return column;
}

export function isBlankLine(content: string): boolean {
  return content.trim() === '';
}
