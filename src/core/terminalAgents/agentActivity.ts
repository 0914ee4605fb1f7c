import { Emitter, type Event } from '../emitter';
import type { TerminalAgent } from '../../shared/api';
import type { ReviewHeader } from '../../shared/reviewProtocol';
import { CLAUDE_CONNECTIONS_KEY, CODEX_CONNECTIONS_KEY, GEMINI_CONNECTIONS_KEY } from './hookSource';

/** Whether the terminal agent that proposed a changeset still waits for its review, or stopped waiting. */
export type AgentState = NonNullable<ReviewHeader['agentState']>;

/** How each terminal agent is named to the user, and where its changesets' `source` starts. */
export const AGENT_LABELS: Readonly<Record<TerminalAgent, string>> = { 'claude-code': 'Claude Code', 'gemini-cli': 'Gemini CLI', codex: 'Codex' };

/** The workspace-state key whose presence says this workspace is connected to the agent (agents that cannot connect yet have none). */
const CONNECTIONS_KEYS: Readonly<Partial<Record<TerminalAgent, string>>> = {
  'claude-code': CLAUDE_CONNECTIONS_KEY,
  'gemini-cli': GEMINI_CONNECTIONS_KEY,
  codex: CODEX_CONNECTIONS_KEY,
};

/** The agents this workspace is connected to, read from its state (cheap: no bundle, no file). */
export function connectedAgents(stored: (key: string) => unknown): TerminalAgent[] {
  return (Object.keys(AGENT_LABELS) as TerminalAgent[]).filter((a) => {
    const key = CONNECTIONS_KEYS[a];
    return key !== undefined && stored(key) !== undefined;
  });
}

/** The agent a changeset's `source` names (`Claude Code · 1a2b3c4d`), if a terminal agent proposed it. */
export function agentOfSource(source: string): TerminalAgent | undefined {
  return (Object.keys(AGENT_LABELS) as TerminalAgent[]).find((a) => source === AGENT_LABELS[a] || source.startsWith(`${AGENT_LABELS[a]} · `));
}

/** "waiting 2 min": coarse on purpose, the Agents view refreshes it every 30 s at most. */
export function waitedLabel(ms: number): string {
  const minutes = Math.floor(Math.max(0, ms) / 60_000);
  if (minutes < 1) return 'waiting < 1 min';
  if (minutes < 60) return `waiting ${minutes} min`;
  const rest = minutes % 60;
  return `waiting ${Math.floor(minutes / 60)} h${rest > 0 ? ` ${rest} min` : ''}`;
}

export interface AgentWait {
  readonly changesetId: string;
  readonly agent: TerminalAgent;
  readonly path: string;
  /** When the agent started waiting (ms since the epoch). */
  readonly since: number;
  readonly state: AgentState;
}

interface Tracked {
  readonly agent: TerminalAgent;
  readonly path: string;
  readonly since: number;
  gone: boolean;
}

/** Where the marks outlive the window: the workspace's state (a `Memento`) in the extension. */
export interface MarkStore {
  get(key: string): unknown;
  update(key: string, value: unknown): unknown;
}

export const AGENT_MARKS_KEY = 'redline.terminalAgents.marks';
/** Marks kept across reloads, newest first: enough for every changeset the review store keeps. */
const MARKS_KEPT = 200;

interface StoredMarks {
  readonly autoAllowed: string[];
  readonly waits: { changesetId: string; agent: TerminalAgent; path: string; since: number }[];
}

/**
 * What the terminal agents do in this window, for the surfaces that show it (the Agents view, the
 * Changesets view, the Review panel's header): which agents are connected, which changesets an
 * agent waits for and since when, which ones it stopped waiting for, which were auto-allowed.
 * Built at activation, before the hooks' code is loaded; the hooks feed it once they run. Whether
 * an agent still waits is asked of the hooks themselves (`attach`), so an answer never needs an
 * event of its own: `settle` drops the waits that were answered.
 */
export class AgentActivity {
  private readonly tracked = new Map<string, Tracked>();
  private readonly autoAllowedIds = new Set<string>();
  private readonly emitter = new Emitter<string | undefined>();
  private stillWaiting: (changesetId: string) => boolean = () => false;
  /** A changeset id whose state changed, or undefined for the connections. */
  readonly onDidChange: Event<string | undefined> = this.emitter.event;

