import type { AgentEvent, EndReason } from '../agent/events';
import { FeedbackQueue } from '../agent/feedback';
import { addUsage, type UsageTotals } from '../agent/usage';
import { Emitter } from '../emitter';
import { createRedactor } from '../policy/secrets';
import { fail, type Failure, ok, type Result } from '../result';
import type { DecisionEvent, ReviewSession } from '../review/reviewSession';
import { type TrustPort, untrusted } from '../trust';
import type { RunSnapshot } from '../../shared/api';
import { planInputOf, refusingChecks, requestFix } from './fixRequests';
import { checkModel } from './modelCheck';
import { ensureStepIds, type LoadedPlan, loadPlan, markStep, proposePlanDraft } from './planFile';
import type { AgentPorts, KeySource, LogPort, PlanWriter, RunFiles, RunNotices, RunStorePort } from './ports';
import { openingPrompt, validateContinueMessage, validateStartInput } from './prompts';
import { redactingModel } from './redaction';
import { followDecision } from './reviewSync';
import { newRun, type Run, runUsage, story } from './runRecord';
import { RunRegistry } from './runRegistry';
import type { ContinuableRun, RunService, StartRunInput } from './runService';
import { RunSteering } from './runSteering';
import type { AgentSettings } from './settings';
import { runStretch, type Turn } from './stretch';

export interface RunsDeps {
  readonly session: ReviewSession;
  /** Resolves once the changesets of earlier windows are back in the session (a continued run finds its own). */
  readonly changesetsRestored?: Promise<void>;
  readonly keys: KeySource;
  readonly trust: TrustPort;
  readonly store: RunStorePort;
  readonly log: LogPort;
  readonly notices: RunNotices;
  readonly settings: () => AgentSettings;
  readonly files: RunFiles;
  readonly planWriter: PlanWriter;
  readonly ports: AgentPorts;
}

/** How long `cancel` waits for the run to wind down before it declares it cancelled anyway. */
const CANCEL_GRACE_MS = 900;
const NO_KEY = 'No API key is set. Set one with "Redline: Set API Key" (or the ANTHROPIC_API_KEY environment variable).';

/**
 * The run lifecycle, the application's one gate for runs: starts and continues runs on plans
 * (one run at a time per plan), cancels and finishes them, accounts their tokens, keeps and
 * stores their records, and answers fix requests. Restricted Mode is refused here, once.
 */
export class Runs implements RunService {
  private readonly runs: RunRegistry;
  private readonly feedback = new Map<string, FeedbackQueue>();
  private readonly fixes = new Set<AbortController>();
  private readonly resuming = new Set<string>();
  private readonly eventEmitter = new Emitter<{ readonly runId: string; readonly event: AgentEvent }>();
  private readonly changeEmitter = new Emitter<string>();
  readonly onDidEvent = this.eventEmitter.event;
  readonly onDidChange = this.changeEmitter.event;
  readonly steering: RunSteering;
  private readonly decisions: { dispose(): void };
  private counter = 0;

  constructor(private readonly deps: RunsDeps) {
    this.runs = new RunRegistry(deps.store, deps.log, (id) => this.changeEmitter.fire(id));
    this.steering = new RunSteering(this.runs, (id) => this.changeEmitter.fire(id));
    this.decisions = deps.session.onDidDecide((e) => (this.runs.loaded ? this.onDecision(e) : void this.runs.restore().then(() => this.onDecision(e))));
  }

  refusal(): Failure | undefined {
    return this.deps.trust.isTrusted() ? undefined : untrusted();
  }

  async start(input: StartRunInput): Promise<Result<string>> {
    const invalid = validateStartInput(input);
    if (invalid !== undefined) return fail('E_INPUT', invalid);
    const refused = this.refusal();
    if (refused !== undefined) return refused;
    const settings = this.deps.settings();
    const model = this.checkModel(input.mode === 'plan' ? settings.planModel : settings.model, input.mode);
    if (!model.ok) return model;
    await this.runs.restore();
    let plan = await this.loadFree(input.plan, input.mode);
    if (!plan.ok) return plan;
    // The API's contract: the plan file must exist (the panel creates a new plan's file before it drafts it).
    if (!plan.value.exists) return fail('E_PLAN', `there is no plan file ${plan.value.path}`);
    if (input.mode === 'build') {
      const ids = await ensureStepIds(this.deps.planWriter, plan.value.absolute);
      if (!ids.ok) return fail('E_PLAN', `the plan's steps could not get ids: ${ids.message}`);
      if (ids.value) plan = await loadPlan(this.deps.files, plan.value.path);
      if (!plan.ok) return plan;
    }
    const run = newRun(`run-${Date.now().toString(36)}-${(++this.counter).toString(36)}`, plan.value.path, input.mode);
    run.model = input.mode === 'plan' ? settings.planModel : settings.model;
    this.runs.add(run);
    this.changeEmitter.fire(run.id);
    const prompt = openingPrompt(input);
    this.launch(run, plan.value, await this.deps.keys.get(), { mode: input.mode, ...(prompt === undefined ? {} : { prompt }) });
    return ok(run.id);
  }

