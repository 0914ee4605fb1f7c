import type * as vscode from 'vscode';
import type { AgentEvent } from '../../core/agent/events';
import type { Result } from '../../core/result';
import type { ReviewSession } from '../../core/review/reviewSession';
import type { RunMode, RunSnapshot } from '../../shared/api';

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

/**
 * The seam between the agent wiring (which implements it) and its users: the public API, the
 * Plan panel and the commands. Runs are identified by id; their events are kept so a view that
 * opens late (or after a reload) can replay the log.
 */
export interface RunService {
  start(input: StartRunInput): Promise<Result<string>>;
  get(id: string): RunSnapshot | undefined;
  cancel(id: string): Promise<void>;
  /** Every event of the run so far, in order (for a log opened late). */
  events(id: string): readonly AgentEvent[];
  /** The runs of one plan, newest last. */
  runsOf(plan: string): readonly string[];
  /** The run's final summary, once it has one. */
  summary(id: string): string | undefined;
  /**
   * Resolves when the revision is in the changeset (or with the reason it is not). `session` is the
   * one holding the changeset: the agent's own by default, the git review's for the working tree.
   */
  requestFix(changesetId: string, hunkId: string, comment: string, session?: ReviewSession): Promise<Result<void>>;
  readonly onDidEvent: vscode.Event<{ readonly runId: string; readonly event: AgentEvent }>;
  readonly onDidChange: vscode.Event<string>;
}
