/**
 * The webview's copy of the changeset view: the host's `ReviewState` plus what only the panel
 * knows (expanded context, decisions posted but not yet confirmed, hunks the user has looked at).
 * The host stays the owner: every `hunks` message overrides what we guessed.
 */
import type { RequestId, ReviewFile, ReviewHeader, ReviewHunk, ReviewLine, ReviewState, ReviewStep, ToReviewWebview } from '../../src/shared/reviewProtocol';
import { acceptAllWrites, isFlaggedLeft } from './undecided';
import { MovedCode } from './moved';

/** Context lines fetched with `expandContext`, kept per hunk revision. */
export interface Expansion {
  readonly revision: number;
  above: readonly ReviewLine[];
  /** New-side number of the first line above (or of the hunk when nothing was fetched). */
  aboveStart: number;
  atTop: boolean;
  below: readonly ReviewLine[];
  atEnd: boolean;
}

export type InFlight = 'accept' | 'reject' | 'fix' | 'split' | 'lines' | 'refresh';

export interface Progress {
  readonly decided: number;
  readonly total: number;
  readonly stale: number;
  readonly fixing: number;
  readonly flaggedLeft: number;
  readonly acceptAll: number;
  /** Hunks of the changeset still on their way from the host (`ReviewState.more`). */
  readonly loading: number;
  /** Whitespace-only hunks the list leaves out (`w`). */
  readonly whitespaceHidden?: number;
}

type HunksMessage = Extract<ToReviewWebview, { type: 'hunks' }>;
type ContextMessage = Extract<ToReviewWebview, { type: 'context' }>;

export class ReviewModel {
  changesetId = '';
  header: ReviewHeader = { title: '', source: '', claimMismatches: [] };
  files: readonly ReviewFile[] = [];
  hunks: ReviewHunk[] = [];
  /** The plan's steps in plan order (empty when the changeset names no plan). */
  planSteps: readonly ReviewStep[] = [];
  /** Hunks still to come in `moreHunks` messages. */
  more = 0;
  readonly expansions = new Map<string, Expansion>();
  private readonly flights = new Map<string, { readonly what: InFlight; readonly requestId: RequestId }>();
  private lastRequest = 0;
  /**
   * Hunks looked at as they are now, here or (the host's marks) in an earlier window: a flagged
   * hunk must be looked at before "accept all".
   */
  readonly seen = new Set<string>();
  /** Hunks whose lines changed after they were looked at; the note goes when the focus leaves them. */
  readonly changed = new Set<string>();
  /**
   * Hunks rejected while this page was up: their reason is in the agent's queue now. What became
   * of an earlier window's rejection is not known here, so the panel says nothing of it.
   */
  readonly rejectedNow = new Set<string>();
  /** Moved blocks (they arrive after the state) and whether whitespace-only hunks are hidden. */
  readonly moved = new MovedCode();
  private byId = new Map<string, number>();
  private hunkOfFile: number[][] = [];

  load(state: ReviewState): void {
    if (state.changesetId !== this.changesetId) {
      this.seen.clear();
      this.changed.clear();
      this.expansions.clear();
      this.rejectedNow.clear();
      this.moved.set([]);
    }
    for (const h of state.hunks) this.takeMark(h, undefined);
    this.changesetId = state.changesetId;
    this.header = state.header;
    this.files = state.files;
    this.planSteps = state.steps ?? [];
    this.hunks = state.hunks.slice();
    this.more = state.more ?? 0;
    this.flights.clear();
    this.reindex();
  }

  /** The next part of the state: its hunks come after every hunk here, in review order. */
  appendHunks(hunks: readonly ReviewHunk[], more: number): void {
    for (const hunk of hunks) {
      if (hunk.file >= this.files.length || this.byId.has(hunk.id)) continue;
      this.takeMark(hunk, undefined);
      this.byId.set(hunk.id, this.hunks.length);
      this.hunkOfFile[hunk.file]?.push(this.hunks.length);
      this.hunks.push(hunk);
    }
    this.more = more;
  }

  get(id: string): ReviewHunk | undefined {
    const i = this.byId.get(id);
    return i === undefined ? undefined : this.hunks[i];
  }

  indexOf(id: string): number {
    return this.byId.get(id) ?? -1;
  }

  /** Hunk indexes of one file, in order. */
  ofFile(file: number): readonly number[] {
    return this.hunkOfFile[file] ?? [];
  }

  /**
   * Applies an incremental update. Returns the ids whose content changed and whether hunks were
   * added or removed (then the display list must be rebuilt, not just repainted).
   */
  applyHunks(msg: HunksMessage): { changed: string[]; structural: boolean } {
    this.header = msg.header;
    const changed: string[] = [];
    let structural = false;
    if (msg.removed.length > 0) {
      const gone = new Set(msg.removed);
      const before = this.hunks.length;
      this.hunks = this.hunks.filter((h) => !gone.has(h.id));
      structural = this.hunks.length !== before;
      for (const id of gone) {
        this.flights.delete(id);
        this.expansions.delete(id);
      }
      if (structural) this.reindex();
    }
    for (const hunk of msg.hunks) {
      if (hunk.file >= this.files.length) continue;
      this.flights.delete(hunk.id);
      const at = this.byId.get(hunk.id);
      this.takeMark(hunk, at === undefined ? undefined : this.hunks[at]);
      if (hunk.state !== 'rejected') this.rejectedNow.delete(hunk.id);
      else if (at === undefined || this.hunks[at]?.state !== 'rejected') this.rejectedNow.add(hunk.id);
      if (at !== undefined) {
        this.hunks[at] = hunk;
      } else {
        // The protocol gives no position for new hunks (a split's pieces): review order is file by
        // file, top to bottom, so the place is found by the file and the old start line.
        this.hunks.splice(this.insertionPoint(hunk), 0, hunk);
        this.reindex();
        structural = true;
      }
      const exp = this.expansions.get(hunk.id);
      if (exp && exp.revision !== hunk.revision) this.expansions.delete(hunk.id);
      changed.push(hunk.id);
    }
    return { changed, structural };
  }

