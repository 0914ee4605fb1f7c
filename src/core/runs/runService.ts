import type { AgentEvent } from '../agent/events';
import type { Event } from '../emitter';
import type { Failure, Result } from '../result';
import type { ReviewSession } from '../review/reviewSession';
import type { RunMode, RunSnapshot, RunUsage } from '../../shared/api';
import type { QueuedMessage } from '../agent/steering';

/** A comment on a plan, answered by a plan-mode run that revises the plan ("plan review"). */
export interface PlanComment {
  /** 0-based line of the plan the comment is on, if any. */
  readonly line?: number;
  /** Section name (Goal, Steps, …) the comment is on, if any. */
  readonly section?: string;
  readonly text: string;
}

export interface StartRunInput {
  /** Workspace-relative path of the plan file. */
  readonly plan: string;
  readonly mode: RunMode;
  /** Plan mode: a one-line intent to draft the plan from. */
  readonly intent?: string;
  /** Plan mode: comments the revision must answer. */
  readonly comments?: readonly PlanComment[];
}

/** A run that ended and kept its transcript, so it can be continued. */
export interface ContinuableRun {
  readonly id: string;
  /** Workspace-relative plan path. */
  readonly plan: string;
  readonly mode: RunMode;
  readonly state: RunSnapshot['state'];
  readonly startedAt: number;
}

/**
 * The user's messages for a running agent ("steering"): queued while the run goes on, sent at its
 * next turn boundary, editable and withdrawable until then. A message the run ended before sending
 * stays queued, can still be edited or withdrawn, and *Continue Run* sends it first.
 */
export interface RunSteeringService {
  /** The messages waiting for the run's next turn boundary, oldest first; none for an unknown run. */
  queued(runId: string): readonly QueuedMessage[];
  /** Queues a message for a running run; its id. */
  add(runId: string, text: string): Promise<Result<string>>;
  edit(runId: string, messageId: string, text: string): Promise<Result<void>>;
  withdraw(runId: string, messageId: string): Promise<Result<void>>;
}

/**
 * The seam between the run lifecycle (`Runs`, which implements it) and its users: the public API,
 * the Plan panel and the commands. Runs are identified by id; their events are kept so a view that
 * opens late (or after a reload) can replay the log.
 */
export interface RunService {
  /**
   * Why no run can start now (Restricted Mode), or undefined: the one gate that `start`,
   * `continueRun` and `requestFix` pass first, asked by a door that must know before it acts.
   */
  refusal(): Failure | undefined;
  start(input: StartRunInput): Promise<Result<string>>;
  /**
   * Continues a run that is done, failed or cancelled with the user's message, on its stored
   * transcript (the model sees its earlier turns). The messages the run ended before sending go
   * first; with those, `message` may be empty. Resolves with the run's id once it is running
   * again, or with the reason it cannot be continued.
   */
  continueRun(id: string, message: string): Promise<Result<string>>;
  /** The user's messages for a running agent, sent at its next turn boundary (see RunSteeringService). */
  readonly steering: RunSteeringService;
  /** The ended runs that can be continued, oldest first. */
  continuable(): Promise<readonly ContinuableRun[]>;
  get(id: string): RunSnapshot | undefined;
  cancel(id: string): Promise<void>;
  /** Every event of the run so far, in order (for a log opened late). */
  events(id: string): readonly AgentEvent[];
  /** The runs of one plan, newest last. */
  runsOf(plan: string): readonly string[];
  /** The plan a run works on (workspace-relative). */
  planOf(id: string): string | undefined;
  /** Tokens and cost of every run of a plan, fix requests included. */
  planUsage(plan: string): RunUsage;
  /** The run's final summary, once it has one. */
  summary(id: string): string | undefined;
  /** The model the run talks to; undefined for an unknown run. */
  modelOf(id: string): string | undefined;
  /**
   * Resolves when the revision is in the changeset (or with the reason it is not). `session` is the
   * one holding the changeset: the agent's own by default, the git review's for the working tree.
   */
  requestFix(changesetId: string, hunkId: string, comment: string, session?: ReviewSession): Promise<Result<void>>;
  readonly onDidEvent: Event<{ readonly runId: string; readonly event: AgentEvent }>;
  readonly onDidChange: Event<string>;
}