  constructor(
    private readonly connectedList: () => readonly TerminalAgent[],
    private readonly store?: MarkStore,
  ) {
    // The window that served these waits answered each agent when it closed: they are gone now.
    const marks = readMarks(store?.get(AGENT_MARKS_KEY));
    for (const w of marks.waits) this.tracked.set(w.changesetId, { agent: w.agent, path: w.path, since: w.since, gone: true });
    for (const id of marks.autoAllowed) this.autoAllowedIds.add(id);
  }

  /** The hooks' own answer to "does an agent still wait for this changeset?". */
  attach(reviews: { isWaiting(changesetId: string): boolean }): void {
    this.stillWaiting = (id) => reviews.isWaiting(id);
  }

  connected(): readonly TerminalAgent[] {
    return this.connectedList();
  }

  /** Connect or Disconnect changed the list. */
  connectionsChanged(): void {
    this.emitter.fire(undefined);
  }

  waiting(changesetId: string, agent: TerminalAgent, path: string, now: number): void {
    this.tracked.set(changesetId, { agent, path, since: now, gone: false });
    this.changed(changesetId);
  }

  gone(changesetId: string): void {
    const t = this.tracked.get(changesetId);
    if (!t || t.gone) return;
    t.gone = true;
    this.changed(changesetId);
  }

  autoAllowed(changesetId: string): void {
    this.autoAllowedIds.add(changesetId);
    this.tracked.delete(changesetId);
    this.changed(changesetId);
  }

  isAutoAllowed(changesetId: string): boolean {
    return this.autoAllowedIds.has(changesetId);
  }

  state(changesetId: string): AgentState | undefined {
    const t = this.tracked.get(changesetId);
    if (!t) return undefined;
    if (t.gone) return 'gone';
    return this.stillWaiting(changesetId) ? 'waiting' : undefined;
  }

  /** The changesets an agent waits for, or stopped waiting for, oldest first. */
  waits(): AgentWait[] {
    return [...this.tracked].flatMap(([changesetId, t]) => {
      const state = this.state(changesetId);
      return state ? [{ changesetId, agent: t.agent, path: t.path, since: t.since, state }] : [];
    });
  }

  /** Forgets the waits that were answered (call after each review change), and says which changed. */
  settle(): void {
    for (const [id, t] of this.tracked) {
      if (t.gone || this.stillWaiting(id)) continue;
      this.tracked.delete(id);
      this.changed(id);
    }
  }

  /** Tells the views, and keeps the marks for the next window. */
  private changed(changesetId: string): void {
    const marks: StoredMarks = {
      autoAllowed: [...this.autoAllowedIds].slice(-MARKS_KEPT),
      waits: [...this.tracked].slice(-MARKS_KEPT).map(([changesetId, t]) => ({ changesetId, agent: t.agent, path: t.path, since: t.since })),
    };
    void this.store?.update(AGENT_MARKS_KEY, marks);
    this.emitter.fire(changesetId);
  }

  dispose(): void {
    this.emitter.dispose();
  }
}

/** The stored marks, checked: a damaged or foreign value reads as no marks. */
function readMarks(value: unknown): StoredMarks {
  if (typeof value !== 'object' || value === null) return { autoAllowed: [], waits: [] };
  const { autoAllowed, waits } = value as Record<string, unknown>;
  if (!Array.isArray(autoAllowed) || !Array.isArray(waits)) return { autoAllowed: [], waits: [] };
  return { autoAllowed: autoAllowed.filter((id): id is string => typeof id === 'string'), waits: waits.filter(isStoredWait) };
}

function isStoredWait(w: unknown): w is StoredMarks['waits'][number] {
  if (typeof w !== 'object' || w === null) return false;
  const r = w as Record<string, unknown>;
  return (
    typeof r['changesetId'] === 'string' && typeof r['path'] === 'string' && typeof r['since'] === 'number' && Object.hasOwn(AGENT_LABELS, String(r['agent']))
  );
}