  /**
   * Continues a run that ended (done, failed or cancelled) with the user's message: the model gets
   * the run's stored transcript, so it sees its earlier turns and the cached prefix is unchanged.
   * A build run keeps proposing into its changeset, seeded from where the review now stands.
   */
  async continueRun(id: string, message: string): Promise<Result<string>> {
    // No message of its own: the messages the run ended before sending are the message.
    const own = typeof message !== 'string' || message.trim() !== '';
    const invalid = own ? validateContinueMessage(message) : undefined;
    if (invalid !== undefined) return fail('E_INPUT', invalid);
    const refused = this.refusal();
    if (refused !== undefined) return refused;
    await this.runs.restore();
    const run = typeof id === 'string' ? this.runs.get(id) : undefined;
    if (run === undefined) return fail('E_UNKNOWN_RUN', `no run '${String(id)}'`);
    if (!own && run.steering.size === 0) return fail('E_INPUT', validateContinueMessage(message) ?? 'a run is continued with a message');
    // Claimed before the first await below: two continues of one run must not both start it.
    if (run.snapshot.state === 'running' || this.resuming.has(run.id)) return fail('E_STATE', `run ${id} is still going; stop it or wait for it to end`);
    const prior = run.transcript;
    if (prior === undefined)
      return fail(
        'E_NO_TRANSCRIPT',
        `run ${id} kept no transcript to continue (it ended before its first turn, or the window closed while it ran); start a new run`,
      );
    this.resuming.add(run.id);
    try {
      // A continued run stays on its model (its cached prefix is per model): a retired one cannot go on.
      const model = this.checkModel(prior.model, run.snapshot.mode);
      if (!model.ok) return model;
      const plan = await this.loadFree(run.plan, run.snapshot.mode);
      if (!plan.ok) return plan;
      // Checked first: a missing key must not turn a finished run into a failed one.
      const key = await this.deps.keys.get();
      if (key === undefined || key === '') {
        this.deps.notices.authError(NO_KEY);
        return fail('auth', NO_KEY);
      }
      await this.deps.changesetsRestored;
      const { error: _error, ...rest } = run.snapshot;
      run.snapshot = { ...rest, state: 'running' };
      this.changeEmitter.fire(run.id);
      this.launch(run, plan.value, key, { mode: run.snapshot.mode, ...(own ? { prompt: message.trim() } : {}), prior });
      return ok(run.id);
    } finally {
      this.resuming.delete(run.id);
    }
  }

  get(id: string): RunSnapshot | undefined {
    void this.runs.restore();
    const run = this.runs.get(id);
    return run && { ...run.snapshot, usage: { ...run.snapshot.usage } };
  }

  async cancel(id: string): Promise<void> {
    const run = this.runs.get(id);
    if (run === undefined || run.snapshot.state !== 'running') return;
    run.abort?.abort();
    const settled = await Promise.race([run.done?.then(() => true) ?? Promise.resolve(true), delay(CANCEL_GRACE_MS).then(() => false)]);
    // A tool that ignores the signal must not keep the run "running": it is cancelled now, and
    // whatever it finishes later is not recorded.
    if (!settled && run.snapshot.state === 'running') this.finish(run, { state: 'cancelled' });
  }

  events(id: string): readonly AgentEvent[] {
    void this.runs.restore();
    return [...(this.runs.get(id)?.events ?? [])];
  }

  runsOf(plan: string): readonly string[] {
    void this.runs.restore();
    return this.runs.ofPlan(plan).map((r) => r.id);
  }

  planOf(id: string): string | undefined {
    return this.runs.get(id)?.plan;
  }

  planUsage(plan: string): UsageTotals {
    void this.runs.restore();
    return this.runs.planUsage(plan);
  }

  summary(id: string): string | undefined {
    return this.runs.get(id)?.summary;
  }

  modelOf(id: string): string | undefined {
    const run = this.runs.get(id);
    return run?.model ?? run?.transcript?.model;
  }

