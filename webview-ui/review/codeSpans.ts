/**
 * The agent's and the tripwires' words quote code between backticks ("`npm test` passes"). They
 * are shown with those spans as code, built from text nodes only; a backtick without a partner
 * stays a backtick, so no text is lost or swallowed.
 */
export interface TextSpan {
  readonly text: string;
  readonly code: boolean;
}

/** Splits `text` into plain and code spans; every character of `text` lands in one span. */
export function codeSpans(text: string): TextSpan[] {
  const out: TextSpan[] = [];
  let plain = '';
  let at = 0;
  while (at < text.length) {
    const open = text.indexOf('`', at);
    const close = open < 0 ? -1 : text.indexOf('`', open + 1);
    if (open < 0 || close < 0) break;
    plain += text.slice(at, open);
    if (close === open + 1) {
      // An empty pair is not code: keep both backticks as text.
      plain += '``';
    } else {
      if (plain !== '') out.push({ text: plain, code: false });
      plain = '';
      out.push({ text: text.slice(open + 1, close), code: true });
    }
    at = close + 1;
  }
  plain += text.slice(at);
  if (plain !== '') out.push({ text: plain, code: false });
  return out;
}

/** The text without its backticks, for a label that has room for plain text only. */
export function plainText(text: string): string {
  return codeSpans(text)
    .map((s) => s.text)
    .join('');
}
