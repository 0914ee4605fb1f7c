/**
 * The live log of a run (issue 5): thousands of lines stay responsive because only the rows in
 * view are in the DOM. Every row has the same height, and long lines are wrapped by column count
 * (a monospace font), so the height of everything is known without measuring: appending never
 * moves what the user is reading, and the view follows the tail while it is at the bottom (a
 * resize, such as the run card growing at the end of a run, keeps it there).
 * A tool call is one line that opens to its input and result; a clipped entry opens to its whole
 * text, which comes with the entry when small and is asked of the host by the clip's id otherwise.
 */
import type { LogEntry } from '../../src/shared/planProtocol';
import { codicon, h } from '../vscodeApi';
import { headline, type Span } from './logText';
import { wrap } from './wrap';

const ROW = 18;
const OVERSCAN = 10;
/** What a row spends besides its text, in px: padding 2 × 6, the 16 px icon, a 4 px gap. */
const ROW_CHROME = 32;
/** The chevron and its space before a headline that opens. */
const CHEVRON = 2;

interface Row {
  readonly entry: number;
  readonly text: string;
  /** The first row of an entry shows its icon. */
  readonly first: boolean;
  /** A row of the line that opens and closes the entry (a tool call, thinking); `toggle` on its first. */
  readonly head?: boolean;
  readonly toggle?: boolean;
  /** Code spans and the entry's file link in this row, by offset in `text`. */
  readonly spans?: readonly Span[];
  /** A row of an opened tool call's input and result. */
  readonly detail?: boolean;
  /** The row that shows the rest of a clipped entry or hides it again. */
  readonly more?: boolean;
}

