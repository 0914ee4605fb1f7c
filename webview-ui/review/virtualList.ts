/**
 * A vertical list that keeps only the items near the viewport in the DOM (issue 6: "only what is
 * on screen is rendered"; issue 7: 2,000 hunks paint the first one in ≤100 ms). Items sit between
 * two spacers whose heights stand for the items not mounted. Heights start as estimates and are
 * replaced by measurements from a ResizeObserver, which runs after layout and before paint, so a
 * correction never shows as a jump. Items above the viewport that change height shift the scroll
 * position by the same amount, so what the user is reading stays put.
 */
/** Mounted ahead of time, in viewports above and below (filled when idle). */
const OVERSCAN = 1;
/** Kept mounted once built, in viewports: scrolling back and forth does not rebuild. */
const KEEP = 2.5;

export interface VirtualListHost {
  count(): number;
  estimate(index: number): number;
  render(index: number): HTMLElement;
}

export class VirtualList {
  private heights = new Float64Array(0);
  private offsets = new Float64Array(1);
  private dirtyFrom = 0;
  private start = 0;
  private end = 0;
  private readonly mounted = new Map<number, HTMLElement>();
  private readonly indexOf = new WeakMap<Element, number>();
  private readonly top: HTMLDivElement;
  private readonly bottom: HTMLDivElement;
  private readonly observer: ResizeObserver;
  private fillPending = false;
  /**
   * The scroll position and viewport height as we last set or saw them. Reading them from the
   * DOM after a change forces a layout in the middle of a keypress; a resize observer and the
   * scroll event keep these current instead.
   */
  private viewTop = 0;
  private viewHeight: number;
  private scrollPending = false;

  constructor(
    readonly scroller: HTMLElement,
    private readonly host: VirtualListHost,
  ) {
    this.top = document.createElement('div');
    this.bottom = document.createElement('div');
    this.top.className = this.bottom.className = 'spacer';
    this.top.setAttribute('aria-hidden', 'true');
    this.bottom.setAttribute('aria-hidden', 'true');
    scroller.replaceChildren(this.top, this.bottom);
    this.observer = new ResizeObserver((entries) => this.measured(entries));
    this.viewHeight = scroller.clientHeight || 800;
    new ResizeObserver(() => {
      this.viewHeight = scroller.clientHeight || this.viewHeight;
      this.update();
    }).observe(scroller);
    scroller.addEventListener(
      'scroll',
      () => {
        const y = scroller.scrollTop;
        // Our own scrollTo already mounted what is there; only a user's scroll needs work.
        if (Math.abs(y - this.viewTop) < 1) return;
        this.viewTop = y;
        this.update();
      },
      { passive: true },
    );
  }

  /** The items changed wholesale: forget every element and height. */
  reset(): void {
    for (const el of this.mounted.values()) {
      this.observer.unobserve(el);
      el.remove();
    }
    this.mounted.clear();
    this.start = this.end = 0;
    const n = this.host.count();
    this.heights = new Float64Array(n);
    this.offsets = new Float64Array(n + 1);
    for (let i = 0; i < n; i++) this.heights[i] = this.host.estimate(i);
    this.dirtyFrom = 0;
    // With every item unmounted the list was briefly shorter and the browser may have clamped
    // its scroll position (to the top when everything was mounted): put ours back.
    this.scrollTo(this.viewTop);
    this.update();
  }

  /** Item `index` changed: render it again if it is mounted, re-estimate it if not. */
  refresh(index: number): void {
    const old = this.mounted.get(index);
    if (!old) {
      this.setHeight(index, this.host.estimate(index));
      return;
    }
    const el = this.host.render(index);
    this.observer.unobserve(old);
    old.replaceWith(el);
    this.mounted.set(index, el);
    this.indexOf.set(el, index);
    this.observer.observe(el);
  }

  get scrollTop(): number {
    return this.viewTop;
  }

  get viewportHeight(): number {
    return this.viewHeight;
  }

  /**
   * Scrolls to `y` (clamped like the browser would). The DOM is told at the end of the next
   * `update()`, after the items there are mounted, so the keypress lays out the page once.
   */
  scrollTo(y: number): void {
    this.settle();
    const max = Math.max(0, (this.offsets[this.heights.length] as number) - this.viewHeight);
    this.viewTop = Math.min(Math.max(0, y), max);
    this.scrollPending = true;
  }

  element(index: number): HTMLElement | undefined {
    return this.mounted.get(index);
  }

  mountedCount(): number {
    return this.mounted.size;
  }

  offset(index: number): number {
    this.settle();
    return this.offsets[Math.min(Math.max(index, 0), this.heights.length)] as number;
  }

  height(index: number): number {
    return this.heights[index] ?? 0;
  }

  /**
   * Scrolls so that items `from`..`to` are visible, aligned to the top when they are not, and
   * mounts them now (not at the next scroll event) so the keypress that asked paints them.
   */
  reveal(from: number, to: number, margin: number): void {
    const top = this.offset(from);
    const bottom = this.offset(to) + this.height(to);
    const view = this.viewTop;
    const vh = this.viewHeight;
    if (top < view + 1 || bottom > view + vh - 1) this.scrollTo(top - margin);
    this.update();
  }

