/** Pure text of the run log's rows: no DOM, unit-tested in plain mocha. */

/** A code span of a headline, or the entry's file (a link), by offsets in the headline's text. */
export interface Span {
  readonly start: number;
  readonly end: number;
  readonly path: boolean;
}

/**
 * A headline's text without its backticks and the spans they marked; the code span that is the
 * entry's `path` is the link. An entry whose text does not name its path (a proposal note) gets
 * the path after its text.
 */
export function headline(text: string, path: string | undefined): { text: string; spans: Span[] } {
  const flat = text.replace(/\n/g, ' ');
  const parts = flat.split('`');
  // An odd backtick leaves an unclosed span: it is shown as text.
  if (parts.length % 2 === 0) return withPath(flat, [], path);
  let out = '';
  const spans: Span[] = [];
  parts.forEach((part, i) => {
    if (i % 2 === 1) spans.push({ start: out.length, end: out.length + part.length, path: part === path });
    out += part;
  });
  return withPath(out, spans, path);
}

function withPath(text: string, spans: Span[], path: string | undefined): { text: string; spans: Span[] } {
  if (path === undefined || spans.some((s) => s.path)) return { text, spans };
  const start = text.length + 1;
  return { text: `${text} ${path}`, spans: [...spans, { start, end: start + path.length, path: true }] };
}
