import * as vscode from 'vscode';
import type { AgentEvent } from '../../core/agent/events';
import { fail, ok, type Result } from '../../core/result';
import type { PlanProposalView, ReviewOutcomeView, RunView } from '../../shared/planProtocol';
import type { ReviewOutcome } from '../../core/review/outcome';
import { steeringLoss } from '../../core/plan/steering';
import type { RunService } from '../../core/runs/runService';
import { DisposableBase, DisposableStore, toDisposable } from '../../core/dispose';
import type { RunLog } from '../../core/runs/runLog';
import type { Logger } from '../log';
import type { RenderBundle } from './renderEntry';

/** What the panel needs of a run's changeset; wired to the review session (runChangesets.ts). */
export interface RunChangesets {
  /** How many hunks wait for a decision. */
  pending(changesetId: string): number | undefined;
  /** The waiting change to a plan, as lines. */
  proposal(changesetId: string): PlanProposalView | undefined;
  /** What a changeset came to once every hunk is decided; undefined before. */
  outcome(changesetId: string): ReviewOutcome | undefined;
  decideAll(changesetId: string, decision: 'accept' | 'reject'): Promise<Result<void>>;
  /** A plan draft's file before and after (null: absent). */
  planTexts(changesetId: string): { readonly before: string | null; readonly after: string | null } | undefined;
  /** The waiting hunks on protected ground (a plan's Checks or Constraints), with their changed lines. */
  protectedHunks(changesetId: string): readonly { readonly hunkId: string; readonly changed: readonly string[] }[];
  /** Accepts one hunk after the user looked at it on its own (a protected hunk is never taken in bulk). */
  acceptOne(changesetId: string, hunkId: string): Promise<Result<void>>;
  readonly onDidChange: vscode.Event<string>;
}

const LATEST_KEY = 'redline.plan.latestRuns';
/** The log goes to the webview at most this often while text streams in. */
const FLUSH_MS = 80;

/**
 * The Plan panel's view of the agent's runs: the latest run of each plan (kept in workspace state,
 * so it is found again after a reload), each run's log built from its events, and the step
 * statuses the agent reported. Routes nothing and decides nothing; the provider listens.
 */
export class PlanRuns extends DisposableBase {
  private readonly logs = new Map<string, RunLog>();
  private readonly steps = new Map<string, Record<string, string>>();
  /** The context of each run's last request, for the run card's gauge. */
  private readonly contexts = new Map<string, { tokens: number; window: number }>();
  private readonly changed = this._register(new vscode.EventEmitter<string>());
  private readonly logged = this._register(new vscode.EventEmitter<string>());
  private readonly stepped = this._register(new vscode.EventEmitter<{ runId: string; step: string; status: string }>());
  /** A run changed state (running → done …): the run id. */
  readonly onDidChange = this.changed.event;
  /** A run's log has entries to send: the run id (throttled). */
  readonly onDidLog = this.logged.event;
  readonly onDidStep = this.stepped.event;
  private readonly pendingFlush = new Set<string>();
  private flushTimer: ReturnType<typeof setTimeout> | undefined;
  private connected: RunService | undefined;
  /** The subscriptions to `connected`, replaced when the run service is another. */
  private readonly runSubscriptions = this._register(new DisposableStore());

  /**
   * `runs` is a getter: the agent is wired after the panel (composition.ts), possibly never.
   * `render` loads the run log's code (a bundle of its own) with the first log built.
   */
  constructor(
    private readonly getRuns: () => RunService | undefined,
    private readonly memento: vscode.Memento,
    private readonly hunks: RunChangesets | undefined,
    private readonly render: () => RenderBundle,
    private readonly output: Logger,
  ) {
    super();
    this._register(toDisposable(() => clearTimeout(this.flushTimer)));
    if (hunks) this._register(hunks.onDidChange((changesetId) => this.changesetChanged(changesetId)));
    // Every run's log reaches the Output channel, whether or not the panel ever shows it.
    this.service();
  }

  get available(): boolean {
    return this.service() !== undefined;
  }

