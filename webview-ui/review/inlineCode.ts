import { h } from '../vscodeApi';
import { codeSpans } from './codeSpans';

/** `text` as nodes: code spans in `<code>`, the rest as text (see codeSpans.ts). */
export function withCode(text: string): (Node | string)[] {
  return codeSpans(text).map((s) => (s.code ? h('code', { text: s.text }) : s.text));
}
