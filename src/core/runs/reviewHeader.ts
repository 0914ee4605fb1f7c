import { claimMismatchLines } from '../review/claimsHeader';
import type { ReviewSession } from '../review/reviewSession';
import { planChangeSummary } from '../plan/planChangeSummary';
import type { Changeset } from '../changeset/types';
import type { ReviewHeader } from '../../shared/reviewProtocol';
import type { RunService } from './runService';
import type { AgentState } from '../terminalAgents/agentActivity';

/**
 * The review header of a changeset: its title and source, and for an agent's changeset the run's
 * summary, cost, the claims of that summary the diff does not support, and when a rejection's
 * reason reaches the agent; for a terminal agent's changeset, whether that agent still waits for it.
 */
export function reviewHeader(
  session: ReviewSession,
  runs: () => RunService | undefined,
  agentState: (changesetId: string) => AgentState | undefined = () => undefined,
): (changesetId: string) => Omit<ReviewHeader, 'readOnlyReason'> {
  return (id) => {
    const agent = agentState(id);
    const entry = session.get(id);
    const service = runs();
    const run = entry?.runId ? service?.get(entry.runId) : undefined;
    const told = entry?.runId !== undefined && service !== undefined ? feedbackTiming(service, entry.runId) : undefined;
    const summary = entry && run?.mode === 'plan' ? planSummary(entry.changeset) : entry?.runId ? service?.summary(entry.runId) : undefined;
    const claims = entry && run && service ? claimMismatchLines({ mode: run.mode, summary, events: service.events(run.id) }, entry.changeset) : [];
    return {
      title: entry?.changeset.title ?? '',
      source: entry?.changeset.source ?? '',
      ...(summary ? { summary } : {}),
      ...(run ? { costUsd: run.usage.costUsd } : {}),
      ...(run?.usage.priceUnknown === true ? { priceUnknown: true } : {}),
      claimMismatches: claims,
      ...(told === undefined ? {} : { rejectionsReach: told }),
      ...(agent === undefined ? {} : { agentState: agent }),
    };
  };
}

/**
 * A plan run's summary is the drafted plan itself, which the diff below already shows: the header
 * says in one line what the draft changes instead.
 */
function planSummary(changeset: Changeset): string | undefined {
  const file = changeset.files[0];
  return file === undefined ? undefined : planChangeSummary(file.baseText, file.proposedText);
}

/**
 * Rejections are queued for the plan the run worked on, and the next turn of any run on that plan
 * reads them (`FeedbackQueue`); a fix request sends the changeset's rejections with it.
 */
function feedbackTiming(service: RunService, runId: string): ReviewHeader['rejectionsReach'] {
  const plan = service.planOf(runId);
  if (plan === undefined) return undefined;
  return service.runsOf(plan).some((id) => service.get(id)?.state === 'running') ? 'live' : 'nextTurn';
}
