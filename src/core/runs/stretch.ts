import type { AgentEvent } from '../agent/events';
import type { FeedbackQueue } from '../agent/feedback';
import { guardedChecks } from '../agent/finalChecks';
import { ProposalOverlay } from '../agent/overlay';
import type { ProposalSink } from '../agent/ports';
import { runAgent } from '../agent/run';
import type { RunTranscript } from '../agent/transcript';
import { planContextPaths } from '../plan/queries';
import type { ReviewSession } from '../review/reviewSession';
import type { RunSnapshot } from '../../shared/api';
import type { LoadedPlan } from './planFile';
import type { AgentPorts, LogPort, RunFiles } from './ports';
import { ChangesetSink } from './proposalSink';
import { redactEvent, redactingModel } from './redaction';
import { seedFromChangeset } from './reviewSync';
import type { Run } from './runRecord';
import type { AgentSettings } from './settings';

/** One stretch of a run: its first, or a continuation of its stored transcript. */
export interface Turn {
  readonly mode: RunSnapshot['mode'];
  readonly prompt?: string;
  readonly prior?: RunTranscript;
}

export interface StretchDeps {
  readonly session: ReviewSession;
  readonly files: RunFiles;
  readonly ports: AgentPorts;
  readonly log: LogPort;
  readonly feedback: FeedbackQueue;
  readonly redact: (text: string) => string;
  /** The run's changeset exists: its snapshot names it from now on. */
  onChangeset(id: string): void;
  onWarning(message: string): void;
  onEvent(event: AgentEvent): void;
}

/**
 * Runs one stretch of the agent loop for a run: a build proposes into the run's changeset (a
 * continued build sees its proposals where the review left them), plan mode proposes nothing but
 * its answer. Everything the loop says is redacted with the run's key known before it goes on.
 */
export async function runStretch(deps: StretchDeps, run: Run, plan: LoadedPlan, key: string, settings: AgentSettings, turn: Turn): Promise<RunTranscript> {
  const overlay = new ProposalOverlay(deps.files);
  run.overlay = overlay;
  const { mode, prior } = turn;
  const changeset = prior === undefined || run.snapshot.changesetId === undefined ? undefined : deps.session.get(run.snapshot.changesetId);
  if (mode === 'build') for (const file of changeset?.changeset.files ?? []) seedFromChangeset(overlay, file);
  const sink: ProposalSink =
    mode === 'build'
      ? new ChangesetSink(
          deps.session,
          deps.files,
          {
            runId: run.id,
            title: `Build: ${plan.parsed.title ?? plan.path}`,
            constraints: plan.parsed.constraints,
            context: planContextPaths(plan.parsed),
            steps: plan.parsed.steps.map((s) => ({ id: s.id, title: s.text })),
            onChangeset: (id) => deps.onChangeset(id),
            onError: (message) => deps.onWarning(message),
          },
          changeset === undefined ? undefined : run.snapshot.changesetId,
        )
      : { apply: async () => undefined }; // plan mode writes nothing but the plan, proposed after the run
  deps.log.info(`run ${run.id}: ${mode} mode on ${plan.path}${prior === undefined ? '' : ' (continued)'}`);
  // A check approval that cannot be shown is that check not run, not the run's end.
  const agent = deps.ports.agent(key, guardedChecks(deps.ports.checks(plan)));
  // Only a first stretch builds a system prompt; a continued one resends its own.
  const environment =
    prior === undefined
      ? await deps.ports.environment?.().catch((error: unknown) => {
          deps.log.warn(`run ${run.id}: no environment block (${error instanceof Error ? error.message : String(error)})`);
          return undefined;
        })
      : undefined;
  return runAgent(
    { ...agent, model: redactingModel(agent.model, deps.redact), sink, ...(deps.ports.commands === undefined ? {} : { commands: deps.ports.commands(plan) }) },
    {
      id: run.id,
      mode,
      plan: plan.input,
      // A continued run stays on its model: the cached prefix is per model.
      model: prior?.model ?? (mode === 'plan' ? settings.planModel : settings.model),
      ...(settings.effort?.[mode] === undefined ? {} : { effort: settings.effort[mode] }),
      maxTurns: settings.maxTurns,
      budget: settings.budget,
      prices: settings.prices,
      // The follow-up prompts are in the stored transcript already; the checks still run.
      ...(prior !== undefined ? { followUps: [] } : settings.followUps === undefined ? {} : { followUps: settings.followUps }),
      overlay,
      feedback: deps.feedback,
      steering: run.steering,
      signal: run.abort?.signal ?? new AbortController().signal,
      onEvent: (event) => deps.onEvent(redactEvent(event, deps.redact)),
      ...(environment === undefined ? {} : { environment }),
      touches: planContextPaths(plan.parsed),
      ...(turn.prompt === undefined ? {} : { prompt: turn.prompt }),
      ...(prior === undefined ? {} : { prior }),
    },
  );
}
