/**
 * The Review panel's state and rendering: the model, the display list, the focused hunk and the
 * open box or line selection. It applies host messages and moves focus; what a key or button does
 * lives in commands.ts. Rendering is incremental: a host update repaints only the hunks it names.
 */
import type { FromReviewWebview, ReviewHunk, ReviewLayout, ReviewState, ToReviewWebview } from '../../src/shared/reviewProtocol';
import type { VsCodeApi } from '../vscodeApi';
import { renderFileHeader, renderStepHeader } from './fileView';
import { HeaderView } from './headerView';
import { plainText } from './codeSpans';
import { HelpOverlay } from './helpOverlay';
import { EXPAND_STEP, renderHunk, type Box, type HunkContext, type Selection } from './hunkView';
import type { SentEdit } from './editDraft';
import { renderCollapsedFile, renderGroupHeader } from './groupView';
import { estimateItem, type Metrics } from './items';
import { buildListItems, defaultOrder, type ListItem, type OrderChoice } from './listItems';
import { measureMetrics } from './metrics';
import { ReviewModel } from './model';
import { VirtualList } from './virtualList';

/** What survives a hide or reload (`vscode.setState`); the changeset itself comes from the host. */
export interface SavedView {
  readonly changesetId: string;
  readonly focus?: string;
  readonly layout: ReviewLayout;
  readonly scrollTop: number;
  readonly groupByStep: boolean;
  readonly stepFilter?: string;
  /** The reviewer's choice of order; absent: the default (see `defaultOrder`). */
  readonly order?: OrderChoice;
}

export class ReviewView {
  readonly model = new ReviewModel();
  readonly header: HeaderView;
  readonly overlay = new HelpOverlay();
  readonly list: VirtualList;
  layout: ReviewLayout = 'unified';
  groupByStep = false;
  stepFilter: string | undefined;
  /** The reviewer's choice (the `o` key); undefined follows `defaultOrder`. */
  order: OrderChoice | undefined;
  /** The order the list is in now. */
  shownOrder: OrderChoice = 'file';
  /** Generated files and lockfiles opened from their one line. */
  readonly expandedFiles = new Set<number>();
  focusedId: string | undefined;
  selection: Selection | undefined;
  box: Box | undefined;
  /** The last edited version sent for acceptance, opened again by `e` if the host refused it. */
  sentEdit: SentEdit | undefined;
  readonly showPrevious = new Set<string>();
  /** Hunks decided from this panel, newest last: `u` brings focus back to them. */
  readonly decidedHere: string[] = [];
  items: ListItem[] = [];
  /** Positions in `items` of the hunk items, in order: what j/k walk. */
  hunkItems: number[] = [];
  private itemOf = new Map<string, number>();
  private whitespaceHidden = 0;
  private hiddenIds: ReadonlySet<string> = new Set();
  /** Every header of a file: in reading order a file's hunks can sit in two groups, each with its header. */
  private fileHeads = new Map<number, number[]>();
  private metrics: Metrics | undefined;
  private loaded = false;
  /**
   * The hunk the state asked to focus (restored after a reload) when it is in a part still on its
   * way, and the hunk focused instead meanwhile: the focus moves there when it comes, unless the
   * user has moved on.
   */
  private awaitedFocus: { readonly id: string; readonly instead: string | undefined } | undefined;
  private persistTimer: ReturnType<typeof setTimeout> | undefined;
  private focusPostTimer: ReturnType<typeof setTimeout> | undefined;
  /** Hunks focused since the last focus message: the host marks them seen too. */
  private readonly passed = new Set<string>();

  constructor(
    readonly root: HTMLElement,
    readonly api: VsCodeApi<FromReviewWebview, SavedView>,
  ) {
    this.header = new HeaderView((filter) => {
      this.stepFilter = filter;
      this.rebuild();
    });
    const scroller = document.createElement('main');
    scroller.className = 'hunks';
    scroller.setAttribute('role', 'feed');
    scroller.setAttribute('aria-label', 'Hunks');
    root.replaceChildren(this.header.el, scroller);
    this.list = new VirtualList(scroller, {
      count: () => this.items.length,
      estimate: (i) => estimateItem(this.items[i] as ListItem, this.context(), this.metricsNow()),
      render: (i) => this.renderItem(i),
    });
    scroller.addEventListener('scroll', () => this.persistSoon(), { passive: true });
    // The host answers `ready` with the state; measure and warm up in the meantime.
    requestIdleCallback(() => this.metricsNow(), { timeout: 500 });
  }

  get readOnly(): boolean {
    return this.model.header.readOnlyReason !== undefined;
  }

