import type { AgentEvent } from '../agent/events';
import type { Changeset } from '../changeset/types';
import { checkClaims, type CheckRun } from '../policy/claims';

/** What the review header needs of the run behind a changeset. */
export interface RunClaims {
  readonly mode: 'plan' | 'build';
  /** The agent's final summary; undefined while the run is going. */
  readonly summary: string | undefined;
  readonly events: readonly AgentEvent[];
}

/**
 * The lines shown at the top of the review (issue 10, "Claims against the diff"): the build run's
 * final summary against every file its changeset touches and the checks the run ran. A plan run's
 * summary is the drafted plan, not a report of work, so it claims nothing.
 */
export function claimMismatchLines(run: RunClaims | undefined, changeset: Changeset): string[] {
  if (run === undefined || run.mode !== 'build' || run.summary === undefined || run.summary.trim() === '') return [];
  return checkClaims(
    run.summary,
    changeset.files.map((f) => f.path),
    checksOf(run.events),
  ).map((m) => m.message);
}

/** The run's checks in order. A check is named by its declared command (agent/planFile.ts). */
function checksOf(events: readonly AgentEvent[]): CheckRun[] {
  return events.flatMap((e) => (e.type === 'check' ? [{ command: e.name, exitCode: e.outcome.timedOut ? null : e.outcome.exitCode }] : []));
}