  /** Stores expanded context; false when the hunk is gone (the reply raced a change). */
  applyContext(msg: ContextMessage, requested: number): boolean {
    const hunk = this.get(msg.hunkId);
    if (!hunk) return false;
    const exp = this.expansion(hunk);
    if (msg.direction === 'above') {
      exp.above = msg.lines.concat(exp.above);
      exp.aboveStart = msg.startLine;
      exp.atTop = msg.startLine <= 1 || msg.lines.length < requested;
    } else {
      exp.below = exp.below.concat(msg.lines);
      // Fewer lines than asked for means the end of the file.
      exp.atEnd = msg.lines.length < requested;
    }
    return true;
  }

  expansion(hunk: ReviewHunk): Expansion {
    let exp = this.expansions.get(hunk.id);
    if (!exp || exp.revision !== hunk.revision) {
      exp = { revision: hunk.revision, above: [], aboveStart: hunk.newStart, atTop: hunk.newStart <= 1, below: [], atEnd: false };
      this.expansions.set(hunk.id, exp);
    }
    return exp;
  }

  /**
   * The header's counts. `flaggedLeft`: flagged hunks still to decide; `acceptAll`: the hunks
   * *Accept all* would write. A decision posted here counts as made.
   */
  progress(): Progress {
    let decided = 0;
    let stale = 0;
    let fixing = 0;
    let flaggedLeft = 0;
    let acceptAll = 0;
    for (const h of this.hunks) {
      const flying = this.flights.has(h.id);
      if (h.state === 'accepted' || h.state === 'modified' || h.state === 'rejected') decided++;
      else if (h.state === 'stale') stale++;
      if (h.fixing) fixing++;
      if (!flying && isFlaggedLeft(h)) flaggedLeft++;
      if (!flying && acceptAllWrites(h)) acceptAll++;
    }
    return { decided, total: this.hunks.length + this.more, stale, fixing, flaggedLeft, acceptAll, loading: this.more };
  }

  /** The host's word on what the reviewer saw; news of a change to a seen hunk wins over the local mark. */
  private takeMark(hunk: ReviewHunk, before: ReviewHunk | undefined): void {
    if (hunk.seen === 'seen') {
      this.seen.add(hunk.id);
      this.changed.delete(hunk.id);
    } else if (hunk.seen === 'changed' && before?.seen !== 'changed') {
      this.seen.delete(hunk.id);
      this.changed.add(hunk.id);
    }
  }

  /**
   * The steps the hunks serve, in the plan's order; a step the plan does not list (it changed
   * since the build) comes after, in order of first appearance.
   */
  steps(): string[] {
    const used = new Set<string>();
    for (const h of this.hunks) for (const s of h.steps) used.add(s);
    const ordered = this.planSteps.map((s) => s.id).filter((id) => used.has(id));
    const listed = new Set(ordered);
    return [...ordered, ...[...used].filter((id) => !listed.has(id))];
  }

  /** A step's title as the plan has it, else its id. */
  stepTitle(id: string): string {
    return this.planSteps.find((s) => s.id === id)?.title ?? id;
  }

  /** A pending hunk we have not posted a decision for. */
  isOpen(hunk: ReviewHunk): boolean {
    return (hunk.state === 'pending' || hunk.state === 'stale') && !this.flights.has(hunk.id);
  }

  /** A fresh id for an action message: its refusal will name it. */
  newRequest(): RequestId {
    return ++this.lastRequest;
  }

  /** What a hunk waits for from the host (a decision posted, a fix running…), if anything. */
  inFlight(hunkId: string): InFlight | undefined {
    return this.flights.get(hunkId)?.what;
  }

  /** Marks a hunk as decided here until the host answers request `requestId`. */
  markInFlight(hunkId: string, what: InFlight, requestId: RequestId): void {
    this.flights.set(hunkId, { what, requestId });
  }

  /**
   * The host refused request `requestId`: the hunks that request put in flight are as the host
   * has them again; the hunks of other requests still wait for their own answers. Returns the
   * ids that landed.
   */
  refused(requestId: RequestId): string[] {
    const landed = [...this.flights].filter(([, f]) => f.requestId === requestId).map(([id]) => id);
    for (const id of landed) this.flights.delete(id);
    return landed;
  }

  private insertionPoint(hunk: ReviewHunk): number {
    let lastOfFile = -1;
    for (let i = 0; i < this.hunks.length; i++) {
      const h = this.hunks[i] as ReviewHunk;
      if (h.file !== hunk.file) continue;
      if (h.oldStart > hunk.oldStart || (h.oldStart === hunk.oldStart && h.newStart > hunk.newStart)) return i;
      lastOfFile = i;
    }
    if (lastOfFile >= 0) return lastOfFile + 1;
    const next = this.hunks.findIndex((h) => h.file > hunk.file);
    return next < 0 ? this.hunks.length : next;
  }

  private reindex(): void {
    this.byId = new Map();
    this.hunkOfFile = this.files.map(() => []);
    this.hunks.forEach((h, i) => {
      this.byId.set(h.id, i);
      this.hunkOfFile[h.file]?.push(i);
    });
  }
}