  /** The runs still going, newest last (for *Stop Run*). */
  running(): string[] {
    return this.runs
      .sorted()
      .filter((r) => r.snapshot.state === 'running')
      .map((r) => r.id);
  }

  async continuable(): Promise<ContinuableRun[]> {
    await this.runs.restore();
    return this.runs.continuable();
  }

  async requestFix(changesetId: string, hunkId: string, comment: string, session: ReviewSession = this.deps.session): Promise<Result<void>> {
    if (typeof comment !== 'string' || comment.trim() === '' || comment.length > 10_000)
      return fail('E_INPUT', 'a fix request needs a comment of at most 10,000 characters');
    const refused = this.refusal();
    if (refused !== undefined) return refused;
    await this.runs.restore();
    const abort = new AbortController();
    this.fixes.add(abort);
    try {
      const result = await requestFix(
        {
          session,
          settings: () => this.deps.settings(),
          planOf: (id) => planInputOf(this.deps.files, this.runOfChangeset(id)?.plan),
          agent: async () => {
            const key = await this.deps.keys.get();
            if (key === undefined || key === '') return fail('auth', NO_KEY);
            const agent = this.deps.ports.agent(key, refusingChecks);
            return ok({ ...agent, model: redactingModel(agent.model, createRedactor({ knownSecrets: [key] }).redact) });
          },
          onUsage: (usage) => this.addFixUsage(changesetId, usage),
        },
        changesetId,
        hunkId,
        comment,
        abort.signal,
      );
      if (!result.ok && result.code === 'auth') this.deps.notices.authError(result.message);
      return result.ok ? result : fail(result.code, result.message);
    } finally {
      this.fixes.delete(abort);
    }
  }

  dispose(): void {
    for (const run of this.runs.all()) run.abort?.abort();
    for (const fix of this.fixes) fix.abort();
    this.decisions.dispose();
    this.eventEmitter.dispose();
    this.changeEmitter.dispose();
  }

  /** Tells the user what the run's model means (issue 16); a retired model refuses the run before anything changes. */
  private checkModel(model: string, mode: RunSnapshot['mode']): Result<void> {
    const check = checkModel(model, this.deps.settings());
    for (const warning of check.warnings) {
      this.deps.log.warn(warning.message);
      this.deps.notices.model(warning, 'warning', mode);
    }
    if (check.refusal === undefined) return ok(undefined);
    this.deps.log.warn(`run refused: ${check.refusal.message}`);
    this.deps.notices.model(check.refusal, 'error', mode);
    return fail('model_retired', check.refusal.message);
  }

  /** The plan, when no other run is going on it (two runs on one plan would fight over its proposals). */
  private async loadFree(raw: string, mode: RunSnapshot['mode']): Promise<Result<LoadedPlan>> {
    const plan = await loadPlan(this.deps.files, raw);
    if (!plan.ok) return plan;
    if (mode === 'build' && !plan.value.exists) return fail('E_PLAN', `there is no plan file ${plan.value.path}`);
    const busy = this.runs.all().find((r) => r.plan === plan.value.path && r.snapshot.state === 'running');
    return busy === undefined ? plan : fail('E_BUSY', `run ${busy.id} is still going on ${plan.value.path}; stop it first`);
  }

