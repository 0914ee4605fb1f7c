import type { AgentEvent } from '../agent/events';
import type { ProposalOverlay } from '../agent/overlay';
import { type QueuedMessage, SteeringQueue } from '../agent/steering';
import type { RunTranscript } from '../agent/transcript';
import { addUsage, type UsageTotals, zeroUsage } from '../agent/usage';
import type { RunSnapshot } from '../../shared/api';

/** What survives a reload: enough for `get`, `events`, `runsOf`, `summary` and to continue a run. */
export interface StoredRun {
  version: 1;
  plan: string;
  startedAt: number;
  snapshot: RunSnapshot;
  summary?: string;
  events: AgentEvent[];
  transcript?: RunTranscript;
  /** Tokens of the run's fix requests (absent in records of older versions: none). */
  fixUsage?: UsageTotals;
  /** The user's messages the run ended before sending (absent: none); a continued run sends them first. */
  queued?: QueuedMessage[];
}

/** A run as the application keeps it in memory: what is stored, plus what lives only while it runs. */
export interface Run {
  readonly id: string;
  readonly plan: string;
  readonly startedAt: number;
  snapshot: RunSnapshot;
  events: AgentEvent[];
  summary?: string;
  transcript?: RunTranscript;
  /** The model the run talks to (the setting when it started; a continued run keeps its own). */
  model?: string;
  /** Tokens its fix requests spent; the snapshot's usage is the loop's plus these. */
  fixUsage: UsageTotals;
  /** The user's messages for the running agent, sent at its next turn boundary. */
  readonly steering: SteeringQueue;
  abort?: AbortController;
  done?: Promise<void>;
  overlay?: ProposalOverlay;
  /** Plan-file edits (step marks) one after another. */
  planEdits: Promise<unknown>;
  /** Redacts with the run's key known, for what is stored. */
  redact?: (text: string) => string;
}

export function newRun(id: string, plan: string, mode: RunSnapshot['mode']): Run {
  return {
    id,
    plan,
    startedAt: Date.now(),
    snapshot: { id, mode, state: 'running', usage: { ...zeroUsage } },
    events: [],
    fixUsage: { ...zeroUsage },
    steering: new SteeringQueue(),
    planEdits: Promise.resolve(),
  };
}

/** The snapshot's usage for the loop's own total so far. */
export function runUsage(run: Run, loop: UsageTotals): UsageTotals {
  return addUsage(loop, run.fixUsage);
}

export function storedOf(run: Run): StoredRun {
  return {
    version: 1,
    plan: run.plan,
    startedAt: run.startedAt,
    snapshot: run.snapshot,
    events: run.events,
    fixUsage: run.fixUsage,
    ...(run.steering.size === 0 ? {} : { queued: [...run.steering.pending()] }),
    ...(run.summary === undefined ? {} : { summary: run.summary }),
    ...(run.transcript === undefined ? {} : { transcript: run.transcript }),
  };
}

/** A run of an earlier window; one that was still going when the window closed is failed. */
export function restoredRun(stored: StoredRun): Run {
  const interrupted = stored.snapshot.state === 'running';
  const snapshot: RunSnapshot = interrupted ? { ...stored.snapshot, state: 'failed', error: 'The window closed while this run was going.' } : stored.snapshot;
  return {
    id: snapshot.id,
    plan: stored.plan,
    startedAt: stored.startedAt,
    snapshot,
    events: stored.events,
    fixUsage: stored.fixUsage ?? { ...zeroUsage },
    // A record of an older version, or one damaged on disk, queues nothing.
    steering: new SteeringQueue(Array.isArray(stored.queued) ? stored.queued.filter((m) => typeof m?.id === 'string' && typeof m.text === 'string') : []),
    ...(stored.summary === undefined ? {} : { summary: stored.summary }),
    ...(stored.transcript === undefined ? {} : { transcript: stored.transcript }),
    planEdits: Promise.resolve(),
  };
}

/** Streamed text and thinking arrive in many small deltas; one event per stretch of text is enough to replay. */
export function coalesce(events: readonly AgentEvent[]): AgentEvent[] {
  const out: AgentEvent[] = [];
  for (const event of events) {
    const last = out[out.length - 1];
    if ((event.type === 'text' || event.type === 'thinking') && last?.type === event.type)
      out[out.length - 1] = { type: event.type, text: last.text + event.text };
    else out.push(event);
  }
  return out;
}

/**
 * A run's summary is its whole story: a continuation adds its own ending below the earlier ones,
 * so what the first stretch admitted (a skipped test) stays for the reader and the claims check.
 */
export function story(earlier: string | undefined, latest: string): string {
  return earlier === undefined || earlier === '' ? latest : `${earlier}\n\n${latest}`;
}
