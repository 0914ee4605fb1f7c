/**
 * Whether a hunk changes only whitespace, as `git diff -b` sees it: it removes and adds the same
 * number of lines, and each pair is equal once the ends are trimmed and every inner run of
 * whitespace is one space. Re-indented and re-spaced code is hidden by the review's `w`;
 * whitespace removed inside a line (`"a b"` to `"ab"`, which can change a string) is not.
 */
export function isWhitespaceOnly(lines: readonly (readonly [kind: 0 | 1 | 2, text: string, ...rest: readonly unknown[]])[]): boolean {
  const removed: string[] = [];
  const added: string[] = [];
  for (const [kind, text] of lines) {
    if (kind === 1) removed.push(text);
    else if (kind === 2) added.push(text);
  }
  if (removed.length === 0 || removed.length !== added.length) return false;
  return removed.every((r, i) => squash(r) === squash(added[i] ?? ''));
}

function squash(text: string): string {
  return text.trim().replace(/\s+/g, ' ');
}
