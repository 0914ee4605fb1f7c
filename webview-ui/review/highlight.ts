/**
 * Syntax highlighting with highlight.js, read as tokens instead of HTML: a small emitter records
 * [start, end, colour class] per scope, so code is put in the page with textContent only and can
 * be merged with the word emphasis. Each side of a hunk (old: context + removed, new: context +
 * added) is highlighted as one text, so a comment or string that spans lines keeps its colour.
 */
import hljs from 'highlight.js/lib/core';
import type { Emitter } from 'highlight.js';
import bash from 'highlight.js/lib/languages/bash';
import css from 'highlight.js/lib/languages/css';
import diff from 'highlight.js/lib/languages/diff';
import go from 'highlight.js/lib/languages/go';
import java from 'highlight.js/lib/languages/java';
import javascript from 'highlight.js/lib/languages/javascript';
import json from 'highlight.js/lib/languages/json';
import markdown from 'highlight.js/lib/languages/markdown';
import python from 'highlight.js/lib/languages/python';
import rust from 'highlight.js/lib/languages/rust';
import typescript from 'highlight.js/lib/languages/typescript';
import xml from 'highlight.js/lib/languages/xml';
import yaml from 'highlight.js/lib/languages/yaml';
import type { ReviewLine } from '../../src/shared/reviewProtocol';

/** Colour classes; index 0 is "no colour". CSS maps each to a theme variable (review.css). */
export const TOKEN_CLASSES = ['', 'tk-kw', 'tk-str', 'tk-num', 'tk-lit', 'tk-com', 'tk-fn', 'tk-type', 'tk-var', 'tk-attr', 'tk-meta', 'tk-tag'] as const;
const [, KW, STR, NUM, LIT, COM, FN, TYPE, VAR, ATTR, META, TAG] = TOKEN_CLASSES.map((_, i) => i) as number[];

const SCOPES: Record<string, number | undefined> = {
  keyword: KW,
  'variable.language': KW,
  section: KW,
  bullet: KW,
  'selector-tag': TAG,
  deletion: KW,
  string: STR,
  regexp: STR,
  code: STR,
  link: STR,
  addition: STR,
  'meta.string': STR,
  number: NUM,
  literal: LIT,
  symbol: LIT,
  'char.escape': LIT,
  'variable.constant': LIT,
  comment: COM,
  doc: COM,
  quote: COM,
  'title.function': FN,
  title: FN,
  'title.class': TYPE,
  type: TYPE,
  built_in: TYPE,
  'selector-class': TYPE,
  'selector-id': TYPE,
  'title.class.inherited': TYPE,
  variable: VAR,
  params: VAR,
  subst: VAR,
  'template-variable': VAR,
  attr: ATTR,
  attribute: ATTR,
  property: ATTR,
  'selector-attr': ATTR,
  'selector-pseudo': ATTR,
  meta: META,
  'meta.keyword': KW,
  name: TAG,
};

function classOf(scope: string): number {
  let s = scope;
  for (;;) {
    const hit = SCOPES[s];
    if (hit !== undefined) return hit;
    const dot = s.lastIndexOf('.');
    if (dot < 0) return 0;
    s = s.slice(0, dot);
  }
}

/** Collects flat [start, end, class] triples instead of building HTML. */
class TokenEmitter implements Emitter {
  readonly tokens: number[] = [];
  length = 0;
  private readonly stack: number[] = [];

  addText(text: string): void {
    const cls = this.stack[this.stack.length - 1] ?? 0;
    if (cls > 0 && text.length > 0) this.tokens.push(this.length, this.length + text.length, cls);
    this.length += text.length;
  }
  startScope(scope: string): void {
    // An unknown scope keeps its parent's colour, so `subst` inside a string is not reset.
    this.stack.push(classOf(scope) || (this.stack[this.stack.length - 1] ?? 0));
  }
  endScope(): void {
    this.stack.pop();
  }
  // The parser also calls the older names for a mode's own scope; without them it throws midway
  // and (in safe mode) returns the text uncoloured from that point on.
  openNode(scope: string): void {
    this.startScope(scope);
  }
  closeNode(): void {
    this.endScope();
  }
  __addSublanguage(other: Emitter): void {
    if (!(other instanceof TokenEmitter)) return;
    const t = other.tokens;
    for (let i = 0; i < t.length; i += 3) this.tokens.push((t[i] as number) + this.length, (t[i + 1] as number) + this.length, t[i + 2] as number);
    this.length += other.length;
  }
  finalize(): void {}
  toHTML(): string {
    return '';
  }
}

const languages = { bash, css, diff, go, java, javascript, json, markdown, python, rust, typescript, xml, yaml };
for (const [name, lang] of Object.entries(languages)) hljs.registerLanguage(name, lang);
hljs.configure({ __emitter: TokenEmitter });

/** Past this size a side is left plain: highlighting a minified file would stall paging. */
const MAX_SIDE_CHARS = 50_000;

function tokenize(language: string, text: string): number[] {
  const result = hljs.highlight(text, { language, ignoreIllegals: true });
  const emitter = result._emitter;
  return emitter instanceof TokenEmitter ? emitter.tokens : [];
}

/** Per line: flat [start, end, class] triples relative to the line, or undefined when plain. */
export type LineTokens = readonly (Int32Array | undefined)[];

const cache = new WeakMap<readonly ReviewLine[], LineTokens>();

export function hasLanguage(language: string): boolean {
  return language !== '' && hljs.getLanguage(language) !== undefined;
}

export function highlightLines(language: string, lines: readonly ReviewLine[]): LineTokens {
  const hit = cache.get(lines);
  if (hit) return hit;
  const out: (Int32Array | undefined)[] = new Array(lines.length).fill(undefined);
  if (hasLanguage(language)) {
    side(language, lines, 1, out);
    side(language, lines, 2, out);
  }
  cache.set(lines, out);
  return out;
}

/** Highlights one side (context lines plus the lines of kind `own`) and slices its tokens per line. */
function side(language: string, lines: readonly ReviewLine[], own: 1 | 2, out: (Int32Array | undefined)[]): void {
  const idx: number[] = [];
  const starts: number[] = [];
  let text = '';
  lines.forEach(([kind, line], i) => {
    if (kind !== 0 && kind !== own) return;
    idx.push(i);
    starts.push(text.length);
    text += line + '\n';
  });
  if (idx.length === 0 || text.length > MAX_SIDE_CHARS) return;
  const tokens = tokenize(language, text);
  let t = 0;
  idx.forEach((lineIndex, j) => {
    const line = lines[lineIndex] as ReviewLine;
    // Context lines sit on both sides; the new side's colours win.
    if (own === 1 && line[0] === 0) return;
    const ls = starts[j] as number;
    const le = ls + line[1].length;
    while (t < tokens.length && (tokens[t + 1] as number) <= ls) t += 3;
    const mine: number[] = [];
    for (let u = t; u < tokens.length && (tokens[u] as number) < le; u += 3) {
      const s = Math.max(tokens[u] as number, ls);
      const e = Math.min(tokens[u + 1] as number, le);
      if (e > s) mine.push(s - ls, e - ls, tokens[u + 2] as number);
    }
    out[lineIndex] = mine.length > 0 ? Int32Array.from(mine) : undefined;
  });
}