  /**
   * Mounts what the viewport shows now and unmounts what is far away. The margin around the
   * viewport is filled later, in idle time (`fill`), so a keypress pays only for what it shows:
   * usually nothing, because the next hunk was mounted while the user was reading this one.
   */
  update(): void {
    this.settle();
    const n = this.heights.length;
    const top = this.viewTop;
    const vh = this.viewHeight;
    const needFrom = Math.min(this.find(top), n);
    const needTo = this.indexAt(top + vh, needFrom);
    let s = this.start;
    let e = this.end;
    if (s >= e || needTo <= s || needFrom >= e) {
      s = needFrom;
      e = needTo;
    } else {
      s = Math.max(Math.min(s, needFrom), this.find(top - KEEP * vh));
      e = Math.min(Math.max(e, needTo), this.indexAt(top + vh + KEEP * vh, needTo));
    }
    if (s !== this.start || e !== this.end) this.mountRange(s, e);
    this.spacers();
    if (this.scrollPending) {
      this.scrollPending = false;
      this.scroller.scrollTop = this.viewTop;
    }
    this.scheduleFill();
  }

  private spacers(): void {
    const n = this.heights.length;
    this.top.style.height = `${this.offsets[this.start]}px`;
    this.bottom.style.height = `${(this.offsets[n] as number) - (this.offsets[this.end] as number)}px`;
  }

  /** The first item at or after `from` whose top is at or below `y`. */
  private indexAt(y: number, from: number): number {
    const n = this.heights.length;
    let e = from;
    while (e < n && (this.offsets[e] as number) < y) e++;
    return e;
  }

  private scheduleFill(): void {
    if (this.fillPending) return;
    this.fillPending = true;
    requestIdleCallback((deadline) => this.fill(deadline), { timeout: 300 });
  }

  /** Grows the mounted range to the overscan margin, one item at a time, while the page is idle. */
  private fill(deadline: IdleDeadline): void {
    this.fillPending = false;
    this.settle();
    const top = this.viewTop;
    const vh = this.viewHeight;
    const wantFrom = this.find(top - OVERSCAN * vh);
    const wantTo = this.indexAt(top + vh + OVERSCAN * vh, this.end);
    let changed = false;
    // Below first: paging goes down far more often than up.
    while ((this.end < wantTo || this.start > wantFrom) && (deadline.timeRemaining() > 2 || deadline.didTimeout)) {
      if (this.end < wantTo) this.bottom.before(this.build(this.end, ++this.end));
      else {
        const first = this.mounted.get(this.start) as HTMLElement;
        first.before(this.build(this.start - 1, this.start));
        this.start--;
      }
      changed = true;
      if (deadline.didTimeout) break;
    }
    if (changed) this.spacers();
    if (this.end < wantTo || this.start > wantFrom) this.scheduleFill();
  }

  private mountRange(s: number, e: number): void {
    const keepFrom = Math.max(s, this.start);
    const keepTo = Math.min(e, this.end);
    if (keepFrom >= keepTo) {
      for (let i = this.start; i < this.end; i++) this.unmount(i);
      this.bottom.before(this.build(s, e));
    } else {
      for (let i = this.start; i < keepFrom; i++) this.unmount(i);
      for (let i = keepTo; i < this.end; i++) this.unmount(i);
      if (s < keepFrom) (this.mounted.get(keepFrom) as HTMLElement).before(this.build(s, keepFrom));
      if (keepTo < e) this.bottom.before(this.build(keepTo, e));
    }
    this.start = s;
    this.end = e;
  }

  private build(from: number, to: number): DocumentFragment {
    const frag = document.createDocumentFragment();
    for (let i = from; i < to; i++) {
      const el = this.host.render(i);
      this.mounted.set(i, el);
      this.indexOf.set(el, i);
      this.observer.observe(el);
      frag.append(el);
    }
    return frag;
  }

  private unmount(i: number): void {
    const el = this.mounted.get(i);
    if (!el) return;
    this.observer.unobserve(el);
    el.remove();
    this.mounted.delete(i);
  }

  private measured(entries: readonly ResizeObserverEntry[]): void {
    let shift = 0;
    const scrollTop = this.viewTop;
    for (const entry of entries) {
      const i = this.indexOf.get(entry.target);
      if (i === undefined || this.mounted.get(i) !== entry.target) continue;
      const size = entry.borderBoxSize[0];
      const h = size ? size.blockSize : (entry.target as HTMLElement).offsetHeight;
      const old = this.heights[i] as number;
      if (Math.abs(h - old) < 0.5) continue;
      if (this.offset(i) + old <= scrollTop) shift += h - old;
      this.setHeight(i, h);
    }
    if (shift !== 0) this.scrollTo(scrollTop + shift);
    this.update();
  }

  private setHeight(i: number, h: number): void {
    if (i < 0 || i >= this.heights.length) return;
    this.heights[i] = h;
    this.dirtyFrom = Math.min(this.dirtyFrom, i);
  }

  /** Recomputes the running offsets from the first changed height on. */
  private settle(): void {
    const n = this.heights.length;
    if (this.dirtyFrom > n) return;
    for (let i = this.dirtyFrom; i < n; i++) this.offsets[i + 1] = (this.offsets[i] as number) + (this.heights[i] as number);
    this.dirtyFrom = n + 1;
  }

  /** The first item whose bottom is below `y` (binary search over the offsets). */
  private find(y: number): number {
    let lo = 0;
    let hi = this.heights.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((this.offsets[mid + 1] as number) <= y) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}