  post(message: FromReviewWebview): void {
    this.api.postMessage(message);
  }

  context(): HunkContext {
    return {
      model: this.model,
      layout: this.layout,
      readOnly: this.readOnly,
      focusedId: this.focusedId,
      selection: this.selection,
      box: this.box,
      showPrevious: this.showPrevious,
    };
  }

  focused(): ReviewHunk | undefined {
    return this.focusedId === undefined ? undefined : this.model.get(this.focusedId);
  }

  /** Applies a validated host message. */
  receive(message: ToReviewWebview): void {
    switch (message.type) {
      case 'state':
        this.load(message.state);
        return;
      case 'hunks': {
        const oldPos = this.focusedId === undefined ? -1 : this.model.indexOf(this.focusedId);
        const { changed, structural } = this.model.applyHunks(message);
        this.header.setHeader(this.model.header);
        if (this.selection && !this.model.get(this.selection.hunkId)) this.selection = undefined;
        if (this.box && !this.model.get(this.box.hunkId)) this.box = undefined;
        // A hunk decided on its own splits a moved item again (its source is listed again).
        if (structural || this.hiddenChanged()) {
          // The focused hunk was split or dropped: focus what now stands in its place.
          if (this.focusedId !== undefined && !this.model.get(this.focusedId)) {
            this.focusedId = this.model.hunks[Math.min(Math.max(oldPos, 0), this.model.hunks.length - 1)]?.id;
          }
          this.rebuild();
        } else {
          for (const id of changed) this.refreshHunk(id);
          this.refreshFileHeaders(changed);
          this.afterChange();
        }
        return;
      }
      case 'moreHunks':
        if (message.changesetId !== this.model.changesetId) return;
        this.model.appendHunks(message.hunks, message.more);
        // The list is rebuilt where the user is reading, unless the awaited focus just came.
        this.rebuild(this.takeAwaitedFocus() ? undefined : this.list.scrollTop);
        return;
      case 'focus':
        this.setFocus(message.hunkId);
        return;
      case 'moves':
        this.model.moved.set(message.moves);
        this.rebuild();
        return;
      case 'context':
        // Replies carry what was asked with EXPAND_STEP; fewer lines mean the file ends there.
        if (this.model.applyContext(message, EXPAND_STEP)) this.refreshHunk(message.hunkId);
        return;
      case 'notice':
        this.header.showNotice(message.level, message.message);
        if (message.level === 'error' && message.requestId !== undefined) {
          // A refused action: forget what it made us expect, the host's state stands. Other
          // actions still in flight wait for their own answers.
          const ids = this.model.refused(message.requestId);
          for (const id of ids) this.refreshHunk(id);
          if (ids.length > 0) this.afterChange();
        }
        return;
      default:
        return;
    }
  }

  private load(state: ReviewState): void {
    const saved = this.api.getState();
    const sameChangeset = saved?.changesetId === state.changesetId;
    const restoring = !this.loaded && sameChangeset && saved !== undefined;
    const previousFocus = this.loaded ? this.focusedId : restoring ? saved?.focus : undefined;
    if (this.model.changesetId !== state.changesetId) this.expandedFiles.clear();
    this.model.load(state);
    this.layout = state.layout;
    if (restoring && saved) {
      this.groupByStep = saved.groupByStep;
      this.stepFilter = saved.stepFilter;
      this.order = saved.order;
    }
    this.header.setHeader(state.header);
    const wanted = [previousFocus, state.focus].filter((id) => id !== undefined);
    const pick = wanted.find((id) => this.model.get(id) !== undefined);
    // Without one, rebuild focuses the first pending hunk in the order shown.
    this.focusedId = pick;
    this.selection = undefined;
    this.box = undefined;
    this.loaded = true;
    this.rebuild(restoring && saved?.focus === this.focusedId ? saved?.scrollTop : undefined);
    this.awaitedFocus = pick === undefined && wanted[0] !== undefined && this.model.more > 0 ? { id: wanted[0], instead: this.focusedId } : undefined;
  }

  /** Whether the focus moved to the awaited hunk, which has just come. */
  private takeAwaitedFocus(): boolean {
    const awaited = this.awaitedFocus;
    if (!awaited) return false;
    const came = this.focusedId === awaited.instead && this.model.get(awaited.id) !== undefined;
    if (came) this.focusedId = awaited.id;
    if (came || this.focusedId !== awaited.instead || this.model.more === 0) this.awaitedFocus = undefined;
    return came;
  }

