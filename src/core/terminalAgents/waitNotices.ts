import type { Disposable } from '../emitter';

/** Edits that arrive this close together (an agent's parallel tool calls, several agents) share one notification. */
export const NOTICE_QUIET_MS = 500;
/** However the burst goes on, its notification is not held longer than this after its first edit. */
export const NOTICE_MAX_MS = 2_000;

export interface WaitNotice {
  /** The changesets it is about, in arrival order: *Review* opens the first. */
  readonly changesetIds: readonly string[];
  readonly message: string;
}

/** A timer port: tests drive the clock. */
export type Schedule = (run: () => void, ms: number) => Disposable;

const timers: Schedule = (run, ms) => {
  const t = setTimeout(run, ms);
  return { dispose: () => clearTimeout(t) };
};

/** "Claude Code waits for your review of src/x.ts" / "… of 3 edits" / "Claude Code and Codex wait …". */
export function waitNoticeText(items: readonly { readonly agent: string; readonly path: string }[]): string {
  const agents = [...new Set(items.map((i) => i.agent))];
  const who = agents.length === 1 ? `${agents[0]} waits` : `${agents.slice(0, -1).join(', ')} and ${agents[agents.length - 1]} wait`;
  const what = items.length === 1 ? (items[0]?.path ?? '') : `${items.length} edits`;
  return `${who} for your review of ${what}`;
}

/**
 * One notification per burst of waiting edits, and at most one per changeset. A burst ends after
 * `NOTICE_QUIET_MS` without a new edit, or `NOTICE_MAX_MS` after its first; the edits answered
 * meanwhile (auto-allowed, decided in the Agents view) are left out, and an empty burst says nothing.
 */
export class WaitNotices implements Disposable {
  private readonly told = new Set<string>();
  private burst: { id: string; agent: string; path: string }[] = [];
  private quiet: Disposable | undefined;
  private cap: Disposable | undefined;

  constructor(
    private readonly show: (notice: WaitNotice) => void,
    private readonly stillWaiting: (changesetId: string) => boolean,
    private readonly schedule: Schedule = timers,
  ) {}

  add(changesetId: string, agent: string, path: string): void {
    if (this.told.has(changesetId) || this.burst.some((b) => b.id === changesetId)) return;
    this.burst.push({ id: changesetId, agent, path });
    this.quiet?.dispose();
    this.quiet = this.schedule(() => this.flush(), NOTICE_QUIET_MS);
    this.cap ??= this.schedule(() => this.flush(), NOTICE_MAX_MS);
  }

  private flush(): void {
    this.quiet?.dispose();
    this.cap?.dispose();
    this.quiet = this.cap = undefined;
    const items = this.burst.filter((b) => this.stillWaiting(b.id));
    this.burst = [];
    for (const i of items) this.told.add(i.id);
    if (items.length > 0) this.show({ changesetIds: items.map((i) => i.id), message: waitNoticeText(items) });
  }

  dispose(): void {
    this.quiet?.dispose();
    this.cap?.dispose();
    this.burst = [];
  }
}
