/**
 * A vertical list that keeps only the items near the viewport in the DOM (issue 6: "only what is
 * on screen is rendered"; issue 7: 2,000 hunks paint the first one in ≤100 ms). Items sit between
 * two spacers whose heights stand for the items not mounted. Heights start as estimates and are
 * replaced by measurements from a ResizeObserver, which runs after layout and before paint, so a
 * correction never shows as a jump. Items above the viewport that change height shift the scroll
 * position by the same amount, so what the user is reading stays put.
 */
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

  constructor(readonly scroller: HTMLElement, private readonly host: VirtualListHost) {
    this.top = document.createElement('div');
    this.bottom = document.createElement('div');
    this.top.className = this.bottom.className = 'spacer';
    this.top.setAttribute('aria-hidden', 'true');
    this.bottom.setAttribute('aria-hidden', 'true');
    scroller.replaceChildren(this.top, this.bottom);
    this.observer = new ResizeObserver((entries) => this.measured(entries));
    scroller.addEventListener('scroll', () => this.update(), { passive: true });
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
    const view = this.scroller.scrollTop;
    const vh = this.scroller.clientHeight;
    if (top < view + 1 || bottom > view + vh - 1) {
      this.scroller.scrollTop = Math.max(0, top - margin);
    }
    this.update();
  }

  /** Mounts the window around the viewport and unmounts the rest. */
  update(): void {
    this.settle();
    const n = this.heights.length;
    const scrollTop = this.scroller.scrollTop;
    const vh = this.scroller.clientHeight || 800;
    const overscan = Math.max(300, vh * 0.75);
    const s = Math.min(this.find(scrollTop - overscan), n);
    let e = s;
    const limit = scrollTop + vh + overscan;
    while (e < n && (this.offsets[e] as number) < limit) e++;
    if (s !== this.start || e !== this.end) this.mountRange(s, e);
    this.top.style.height = `${this.offsets[this.start]}px`;
    this.bottom.style.height = `${(this.offsets[n] as number) - (this.offsets[this.end] as number)}px`;
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
    const scrollTop = this.scroller.scrollTop;
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
    if (shift !== 0) this.scroller.scrollTop = scrollTop + shift;
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
