/**
 * The little of CommonMark's inline syntax a plan needs: the first code span or link of a line
 * (CommonMark 6.1, 6.3). Every scan is linear in the line's length, so a 5 MB line stays fast:
 * closing backtick runs are looked up in an index instead of searched for from each opener.
 */

export interface InlineReference {
  readonly kind: 'code' | 'link';
  /** Code span content, or link destination with backslash escapes resolved. */
  readonly value: string;
}

/** The first code span or (when `links`) inline link of `line`, whichever comes first. */
export function firstReference(line: string, links: boolean): InlineReference | undefined {
  let runs: BacktickRuns | undefined;
  for (let i = 0; i < line.length; i++) {
    const char = line[i];
    if (char === '\\') {
      i++; // an escaped backtick or bracket opens nothing
    } else if (char === '`') {
      let runEnd = i;
      while (line[runEnd] === '`') runEnd++;
      runs ??= new BacktickRuns(line);
      const close = runs.next(runEnd - i, runEnd);
      if (close !== undefined) return { kind: 'code', value: codeSpanContent(line.slice(runEnd, close)) };
      i = runEnd - 1; // an unmatched run is literal text
    } else if (char === '[' && links) {
      const link = readLink(line, i);
      if (link !== undefined) return { kind: 'link', value: link };
    }
  }
  return undefined;
}

/** Maximal backtick runs by length; `next` is called with growing `from`, so cursors only advance. */
class BacktickRuns {
  private readonly starts = new Map<number, number[]>();
  private readonly cursors = new Map<number, number>();

  constructor(line: string) {
    for (let i = 0; i < line.length;) {
      if (line[i] !== '`') {
        i++;
        continue;
      }
      const start = i;
      while (line[i] === '`') i++;
      const list = this.starts.get(i - start) ?? [];
      list.push(start);
      this.starts.set(i - start, list);
    }
  }

  /** Start of the first run of exactly `length` backticks that starts at or after `from`. */
  next(length: number, from: number): number | undefined {
    const list = this.starts.get(length) ?? [];
    let cursor = this.cursors.get(length) ?? 0;
    while (cursor < list.length && (list[cursor] ?? 0) < from) cursor++;
    this.cursors.set(length, cursor);
    return list[cursor];
  }
}

function codeSpanContent(raw: string): string {
  const padded = raw.length >= 2 && raw.startsWith(' ') && raw.endsWith(' ') && raw.trim() !== '';
  return padded ? raw.slice(1, -1) : raw;
}

/**
 * Reads `[label](destination "title")` at `open`. Labels with nested brackets or code spans are
 * not links here (the code span inside is found instead), and a destination scan stops at the next
 * `](`: both keep the scan linear, and neither occurs in a path.
 */
function readLink(line: string, open: number): string | undefined {
  let i = open + 1;
  while (i < line.length && line[i] !== ']' && line[i] !== '[' && line[i] !== '`') i += line[i] === '\\' ? 2 : 1;
  if (line[i] !== ']' || line[i + 1] !== '(') return undefined;
  i += 2;
  while (line[i] === ' ' || line[i] === '\t') i++;
  let destination: string;
  if (line[i] === '<') {
    const start = i + 1;
    for (i = start; i < line.length && line[i] !== '>' && line[i] !== '<'; i += line[i] === '\\' ? 2 : 1);
    if (line[i] !== '>') return undefined;
    destination = line.slice(start, i++);
  } else {
    const start = i;
    for (let depth = 0; i < line.length; i += line[i] === '\\' ? 2 : 1) {
      const char = line[i] ?? '';
      if (char === ' ' || char === '\t' || (char === ']' && line[i + 1] === '(')) break;
      if (char === '(') depth++;
      if (char === ')' && depth-- === 0) break;
    }
    destination = line.slice(start, i);
  }
  while (line[i] === ' ' || line[i] === '\t') i++;
  const quote = line[i] === '"' || line[i] === "'" ? line[i] : undefined;
  if (quote !== undefined) {
    i = line.indexOf(quote, i + 1);
    if (i === -1) return undefined;
    i++;
    while (line[i] === ' ' || line[i] === '\t') i++;
  }
  return line[i] === ')' ? destination.replace(/\\([!-/:-@[-`{-~])/g, '$1') : undefined;
}

/**
 * A reference names a workspace path unless it is empty or a URL (`scheme:`). The fragment and
 * query of a link (`a.ts#L10`) are not part of the path.
 */
export function referencedPath(reference: InlineReference | undefined): string | undefined {
  if (reference === undefined) return undefined;
  const value = (reference.kind === 'link' ? reference.value.replace(/[#?].*$/s, '') : reference.value).trim();
  return value === '' || /^[A-Za-z][A-Za-z0-9+.-]*:/.test(value) ? undefined : value;
}