  /** The display list changed (load, filter, grouping, layout, split): rebuild it around the focus. */
  rebuild(scrollTop?: number): void {
    const hidden = this.model.moved.hidden(this.model);
    this.hiddenIds = hidden.ids;
    this.whitespaceHidden = hidden.whitespace;
    this.shownOrder = this.order ?? defaultOrder(this.model);
    this.items = buildListItems(this.model, {
      groupByStep: this.groupByStep,
      stepFilter: this.stepFilter,
      order: this.shownOrder,
      expanded: this.expandedFiles,
      hidden: hidden.ids,
    });
    this.itemOf = new Map();
    this.fileHeads = new Map();
    this.hunkItems = [];
    this.items.forEach((item, i) => {
      if (item.kind === 'hunk') {
        this.itemOf.set(item.id, i);
        this.hunkItems.push(i);
      } else if (item.kind === 'file' || item.kind === 'collapsed') {
        this.itemOf.set(`file:${item.file}`, i);
        const heads = this.fileHeads.get(item.file);
        if (heads) heads.push(i);
        else this.fileHeads.set(item.file, [i]);
      }
    });
    if (this.focusedId === undefined || !this.itemOf.has(this.focusedId)) {
      const pending = this.focusedId === undefined ? this.hunkItems.find((i) => this.pendingAt(i)) : undefined;
      const first = this.items[pending ?? this.hunkItems[0] ?? -1];
      this.focusedId = first?.kind === 'hunk' ? first.id : undefined;
    }
    this.list.reset();
    if (scrollTop !== undefined) {
      this.list.scrollTo(scrollTop);
      this.list.update();
    } else if (this.focusedId !== undefined) this.reveal(this.focusedId);
    this.syncFocusElement(true);
    this.afterChange();
  }

  private hiddenChanged(): boolean {
    const now = this.model.moved.hidden(this.model).ids;
    return now.size !== this.hiddenIds.size || [...now].some((id) => !this.hiddenIds.has(id));
  }

  private pendingAt(i: number): boolean {
    const item = this.items[i];
    return item?.kind === 'hunk' && this.model.get(item.id)?.state === 'pending';
  }

  private renderItem(i: number): HTMLElement {
    const item = this.items[i] as ListItem;
    if (item.kind === 'file') return renderFileHeader(this.model, item.file, this.readOnly);
    if (item.kind === 'step') return renderStepHeader(this.model, item.step, item.count);
    if (item.kind === 'group') return renderGroupHeader(item.intent, item.tier, item.reason, item.count);
    if (item.kind === 'collapsed') return renderCollapsedFile(this.model, item.file, item.lines, item.expanded, this.readOnly);
    const hunk = this.model.get(item.id);
    if (!hunk) return document.createElement('div');
    return renderHunk(this.context(), hunk);
  }

  private metricsNow(): Metrics {
    this.metrics ??= measureMetrics(this.list.scroller);
    return this.metrics;
  }

  /** Repaints one hunk in place, keeping keyboard focus where it was. */
  refreshHunk(id: string): void {
    const i = this.itemOf.get(id);
    if (i === undefined) return;
    const old = this.list.element(i);
    const active = document.activeElement;
    const hadFocus = old !== undefined && active instanceof Node && old.contains(active);
    this.list.refresh(i);
    const el = this.list.element(i);
    if (!el) return;
    const area = el.querySelector<HTMLTextAreaElement>('textarea.box-input');
    if (area && (hadFocus || this.box?.hunkId === id)) {
      area.focus({ preventScroll: true });
      area.setSelectionRange(area.value.length, area.value.length);
    } else if (hadFocus) el.focus({ preventScroll: true });
  }

  private refreshFileHeaders(hunkIds: readonly string[]): void {
    const files = new Set<number>();
    for (const id of hunkIds) {
      const hunk = this.model.get(id);
      if (hunk) files.add(hunk.file);
    }
    for (const f of files) {
      for (const i of this.fileHeads.get(f) ?? []) this.list.refresh(i);
    }
  }

  /** Moves focus to a hunk: classes, scroll, DOM focus, persisted state, the host's notion of focus. */
  setFocus(id: string | undefined, reveal = true): void {
    if (id === undefined || !this.itemOf.has(id)) return;
    if (this.selection && this.selection.hunkId !== id) {
      const left = this.selection.hunkId;
      this.selection = undefined;
      this.refreshHunk(left);
    }
    const before = this.focusedId === undefined ? undefined : this.elementOf(this.focusedId);
    before?.classList.remove('focused');
    // "Changed since you saw it" stays while the reviewer reads the hunk and goes when they leave it.
    if (this.focusedId !== undefined && this.focusedId !== id && this.model.changed.delete(this.focusedId)) {
      this.model.seen.add(this.focusedId);
      before?.classList.replace('seen-changed', 'seen');
    }
    this.focusedId = id;
    if (!this.model.changed.has(id)) {
      this.model.seen.add(id);
      this.elementOf(id)?.classList.add('seen');
    }
    if (this.passed.size < 10_000) this.passed.add(id);
    if (reveal) this.reveal(id);
    this.syncFocusElement(true);
    this.updateWhere();
    this.persistSoon();
    clearTimeout(this.focusPostTimer);
    this.focusPostTimer = setTimeout(() => this.postFocus(), 250);
  }

