/**
 * The live log of a run (issue 5): thousands of lines stay responsive because only the rows in
 * view are in the DOM. Every row has the same height, and long lines are wrapped by column count
 * (a monospace font), so the height of everything is known without measuring: appending never
 * moves what the user is reading, and the view follows the tail only while it is at the bottom.
 */
import type { LogEntry } from '../../src/shared/planProtocol';
import { codicon, h } from '../vscodeApi';
import { wrap } from './wrap';

const ROW = 18;
const OVERSCAN = 10;
/** What a row spends besides its text, in px: padding 2 × 6, the 16 px icon, a 4 px gap. */
const ROW_CHROME = 32;

interface Row {
  readonly entry: number;
  readonly text: string;
  /** The first row of an entry shows its icon; a path row shows the path as a link. */
  readonly first: boolean;
  readonly path?: { readonly id: string; readonly label: string };
  /** The header row of a thinking entry: a click opens or closes it. */
  readonly toggle?: boolean;
}

const ICONS: Readonly<Record<LogEntry['kind'], string>> = {
  text: 'comment',
  thinking: 'lightbulb',
  tool: 'tools',
  result: 'arrow-small-right',
  error: 'error',
  check: 'pass',
  info: 'info',
};

export class LogView {
  readonly element: HTMLElement;
  private readonly sizer: HTMLElement;
  private entries: LogEntry[] = [];
  private rows: Row[] = [];
  /** Index of each entry's first row. */
  private firstRow: number[] = [];
  private cols = 80;
  private charWidth = 0;
  private mounted = new Map<number, HTMLElement>();
  private frame = 0;
  private stick = true;
  /** Thinking entries the user opened; the rest show one "Thinking…" row. */
  private readonly expanded = new Set<number>();

  constructor(private readonly openPath: (pathId: string) => void) {
    this.sizer = h('div', { className: 'log-sizer' });
    this.element = h('div', { className: 'log', attrs: { role: 'log', 'aria-label': 'Run log', tabindex: '0', 'aria-live': 'off' } }, this.sizer);
    this.element.addEventListener(
      'scroll',
      () => {
        const el = this.element;
        this.stick = el.scrollTop + el.clientHeight >= el.scrollHeight - ROW;
        this.schedule();
      },
      { passive: true },
    );
    this.element.addEventListener('keydown', (e) => {
      if (
        (e.key === 'Enter' || e.key === ' ') &&
        e.target instanceof HTMLElement &&
        (e.target.classList.contains('path') || e.target.classList.contains('toggle'))
      ) {
        e.preventDefault();
        e.target.click();
      }
    });
    new ResizeObserver(() => {
      const cols = this.columns();
      if (cols !== this.cols) {
        this.cols = cols;
        this.rewrap(0);
      }
      this.schedule();
    }).observe(this.element);
  }

  /** Replace entries from `from` on (the host re-sends a growing streamed entry). */
  update(from: number, entries: readonly LogEntry[]): void {
    const start = Math.min(from, this.entries.length);
    // From 0: the host renumbered the log (its oldest entries gave way), so indexes moved.
    if (start === 0) this.expanded.clear();
    this.entries.splice(start, this.entries.length - start, ...entries);
    this.rewrap(start);
  }

  get length(): number {
    return this.entries.length;
  }

  private rewrap(fromEntry: number): void {
    const rowStart = this.firstRow[fromEntry] ?? this.rows.length;
    this.rows.length = rowStart;
    this.firstRow.length = fromEntry;
    for (let i = fromEntry; i < this.entries.length; i++) {
      const entry = this.entries[i];
      if (!entry) continue;
      this.firstRow.push(this.rows.length);
      let first = true;
      let text = entry.text;
      if (entry.kind === 'thinking') {
        const open = this.expanded.has(i);
        this.rows.push({ entry: i, text: open ? 'Thinking' : 'Thinking…', first, toggle: true });
        first = false;
        if (!open) continue;
      }
      if (entry.path) {
        // A tool call about a file: its name and the file as a link, then its arguments.
        const space = entry.kind === 'tool' ? text.indexOf(' ') : -1;
        this.rows.push({ entry: i, text: space === -1 ? text : text.slice(0, space), first, path: entry.path });
        first = false;
        if (space === -1) continue;
        text = text.slice(space + 1);
      }
      for (const line of text.split('\n')) {
        for (const piece of wrap(line, this.cols)) {
          this.rows.push({ entry: i, text: piece, first });
          first = false;
        }
      }
    }
    for (const [index, el] of this.mounted) {
      if (index >= rowStart) {
        el.remove();
        this.mounted.delete(index);
      }
    }
    this.sizer.style.height = `${this.rows.length * ROW}px`;
    if (this.stick) this.element.scrollTop = this.rows.length * ROW;
    this.schedule();
  }

  private schedule(): void {
    if (this.frame) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      this.paint();
    });
  }

  private paint(): void {
    const top = this.element.scrollTop;
    const height = this.element.clientHeight || 300;
    const first = Math.max(0, Math.floor(top / ROW) - OVERSCAN);
    const last = Math.min(this.rows.length, Math.ceil((top + height) / ROW) + OVERSCAN);
    for (const [index, el] of this.mounted) {
      if (index < first || index >= last) {
        el.remove();
        this.mounted.delete(index);
      }
    }
    for (let i = first; i < last; i++) {
      if (this.mounted.has(i)) continue;
      const row = this.rows[i];
      if (!row) continue;
      const el = this.renderRow(row);
      el.style.top = `${i * ROW}px`;
      this.sizer.append(el);
      this.mounted.set(i, el);
    }
  }

  private renderRow(row: Row): HTMLElement {
    const kind = this.entries[row.entry]?.kind ?? 'info';
    const el = h('div', { className: `log-row ${kind}`, attrs: { 'data-entry': String(row.entry) } });
    el.append(row.first ? codicon(ICONS[kind]) : h('span', { className: 'indent' }));
    if (row.toggle) {
      const open = this.expanded.has(row.entry);
      const toggle = (): void => {
        if (open) this.expanded.delete(row.entry);
        else this.expanded.add(row.entry);
        this.rewrap(row.entry);
      };
      el.append(
        h('a', {
          className: 'toggle',
          text: `${open ? '▾' : '▸'} ${row.text}`,
          attrs: { role: 'button', tabindex: '0', 'aria-expanded': String(open) },
          onClick: toggle,
        }),
      );
      return el;
    }
    if (row.path) {
      const { id, label } = row.path;
      el.append(h('span', { text: `${row.text} ` }));
      el.append(h('a', { className: 'path', text: label, attrs: { role: 'link', tabindex: '0', title: `Open ${label}` }, onClick: () => this.openPath(id) }));
      return el;
    }
    el.append(h('span', { text: row.text }));
    return el;
  }

  private columns(): number {
    if (!this.charWidth) {
      // An inline span in the rows' font: a row itself stretches to the log's width.
      const probe = h('span', { className: 'log-probe', text: 'x'.repeat(100) });
      this.element.append(probe);
      this.charWidth = probe.getBoundingClientRect().width / 100;
      probe.remove();
    }
    // Hidden (width 0): keep the last count until the log is laid out.
    if (!this.charWidth || this.element.clientWidth === 0) {
      this.charWidth = 0;
      return this.cols;
    }
    return Math.max(20, Math.floor((this.element.clientWidth - ROW_CHROME) / this.charWidth));
  }
}
