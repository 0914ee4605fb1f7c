/**
 * Code rows of a hunk, unified or side by side. Text goes in with text nodes only; syntax colours
 * and word emphasis are merged into one run of spans per line. Unified rows never wrap (a long
 * line scrolls sideways in its pane). Side by side, each half has half the width, so a long line
 * wraps inside its half and its partner row grows with it; the virtual list estimates a hunk as
 * rows × line height and measures the wrapped ones once they are drawn.
 */
import type { ReviewLine } from '../../src/shared/reviewProtocol';
import { TOKEN_CLASSES, type LineTokens } from './highlight';
import { splitRows } from './rows';

/** The lines to draw and where they sit in the file. */
export interface LineBlock {
  readonly lines: readonly ReviewLine[];
  readonly tokens: LineTokens;
  /** Old and new line numbers of `lines[0]`. */
  readonly firstOld: number;
  readonly firstNew: number;
  /** Index in `lines` of the hunk's own first line (lines before it are expanded context). */
  readonly ownFrom: number;
  readonly ownTo: number;
  readonly selected?: ReadonlySet<number>;
  readonly cursor?: number;
}

const KIND_CLASS = ['k-ctx', 'k-del', 'k-add'] as const;
const SIGN = [' ', '−', '+'] as const;
const KIND_LABEL = ['', 'removed', 'added'] as const;

/** One line's code: colour tokens and emphasis ranges merged into spans. */
export function codeCell(text: string, tokens: Int32Array | undefined, emphasis: readonly number[] | undefined, emClass: string): HTMLSpanElement {
  const cell = document.createElement('span');
  cell.className = 'code';
  const nt = tokens ? tokens.length : 0;
  const ne = emphasis ? emphasis.length : 0;
  if (nt === 0 && ne === 0) {
    cell.textContent = text;
    return cell;
  }
  const len = text.length;
  let pos = 0;
  let ti = 0;
  let ei = 0;
  while (pos < len) {
    while (ti < nt && ((tokens as Int32Array)[ti + 1] as number) <= pos) ti += 3;
    while (ei < ne && ((emphasis as readonly number[])[ei + 1] as number) <= pos) ei += 2;
    let next = len;
    let cls = '';
    if (ti < nt) {
      const s = (tokens as Int32Array)[ti] as number;
      if (s <= pos) {
        next = Math.min(next, (tokens as Int32Array)[ti + 1] as number);
        cls = TOKEN_CLASSES[(tokens as Int32Array)[ti + 2] as number] ?? '';
      } else next = Math.min(next, s);
    }
    if (ei < ne) {
      const s = (emphasis as readonly number[])[ei] as number;
      if (s <= pos) {
        next = Math.min(next, (emphasis as readonly number[])[ei + 1] as number);
        cls = cls ? `${cls} ${emClass}` : emClass;
      } else next = Math.min(next, s);
    }
    next = Math.min(Math.max(next, pos + 1), len);
    const piece = text.slice(pos, next);
    if (cls) {
      const span = document.createElement('span');
      span.className = cls;
      span.textContent = piece;
      cell.append(span);
    } else cell.append(piece);
    pos = next;
  }
  return cell;
}

function lineNo(n: number | undefined): HTMLSpanElement {
  const el = document.createElement('span');
  el.className = 'ln';
  if (n !== undefined) el.textContent = String(n);
  return el;
}

function rowClass(block: LineBlock, i: number, kind: 0 | 1 | 2): string {
  let cls = `row ${KIND_CLASS[kind]}`;
  if (i < block.ownFrom || i >= block.ownTo) return `${cls} ctx-x`;
  const own = i - block.ownFrom;
  if (block.selected?.has(own)) cls += ' sel';
  if (block.cursor === own) cls += ' cur';
  return cls;
}

/** Old and new numbers for every line of the block (undefined on the side a line is not on). */
function numbers(block: LineBlock): { old: (number | undefined)[]; now: (number | undefined)[] } {
  const old: (number | undefined)[] = [];
  const now: (number | undefined)[] = [];
  let o = block.firstOld;
  let n = block.firstNew;
  for (const [kind] of block.lines) {
    old.push(kind === 2 ? undefined : o++);
    now.push(kind === 1 ? undefined : n++);
  }
  return { old, now };
}

function row(block: LineBlock, i: number, cells: readonly HTMLSpanElement[]): HTMLDivElement {
  const line = block.lines[i] as ReviewLine;
  const kind = line[0];
  const el = document.createElement('div');
  el.className = rowClass(block, i, kind);
  if (kind !== 0 && i >= block.ownFrom && i < block.ownTo) el.dataset.line = String(i - block.ownFrom);
  const sign = document.createElement('span');
  sign.className = 'sign';
  sign.textContent = SIGN[kind];
  if (kind !== 0) sign.setAttribute('aria-label', KIND_LABEL[kind]);
  el.append(...cells, sign, codeCell(line[1], block.tokens[i], line[2], kind === 1 ? 'em-del' : 'em-add'));
  return el;
}

function pane(side: string): { pane: HTMLDivElement; inner: HTMLDivElement } {
  const p = document.createElement('div');
  p.className = `pane ${side}`;
  const inner = document.createElement('div');
  inner.className = 'inner';
  p.append(inner);
  return { pane: p, inner };
}

export function unifiedRows(block: LineBlock): HTMLDivElement {
  const { old, now } = numbers(block);
  const { pane: p, inner } = pane('unified');
  for (let i = 0; i < block.lines.length; i++) inner.append(row(block, i, [lineNo(old[i]), lineNo(now[i])]));
  return p;
}

function filler(): HTMLDivElement {
  const el = document.createElement('div');
  el.className = 'row filler';
  el.setAttribute('aria-hidden', 'true');
  return el;
}

/**
 * Before and after, one pair of rows per line of the grid: a line that wraps makes its pair as
 * tall as it is, so the two sides stay level whatever wraps.
 */
export function splitRowsView(block: LineBlock): HTMLDivElement {
  const { old, now } = numbers(block);
  const pairs = splitRows(block.lines);
  const wrap = document.createElement('div');
  wrap.className = 'sbs';
  wrap.setAttribute('role', 'group');
  wrap.setAttribute('aria-label', 'Side by side: before on the left, after on the right');
  for (let r = 0; r < pairs.length; r += 2) {
    const l = pairs[r] as number;
    const rt = pairs[r + 1] as number;
    const left = l < 0 ? filler() : row(block, l, [lineNo(old[l])]);
    const right = rt < 0 ? filler() : row(block, rt, [lineNo(now[rt])]);
    left.classList.add('left');
    right.classList.add('right');
    const pair = document.createElement('div');
    pair.className = 'pair';
    pair.append(left, right);
    wrap.append(pair);
  }
  return wrap;
}