  /** The run service, subscribed to the first time it is seen. */
  service(): RunService | undefined {
    const runs = this.getRuns();
    if (runs !== this.connected) {
      this.runSubscriptions.clear();
      this.connected = runs;
      if (runs) {
        this.runSubscriptions.add(runs.onDidEvent(({ runId, event }) => this.onEvent(runId, event)));
        this.runSubscriptions.add(runs.onDidChange((runId) => this.changed.fire(runId)));
      }
    }
    return runs;
  }

  private get runs(): RunService | undefined {
    return this.service();
  }

  /** The latest run of a plan that the run service still knows. */
  latestOf(planId: string): string | undefined {
    const id = this.memento.get<Record<string, string>>(LATEST_KEY, {})[planId];
    return id !== undefined && this.runs?.get(id) ? id : undefined;
  }

  async remember(planId: string, runId: string): Promise<void> {
    const all = { ...this.memento.get<Record<string, string>>(LATEST_KEY, {}), [planId]: runId };
    await this.memento.update(LATEST_KEY, all);
  }

  async forget(planId: string, renamedTo?: string): Promise<void> {
    const all = { ...this.memento.get<Record<string, string>>(LATEST_KEY, {}) };
    const runId = all[planId];
    delete all[planId];
    if (renamedTo !== undefined && runId !== undefined) all[renamedTo] = runId;
    await this.memento.update(LATEST_KEY, all);
  }

  /**
   * Keeps or discards a plan-mode run's draft, all of it at once. Only a plan run's: a build's
   * proposals are code, and code is accepted in the review, hunk by hunk.
   */
  async decideDraft(runId: string, decision: 'accept' | 'reject'): Promise<Result<void>> {
    const draft = this.draftOf(runId);
    if (!draft.ok) return draft;
    const { changesetId, hunks } = draft.value;
    // What `keepProtected` accepted may have been all there was.
    if (decision === 'accept' && hunks.pending(changesetId) === 0) return ok(undefined);
    return hunks.decideAll(changesetId, decision);
  }

  /** The checks and constraints a plan draft drops or rewrites; none for most drafts. */
  draftSteering(runId: string): readonly string[] {
    const draft = this.draftOf(runId);
    const texts = draft.ok ? draft.value.hunks.planTexts(draft.value.changesetId) : undefined;
    return texts === undefined ? [] : steeringLoss(texts.before, texts.after);
  }

  /** Accepts, one by one, the draft's hunks that change its Checks or Constraints (the user confirmed them). */
  async keepProtected(runId: string): Promise<Result<void>> {
    const draft = this.draftOf(runId);
    if (!draft.ok) return draft;
    const { changesetId, hunks } = draft.value;
    for (const { hunkId } of hunks.protectedHunks(changesetId)) {
      const accepted = await hunks.acceptOne(changesetId, hunkId);
      if (!accepted.ok) return accepted;
    }
    return ok(undefined);
  }

  private draftOf(runId: string): Result<{ changesetId: string; hunks: RunChangesets }> {
    const run = this.runs?.get(runId);
    if (run?.mode !== 'plan') return fail('E_NOT_A_DRAFT', 'only a plan draft is kept or discarded from the panel');
    const changesetId = run.changesetId;
    if (changesetId === undefined || !this.hunks) return fail('E_NO_CHANGESET', 'the run has nothing waiting for a decision');
    return ok({ changesetId, hunks: this.hunks });
  }

  planOf(runId: string): string | undefined {
    const all = this.memento.get<Record<string, string>>(LATEST_KEY, {});
    return Object.keys(all).find((planId) => all[planId] === runId);
  }