  /** Starts a stretch of the run in the background; without a key the run fails at once. */
  private launch(run: Run, plan: LoadedPlan, key: string | undefined, turn: Turn): void {
    if (key === undefined || key === '') return this.finish(run, { state: 'failed', error: NO_KEY }, 'auth');
    run.abort = new AbortController();
    run.done = this.execute(run, plan, key, turn).catch((error: unknown) => {
      this.deps.log.error(`run ${run.id} stopped by an internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      this.finish(run, { state: 'failed', error: `Internal error: ${error instanceof Error ? error.message : String(error)}` });
    });
  }

  private async execute(run: Run, plan: LoadedPlan, key: string, turn: Turn): Promise<void> {
    const redact = createRedactor({ knownSecrets: [key] }).redact;
    run.redact = redact;
    const transcript = await runStretch(
      {
        session: this.deps.session,
        files: this.deps.files,
        ports: this.deps.ports,
        log: this.deps.log,
        feedback: this.queueFor(plan.path),
        redact,
        onChangeset: (id) => this.update(run, { changesetId: id }),
        onWarning: (message) => this.warn(run, message),
        onEvent: (event) => this.onEvent(run, plan, event),
      },
      run,
      plan,
      key,
      this.deps.settings(),
      turn,
    );
    if (run.snapshot.state !== 'running') return; // cancelled by force meanwhile
    run.transcript = transcript;
    if (transcript.summary !== undefined) run.summary = story(turn.prior === undefined ? undefined : run.summary, redact(transcript.summary));
    if (turn.mode === 'plan' && transcript.state === 'done') {
      const proposed = await proposePlanDraft(this.deps.session, run.id, plan, transcript.summary ?? '');
      if (!proposed.ok) this.warn(run, proposed.message);
      else if (proposed.value !== undefined) this.update(run, { changesetId: proposed.value });
    }
    await run.planEdits;
    this.finish(
      run,
      { state: transcript.state, usage: runUsage(run, transcript.usage), ...(transcript.error === undefined ? {} : { error: transcript.error }) },
      transcript.endReason,
    );
  }

  private onEvent(run: Run, plan: LoadedPlan, event: AgentEvent): void {
    if (run.snapshot.state !== 'running') return;
    // The final state is told by `finish`, after the plan proposal and the transcript are in.
    if (event.type === 'state' && event.state !== 'running') return;
    // Streamed deltas are kept as one text event per stretch: the replay is the same, the log small.
    const last = run.events[run.events.length - 1];
    if ((event.type === 'text' || event.type === 'thinking') && last?.type === event.type) {
      run.events[run.events.length - 1] = { type: event.type, text: last.text + event.text };
    } else run.events.push(event);
    this.eventEmitter.fire({ runId: run.id, event });
    if (event.type === 'usage') this.update(run, { usage: runUsage(run, event.total) });
    if (event.type === 'step_status') {
      run.planEdits = run.planEdits
        .then(() => markStep(this.deps.planWriter, plan.absolute, event.step, event.status))
        .then((r) => {
          if (!r.ok) this.deps.log.warn(`run ${run.id}: step ${event.step} not marked in the plan: ${r.message}`);
        });
    }
    if (event.type === 'proposals') void this.runs.persist(run);
  }

  private finish(run: Run, end: Partial<RunSnapshot> & { state: RunSnapshot['state'] }, endReason?: EndReason): void {
    if (run.snapshot.state !== 'running') return;
    const { id, mode, changesetId } = run.snapshot;
    run.snapshot = {
      id,
      mode,
      state: end.state,
      ...(changesetId === undefined ? {} : { changesetId }),
      ...(end.error === undefined ? {} : { error: end.error }),
      usage: { ...(end.usage ?? run.snapshot.usage) },
    };
    const event: AgentEvent = {
      type: 'state',
      state: end.state,
      ...(endReason === undefined ? {} : { endReason }),
      ...(end.error === undefined ? {} : { error: end.error }),
    };
    run.events.push(event);
    this.eventEmitter.fire({ runId: run.id, event });
    this.changeEmitter.fire(run.id);
    this.deps.log.info(`run ${run.id}: ${end.state}${end.error === undefined ? '' : ` (${end.error})`}`);
    if (endReason === 'auth') this.deps.notices.authError(end.error ?? 'The API key was refused.');
    void this.runs.persist(run);
  }

  private update(run: Run, patch: Partial<RunSnapshot>): void {
    run.snapshot = { ...run.snapshot, ...patch };
    this.changeEmitter.fire(run.id);
  }

  /** A fix request's tokens count for the run whose changeset it revised (and so for its plan). */
  private addFixUsage(changesetId: string, usage: UsageTotals): void {
    const run = this.runOfChangeset(changesetId);
    if (run === undefined) return;
    run.fixUsage = addUsage(run.fixUsage, usage);
    this.update(run, { usage: addUsage(run.snapshot.usage, usage) });
    if (run.snapshot.state !== 'running') void this.runs.persist(run);
  }

  private warn(run: Run, message: string): void {
    this.deps.log.warn(`run ${run.id}: ${message}`);
    this.deps.notices.warn(message);
  }

  private queueFor(plan: string): FeedbackQueue {
    let queue = this.feedback.get(plan);
    if (queue === undefined) this.feedback.set(plan, (queue = new FeedbackQueue()));
    return queue;
  }

  /** A decision on a run's changeset: the run's view of that file follows, and a rejection is told. */
  private onDecision(e: DecisionEvent): void {
    const entry = this.deps.session.get(e.changesetId);
    const run = entry?.runId === undefined ? undefined : this.runs.get(entry.runId);
    if (entry !== undefined && run !== undefined) followDecision(e, entry.changeset, this.queueFor(run.plan), run.overlay);
  }

  private runOfChangeset(changesetId: string): Run | undefined {
    const runId = this.deps.session.get(changesetId)?.runId;
    return runId === undefined ? undefined : this.runs.get(runId);
  }
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
