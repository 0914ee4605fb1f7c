/**
 * Lossless line splitting. Every line keeps its terminator, so `joinLines(splitLines(t)) === t`
 * for every string `t`, byte for byte: CRLF, lone LF, a missing final newline and a BOM (which
 * stays at the start of the first line) all survive. Only `\n` ends a line; a lone `\r` stays
 * inside its line, which is what git does when it diffs.
 */
export function splitLines(text: string): string[] {
  const lines: string[] = [];
  let start = 0;
  for (;;) {
    const nl = text.indexOf('\n', start);
    if (nl === -1) break;
    lines.push(text.slice(start, nl + 1));
    start = nl + 1;
  }
  if (start < text.length) lines.push(text.slice(start));
  return lines;
}

/**
 * Where each line of `splitLines(text)` starts, and the text's length last: line `i` is
 * `text.slice(starts[i], starts[i + 1])`. No string per line, for large texts.
 */
export function lineStarts(text: string): Int32Array {
  // One scan; the buffer starts at a guess (lines of ~32 characters) and doubles when short.
  let starts = new Int32Array(Math.max(16, (text.length >> 5) + 2));
  let k = 1;
  for (let nl = text.indexOf('\n'); nl !== -1; nl = text.indexOf('\n', nl + 1)) {
    if (k + 2 > starts.length) {
      const grown = new Int32Array(starts.length * 2);
      grown.set(starts);
      starts = grown;
    }
    starts[k++] = nl + 1;
  }
  if (text.length > 0 && !text.endsWith('\n')) starts[k++] = text.length;
  return starts.slice(0, k);
}

export function joinLines(lines: readonly string[]): string {
  return lines.join('');
}

/** The terminator of one line: '\r\n', '\n', or '' for a last line without a newline. */
export function lineEnding(line: string): '' | '\n' | '\r\n' {
  if (!line.endsWith('\n')) return '';
  return line.endsWith('\r\n') ? '\r\n' : '\n';
}

/** A line without its terminator. */
export function lineContent(line: string): string {
  return line.slice(0, line.length - lineEnding(line).length);
}

/** A zero-based position as VS Code counts it (`\r\n`, `\n` and a lone `\r` all break lines). */
export interface Position {
  readonly line: number;
  readonly character: number;
}

/**
 * Maps string offsets to VS Code positions. Built once per text; `positionAt` is O(log lines).
 * VS Code also breaks lines at a lone `\r`, so this follows its rules rather than `splitLines`'.
 */
export class PositionMap {
  private readonly starts: number[] = [0];

  constructor(private readonly text: string) {
    if (!text.includes('\r')) {
      // The usual case, at native speed: accepting a hunk maps offsets in the whole document.
      for (let nl = text.indexOf('\n'); nl !== -1; nl = text.indexOf('\n', nl + 1)) this.starts.push(nl + 1);
      return;
    }
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 13 /* \r */) {
        if (text.charCodeAt(i + 1) === 10) i++;
        this.starts.push(i + 1);
      } else if (c === 10) {
        this.starts.push(i + 1);
      }
    }
  }

  positionAt(offset: number): Position {
    const clamped = Math.max(0, Math.min(offset, this.text.length));
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((this.starts[mid] ?? 0) <= clamped) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo, character: clamped - (this.starts[lo] ?? 0) };
  }
}
