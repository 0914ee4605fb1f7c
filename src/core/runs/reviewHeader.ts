import { claimMismatchLines } from '../review/claimsHeader';
import type { ReviewSession } from '../review/reviewSession';
import type { ReviewHeader } from '../../shared/reviewProtocol';
import type { RunService } from './runService';

/**
 * The review header of a changeset: its title and source, and for an agent's changeset the run's
 * summary, cost and the claims of that summary the diff does not support.
 */
export function reviewHeader(session: ReviewSession, runs: () => RunService | undefined): (changesetId: string) => Omit<ReviewHeader, 'readOnlyReason'> {
  return (id) => {
    const entry = session.get(id);
    const service = runs();
    const run = entry?.runId ? service?.get(entry.runId) : undefined;
    const summary = entry?.runId ? service?.summary(entry.runId) : undefined;
    const claims = entry && run && service ? claimMismatchLines({ mode: run.mode, summary, events: service.events(run.id) }, entry.changeset) : [];
    return {
      title: entry?.changeset.title ?? '',
      source: entry?.changeset.source ?? '',
      ...(summary ? { summary } : {}),
      ...(run ? { costUsd: run.usage.costUsd } : {}),
      ...(run?.usage.priceUnknown === true ? { priceUnknown: true } : {}),
      claimMismatches: claims,
    };
  };
}