  /**
   * Tells the host now which hunk is in focus (it counts as seen there), instead of after the pause
   * that spares the host a message per key press: a bulk accept right after the focus moved to a
   * flagged hunk must reach the host after it knows the hunk was seen, or the host refuses it.
   */
  postFocus(): void {
    clearTimeout(this.focusPostTimer);
    this.focusPostTimer = undefined;
    if (this.focusedId === undefined) return;
    this.passed.delete(this.focusedId);
    const seen = [...this.passed];
    this.passed.clear();
    this.post(seen.length > 0 ? { type: 'focus', hunkId: this.focusedId, seen } : { type: 'focus', hunkId: this.focusedId });
  }

  /** The hunk (or `file:<n>` header) is in the display list. */
  listed(id: string): boolean {
    return this.itemOf.has(id);
  }

  elementOf(id: string): HTMLElement | undefined {
    const i = this.itemOf.get(id);
    return i === undefined ? undefined : this.list.element(i);
  }

  /** Scrolls the hunk into view, with its file (and step) header when it is the first under it. */
  reveal(id: string): void {
    const i = this.itemOf.get(id);
    if (i === undefined) return;
    let from = i;
    while (from > 0 && this.items[from - 1]?.kind !== 'hunk') from--;
    if (this.list.height(i) + this.list.offset(i) - this.list.offset(from) > this.list.viewportHeight) from = i;
    this.list.reveal(from, i, 8);
  }

  private syncFocusElement(moveDomFocus: boolean): void {
    if (this.focusedId === undefined) return;
    const el = this.elementOf(this.focusedId);
    if (!el) return;
    el.classList.add('focused');
    const active = document.activeElement;
    const typing = active instanceof HTMLTextAreaElement || active instanceof HTMLSelectElement || this.overlay.open;
    if (moveDomFocus && !typing && active !== el) el.focus({ preventScroll: true });
  }

  /** Progress, position and the saved view after anything that changes them. */
  afterChange(): void {
    this.header.setProgress({ ...this.model.progress(), whitespaceHidden: this.whitespaceHidden });
    const steps = this.model.steps();
    this.header.setUi({
      layout: this.layout,
      groupByStep: this.groupByStep,
      readingOrder: this.shownOrder === 'reading',
      stepFilter: this.stepFilter,
      steps: steps.map((id) => {
        const n = this.model.planSteps.findIndex((s) => s.id === id) + 1;
        const title = plainText(this.model.stepTitle(id));
        return { id, label: n > 0 ? `${n}. ${title}` : title };
      }),
      hasUnstepped: this.model.hunks.some((h) => h.steps.length === 0),
    });
    this.updateWhere();
    this.persistSoon();
  }

  private updateWhere(): void {
    const hunk = this.focused();
    if (!hunk) {
      this.header.setWhere(this.model.hunks.length === 0 ? 'No hunks in this changeset.' : 'No hunk matches the step filter.');
      return;
    }
    const file = this.model.files[hunk.file];
    const inFile = this.model.ofFile(hunk.file);
    const pos = this.hunkItems.indexOf(this.itemOf.get(hunk.id) ?? -1);
    this.header.setWhere(
      `${file?.path ?? ''} · hunk ${inFile.indexOf(this.model.indexOf(hunk.id)) + 1} of ${inFile.length} · ${pos + 1} / ${this.hunkItems.length}`,
    );
  }

  private persistSoon(): void {
    clearTimeout(this.persistTimer);
    this.persistTimer = setTimeout(() => this.persist(), 150);
  }

  persist(): void {
    const view: SavedView = {
      changesetId: this.model.changesetId,
      layout: this.layout,
      scrollTop: this.list.scrollTop,
      groupByStep: this.groupByStep,
      ...(this.focusedId !== undefined ? { focus: this.focusedId } : {}),
      ...(this.stepFilter !== undefined ? { stepFilter: this.stepFilter } : {}),
      ...(this.order !== undefined ? { order: this.order } : {}),
    };
    this.api.setState(view);
  }
}