const ICONS: Readonly<Record<LogEntry['kind'], string>> = {
  text: 'comment',
  thinking: 'lightbulb',
  tool: 'tools',
  result: 'arrow-small-right',
  error: 'error',
  check: 'pass',
  info: 'info',
  user: 'account',
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
  /** Entries the user opened (thinking, tool calls); the rest show one line. */
  private readonly expanded = new Set<number>();
  /** Clips the user opened to their whole text, by clip id; the whole texts fetched from the host. */
  private readonly showWhole = new Set<string>();
  private readonly wholes = new Map<string, string | null>();

  constructor(
    private readonly openPath: (pathId: string) => void,
    private readonly askWhole: (clipId: string) => Promise<string | undefined>,
  ) {
    this.sizer = h('div', { className: 'log-sizer' });
    this.element = h('div', { className: 'log', attrs: { role: 'log', 'aria-label': 'Run log', tabindex: '0', 'aria-live': 'off' } }, this.sizer);
    this.element.addEventListener(
      'scroll',
      () => {
        this.stick = this.atEnd();
        this.schedule();
      },
      { passive: true },
    );
    this.element.addEventListener('keydown', (e) => {
      if ((e.key === 'Enter' || e.key === ' ') && e.target instanceof HTMLElement && e.target.matches('.path, .toggle, .more')) {
        e.preventDefault();
        e.target.click();
      }
    });
    new ResizeObserver(() => {
      const cols = this.columns();
      if (cols !== this.cols) {
        this.cols = cols;
        this.rewrap(0);
      } else if (this.stick) this.element.scrollTop = this.element.scrollHeight;
      this.schedule();
    }).observe(this.element);
  }

  /** Replace entries from `from` on (the host re-sends a growing streamed entry); none from 0 empties it for another run. */
  update(from: number, entries: readonly LogEntry[]): void {
    const start = Math.min(from, this.entries.length);
    // Another run's log is followed from its start, wherever the last one was scrolled to.
    if (start === 0 && entries.length === 0) this.stick = true;
    // From 0: the host renumbered the log (its oldest entries gave way), so indexes moved.
    if (start === 0) this.expanded.clear();
    this.entries.splice(start, this.entries.length - start, ...entries);
    this.rewrap(start);
  }

  get length(): number {
    return this.entries.length;
  }

  private atEnd(): boolean {
    const el = this.element;
    return el.scrollTop + el.clientHeight >= el.scrollHeight - ROW;
  }

  /** Lays out the rows of the entries from `fromEntry` on; `keep`: the user opened something, the view stays put. */
  private rewrap(fromEntry: number, keep = false): void {
    const rowStart = this.firstRow[fromEntry] ?? this.rows.length;
    this.rows.length = rowStart;
    this.firstRow.length = fromEntry;
    for (let i = fromEntry; i < this.entries.length; i++) {
      const entry = this.entries[i];
      if (entry) this.layout(i, entry);
    }
    for (const [index, el] of this.mounted) {
      if (index >= rowStart) {
        el.remove();
        this.mounted.delete(index);
      }
    }
    this.sizer.style.height = `${this.rows.length * ROW}px`;
    if (keep) this.stick = this.atEnd();
    else if (this.stick) this.element.scrollTop = this.rows.length * ROW;
    this.schedule();
  }

  private layout(i: number, entry: LogEntry): void {
    this.firstRow.push(this.rows.length);
    const opens = entry.kind === 'thinking' || entry.detail !== undefined;
    const open = opens && this.expanded.has(i);
    const clip = entry.clipped;
    const whole = clip && this.showWhole.has(clip.id) ? (this.wholes.get(clip.id) ?? clip.full) : undefined;
    // The clip is of the detail when there is one, else of the text.
    const text = opens ? entry.text : (whole ?? entry.text);
    let first = true;
    let body: string | undefined;
    if (entry.kind === 'thinking') {
      this.rows.push({ entry: i, text: open ? 'Thinking' : 'Thinking…', first, head: true, toggle: true });
      first = false;
      body = text;
    } else if (entry.kind === 'text' || entry.kind === 'user') {
      // The user's own words, like the model's: plain text, no code spans read into backticks.
      body = text;
    } else {
      // The first line is the headline: its code spans styled, the entry's file a link.
      const nl = text.indexOf('\n');
      const line = headline(nl === -1 ? text : text.slice(0, nl), entry.path?.label);
      let at = 0;
      for (const piece of wrap(line.text, Math.max(10, this.cols - (opens ? CHEVRON : 0)))) {
        const end = at + piece.length;
        const spans = line.spans
          .filter((s) => s.end > at && s.start < end)
          .map((s) => ({ ...s, start: Math.max(0, s.start - at), end: Math.min(piece.length, s.end - at) }));
        this.rows.push({ entry: i, text: piece, first, ...(opens ? { head: true, toggle: first } : {}), ...(spans.length ? { spans } : {}) });
        first = false;
        at = end;
      }
      body = opens ? (whole ?? entry.detail) : nl === -1 ? undefined : text.slice(nl + 1);
    }
    if (opens && !open) return;
    const detail = entry.detail !== undefined;
    for (const line of body === undefined ? [] : body.split('\n')) {
      for (const piece of wrap(line, this.cols)) {
        this.rows.push({ entry: i, text: piece, first, ...(detail ? { detail } : {}) });
        first = false;
      }
    }
    if (clip) this.rows.push({ entry: i, text: this.moreLabel(clip.id, clip.more, whole !== undefined), first: false, more: true });
  }

  private moreLabel(id: string, more: string, shown: boolean): string {
    if (shown) return '▴ Show less';
    if (!this.showWhole.has(id)) return `… ${more} (show all)`;
    return this.wholes.get(id) === null ? `… ${more} (no longer kept)` : `… ${more} (loading)`;
  }

  private toggle(i: number): void {
    if (this.expanded.has(i)) this.expanded.delete(i);
    else this.expanded.add(i);
    this.rewrap(i, true);
  }

  private toggleWhole(i: number): void {
    const clip = this.entries[i]?.clipped;
    if (!clip) return;
    if (this.showWhole.delete(clip.id)) return this.rewrap(i, true);
    this.showWhole.add(clip.id);
    if (clip.full === undefined && !this.wholes.has(clip.id)) {
      void this.askWhole(clip.id).then((text) => {
        this.wholes.set(clip.id, text ?? null);
        const at = this.entries.findIndex((e) => e.clipped?.id === clip.id);
        if (at !== -1) this.rewrap(at, true);
      });
    }
    this.rewrap(i, true);
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
    const entry = this.entries[row.entry];
    const kind = entry?.kind ?? 'info';
    const el = h('div', { className: `log-row ${kind}${row.detail ? ' detail' : ''}${row.head ? ' head' : ''}`, attrs: { 'data-entry': String(row.entry) } });
    el.append(row.first ? codicon(ICONS[kind]) : h('span', { className: 'indent' }));
    if (row.more) {
      el.append(h('a', { className: 'more', text: row.text, attrs: { role: 'button', tabindex: '0' }, onClick: () => this.toggleWhole(row.entry) }));
      return el;
    }
    if (row.head) {
      const open = this.expanded.has(row.entry);
      // The whole line opens and closes the entry; the chevron is its button for the keyboard.
      el.addEventListener('click', (e) => {
        if (!(e.target instanceof HTMLElement && e.target.closest('.path'))) this.toggle(row.entry);
      });
      if (kind === 'thinking') {
        el.append(
          h('a', { className: 'toggle', text: `${open ? '▾' : '▸'} ${row.text}`, attrs: { role: 'button', tabindex: '0', 'aria-expanded': String(open) } }),
        );
        return el;
      }
      el.append(
        row.toggle
          ? h('a', {
              className: 'toggle',
              text: open ? '▾ ' : '▸ ',
              attrs: { role: 'button', tabindex: '0', 'aria-expanded': String(open), 'aria-label': open ? 'Hide the input' : 'Show the input' },
            })
          : h('span', { className: 'chevron-space', text: '  ' }),
      );
    }
    el.append(this.spanned(row));
    return el;
  }

  /** The row's text with its code spans and file link. */
  private spanned(row: Row): HTMLElement {
    const line = h('span', { className: 'text' });
    const path = this.entries[row.entry]?.path;
    let at = 0;
    for (const span of row.spans ?? []) {
      if (span.start > at) line.append(row.text.slice(at, span.start));
      const text = row.text.slice(span.start, span.end);
      line.append(
        span.path && path
          ? h('a', { className: 'path', text, attrs: { role: 'link', tabindex: '0', title: `Open ${path.label}` }, onClick: () => this.openPath(path.id) })
          : h('span', { className: 'code', text }),
      );
      at = span.end;
    }
    if (at < row.text.length) line.append(row.text.slice(at));
    return line;
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
