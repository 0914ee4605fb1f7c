/** Pure text layout for the run log: no DOM, unit-tested in plain mocha. */
/**
 * A line cut into rows of at most `cols` characters, after a space when one is in the second half
 * of the row (a word is not split unless it is very long). The rows join back into the line.
 */
export function wrap(line: string, cols: number): string[] {
  const rows: string[] = [];
  let at = 0;
  do {
    let end = Math.min(line.length, at + cols);
    if (end < line.length) {
      const space = line.lastIndexOf(' ', end - 1);
      if (space >= at + cols / 2) end = space + 1;
    }
    rows.push(line.slice(at, end));
    at = end;
  } while (at < line.length);
  return rows;
}