  view(runId: string): RunView | undefined {
    const snapshot = this.runs?.get(runId);
    if (!snapshot) return undefined;
    this.log(runId);
    const changesetId = snapshot.changesetId;
    const waiting = changesetId === undefined ? undefined : this.hunks?.pending(changesetId);
    // A plan-mode run's changeset is its draft of the plan: shown in the panel until decided.
    const proposal = changesetId !== undefined && snapshot.mode === 'plan' && waiting ? this.hunks?.proposal(changesetId) : undefined;
    const plan = this.runs?.planOf(runId);
    const planUsage = plan === undefined ? undefined : this.runs?.planUsage(plan);
    const context = this.contexts.get(runId);
    const model = this.runs?.modelOf(runId);
    const outcome = this.outcome(runId);
    const queued = this.runs?.steering.queued(runId) ?? [];
    return {
      id: snapshot.id,
      mode: snapshot.mode,
      state: snapshot.state,
      ...(snapshot.error === undefined ? {} : { error: snapshot.error }),
      usage: { ...snapshot.usage },
      ...(model === undefined ? {} : { model }),
      ...(planUsage === undefined ? {} : { planUsage: { ...planUsage } }),
      ...(waiting === undefined ? {} : { hunksWaiting: waiting }),
      steps: { ...(this.steps.get(runId) ?? {}) },
      ...(context === undefined ? {} : { context: { ...context } }),
      ...(proposal === undefined ? {} : { proposal }),
      ...(outcome === undefined ? {} : { outcome }),
      ...(queued.length === 0 ? {} : { queued: queued.map((m) => ({ ...m })) }),
    };
  }

  /** A build's review as it ended: undefined while the run goes on or any hunk waits. */
  outcome(runId: string): ReviewOutcomeView | undefined {
    const snapshot = this.runs?.get(runId);
    if (snapshot?.mode !== 'build' || snapshot.state === 'running' || snapshot.changesetId === undefined) return undefined;
    const decided = this.hunks?.outcome(snapshot.changesetId);
    if (decided === undefined) return undefined;
    const last = new Map<string, boolean>();
    for (const event of this.runs?.events(runId) ?? []) {
      if (event.type === 'check') last.set(event.name, !event.outcome.timedOut && event.outcome.exitCode === 0);
    }
    return {
      hunks: decided.hunks,
      accepted: decided.accepted,
      files: decided.acceptedFiles.length,
      added: decided.added,
      removed: decided.removed,
      rejected: decided.rejected.map((r) => ({ ...r })),
      checks: [...last].map(([name, passed]) => ({ name, passed })),
    };
  }

  /** The run's log, built from every event so far when it is first asked for (a late view, a reload). */
  log(runId: string): RunLog {
    let log = this.logs.get(runId);
    if (!log) {
      log = new (this.render().RunLog)();
      this.logs.set(runId, log);
      for (const event of this.runs?.events(runId) ?? []) this.record(runId, log, event);
      log.flush();
      // A log built from a run's past events: those went to the Output channel as they happened.
      log.takeSettled();
    }
    return log;
  }

  private onEvent(runId: string, event: AgentEvent): void {
    const fresh = !this.logs.has(runId);
    // A log made now replays `events()`, which already holds this event.
    const log = this.log(runId);
    if (!fresh) this.record(runId, log, event);
    // One record per finished entry, whole (a clipped result in full), named by its run.
    for (const line of log.takeSettled()) this.output.info(`run ${runId}: ${line}`);
    if (event.type === 'step_status') this.stepped.fire({ runId, step: event.step, status: event.status });
    // A sent message leaves the queue the run card shows.
    const changes = ['usage', 'state', 'step_status', 'proposals', 'context', 'steer'];
    if (changes.includes(event.type)) this.changed.fire(runId);
    this.pendingFlush.add(runId);
    this.flushTimer ??= setTimeout(() => {
      this.flushTimer = undefined;
      const ids = [...this.pendingFlush];
      this.pendingFlush.clear();
      for (const id of ids) this.logged.fire(id);
    }, FLUSH_MS);
  }

  private record(runId: string, log: RunLog, event: AgentEvent): void {
    log.apply(event);
    if (event.type === 'step_status') this.steps.set(runId, { ...(this.steps.get(runId) ?? {}), [event.step]: event.status });
    if (event.type === 'context') this.contexts.set(runId, { tokens: event.tokens, window: event.window });
  }

  private changesetChanged(changesetId: string): void {
    for (const runId of this.logs.keys()) {
      if (this.runs?.get(runId)?.changesetId === changesetId) this.changed.fire(runId);
    }
  }
}
