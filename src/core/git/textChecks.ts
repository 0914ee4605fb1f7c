/**
 * Checks on a working-tree file before it is diffed. A file with conflict markers is refused:
 * staging half of a conflict is how broken merges get committed.
 */
const START = /^<{7}(?: |\r?\n|$)/;
const MIDDLE = /^={7}\r?\n?$/;
const END = /^>{7}(?: |\r?\n|$)/;

/** The 1-based line of the first complete conflict block (`<<<<<<<`, `=======`, `>>>>>>>` in order), if any. */
export function conflictMarkerLine(text: string): number | undefined {
  let start: number | undefined;
  let middle = false;
  let line = 0;
  for (let at = 0; at <= text.length;) {
    const nl = text.indexOf('\n', at);
    const end = nl === -1 ? text.length : nl + 1;
    const row = text.slice(at, end);
    line++;
    if (START.test(row)) {
      start = line;
      middle = false;
    } else if (start !== undefined && MIDDLE.test(row)) {
      middle = true;
    } else if (start !== undefined && middle && END.test(row)) {
      return start;
    }
    if (nl === -1) break;
    at = end;
  }
  return undefined;
}

/** Beyond this size a file is listed, not diffed: a review of it would not be read anyway. */
export const MAX_REVIEW_BYTES = 2 * 1024 * 1024;

export function formatSize(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / (1024 * 1024)).toFixed(1)} MB` : `${Math.ceil(bytes / 1024)} KB`;
}
