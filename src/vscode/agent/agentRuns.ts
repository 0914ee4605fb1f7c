import * as vscode from 'vscode';
import type { AgentEvent, EndReason } from '../../core/agent/events';
import { FeedbackQueue } from '../../core/agent/feedback';
import { ProposalOverlay } from '../../core/agent/overlay';
import type { PlanInput } from '../../core/agent/planInput';
import { runAgent } from '../../core/agent/run';
import type { RunTranscript } from '../../core/agent/transcript';
import { addUsage, type UsageTotals } from '../../core/agent/usage';
import { planContextPaths } from '../../core/plan/queries';
import { createRedactor } from '../../core/policy/secrets';
import type { DecisionEvent, ReviewSession } from '../../core/review/reviewSession';
import { fail, ok, type Result } from '../../core/result';
import type { RunSnapshot } from '../../shared/api';
import type { CheckApprovals } from '../checks/checkApprovals';
import type { Confirm } from '../checks/workspaceChecks';
import type { SandboxKind } from '../../node/checks/sandbox';
import type { Logger } from '../log';
import type { WorkspacePaths } from '../workspacePaths';
import { type AgentSettings, readAgentSettings } from './agentSettings';
import { emptyPlan, refusingChecks, requestFix } from './fixRequests';
import { showAuthError } from '../commands/apiKeyCommands';
import { redactEvent } from './redaction';
import { ensureStepIds, type LoadedPlan, loadPlan, markStep, proposePlanDraft } from './planFile';
import { ChangesetSink } from './proposalSink';
import { followDecision, seedFromChangeset } from './reviewSync';
import { newRun, type Run, runUsage } from './runRecord';
import { RunRegistry } from './runRegistry';
import { openingPrompt, validateContinueMessage, validateStartInput } from './runPrompts';
import type { ContinuableRun, RunService, StartRunInput } from './runService';
import { RunPorts } from './runPorts';
import type { WorkspaceFiles } from './workspaceFiles';

export interface AgentRunsDeps {
  extensionPath: string;
  storageUri: vscode.Uri | undefined;
  session: ReviewSession;
  /** Resolves once the changesets of earlier windows are back in the session (a continued run finds its own). */
  changesetsRestored?: Promise<void>;
  keys: { get(): Promise<string | undefined> };
  paths: WorkspacePaths;
  log: Logger;
  approvals: CheckApprovals;
  confirm?: Confirm;
  /** Which sandbox checks get; probed once per window by default. */
  sandbox?: () => Promise<SandboxKind>;
  settings?: () => AgentSettings;
  /** A refused key: an error with a *Set API Key* action by default. */
  showAuthError?: (message: string) => void;
}

/** One stretch of a run: its first, or a continuation of its stored transcript. */
interface Turn {
  mode: RunSnapshot['mode'];
  prompt?: string;
  prior?: RunTranscript;
}

/** How long `cancel` waits for the run to wind down before it declares it cancelled anyway. */
const CANCEL_GRACE_MS = 900;
const NO_KEY = 'No API key is set. Set one with "Redline: Set API Key" (or the ANTHROPIC_API_KEY environment variable).';
const UNTRUSTED = 'The agent is off in Restricted Mode; trust the workspace first.';

/**
 * The agent in VS Code: starts and continues runs on plans, wires the core's ports to the
 * workspace, the review session, the checks and the model; the RunRegistry keeps the runs.
 */
export class AgentRuns implements RunService, vscode.Disposable {
  private readonly runs: RunRegistry;
  private readonly feedback = new Map<string, FeedbackQueue>();
  private readonly fixes = new Set<AbortController>();
  private readonly resuming = new Set<string>();
  private readonly eventEmitter = new vscode.EventEmitter<{ readonly runId: string; readonly event: AgentEvent }>();
  private readonly changeEmitter = new vscode.EventEmitter<string>();
  readonly onDidEvent = this.eventEmitter.event;
  readonly onDidChange = this.changeEmitter.event;
  private readonly ports: RunPorts;
  private readonly files: WorkspaceFiles;
  private readonly disposables: vscode.Disposable[] = [this.eventEmitter, this.changeEmitter];
  private counter = 0;

  constructor(private readonly deps: AgentRunsDeps) {
    this.ports = new RunPorts(deps, () => this.settings());
    this.files = this.ports.files;
    this.runs = new RunRegistry(deps.storageUri, deps.log, (id) => this.changeEmitter.fire(id));
    const decisions = deps.session.onDidDecide((e) => (this.runs.loaded ? this.onDecision(e) : void this.runs.restore().then(() => this.onDecision(e))));
    this.disposables.push({ dispose: () => decisions.dispose() });
  }

  async start(input: StartRunInput): Promise<Result<string>> {
    const invalid = validateStartInput(input);
    if (invalid !== undefined) return fail('E_INPUT', invalid);
    if (!vscode.workspace.isTrusted) return fail('E_UNTRUSTED', UNTRUSTED);
    await this.runs.restore();
    let plan = await this.loadFree(input.plan, input.mode);
    if (!plan.ok) return plan;
    if (input.mode === 'build') {
      const ids = await ensureStepIds(plan.value.absolute);
      if (!ids.ok) return fail('E_PLAN', `the plan's steps could not get ids: ${ids.message}`);
      if (ids.value) plan = await loadPlan(this.files, plan.value.path);
      if (!plan.ok) return plan;
    }
    const run = newRun(`run-${Date.now().toString(36)}-${(++this.counter).toString(36)}`, plan.value.path, input.mode);
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
    const invalid = validateContinueMessage(message);
    if (invalid !== undefined) return fail('E_INPUT', invalid);
    if (!vscode.workspace.isTrusted) return fail('E_UNTRUSTED', UNTRUSTED);
    await this.runs.restore();
    const run = typeof id === 'string' ? this.runs.get(id) : undefined;
    if (run === undefined) return fail('E_UNKNOWN_RUN', `no run '${String(id)}'`);
    // Claimed before the first await below: two continues of one run must not both start it.
    if (run.snapshot.state === 'running' || this.resuming.has(run.id)) return fail('E_STATE', `run ${id} is still going; stop it or wait for it to end`);
    const prior = run.transcript;
    if (prior === undefined) return fail('E_NO_TRANSCRIPT', `run ${id} kept no transcript to continue (it ended before its first turn, or the window closed while it ran); start a new run`);
    this.resuming.add(run.id);
    try {
      const plan = await this.loadFree(run.plan, run.snapshot.mode);
      if (!plan.ok) return plan;
      // Checked first: a missing key must not turn a finished run into a failed one.
      const key = await this.deps.keys.get();
      if (key === undefined || key === '') {
        this.authError(NO_KEY);
        return fail('auth', NO_KEY);
      }
      await this.deps.changesetsRestored;
      const { error: _error, ...rest } = run.snapshot;
      run.snapshot = { ...rest, state: 'running' };
      this.changeEmitter.fire(run.id);
      this.launch(run, plan.value, key, { mode: run.snapshot.mode, prompt: message.trim(), prior });
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

  /** The runs still going, newest last (for *Stop Run*). */
  running(): string[] {
    return this.runs.sorted().filter((r) => r.snapshot.state === 'running').map((r) => r.id);
  }

  async continuable(): Promise<ContinuableRun[]> {
    await this.runs.restore();
    return this.runs.continuable();
  }

  async requestFix(changesetId: string, hunkId: string, comment: string, session: ReviewSession = this.deps.session): Promise<Result<void>> {
    if (typeof comment !== 'string' || comment.trim() === '' || comment.length > 10_000) return fail('E_INPUT', 'a fix request needs a comment of at most 10,000 characters');
    if (!vscode.workspace.isTrusted) return fail('E_UNTRUSTED', UNTRUSTED);
    await this.runs.restore();
    const abort = new AbortController();
    this.fixes.add(abort);
    try {
      const result = await requestFix(
        {
          session,
          settings: () => this.settings(),
          planOf: (id) => this.planInputOf(id),
          agent: async () => {
            const key = await this.deps.keys.get();
            return key === undefined || key === '' ? fail('auth', NO_KEY) : ok(this.ports.agent(key, this.settings(), refusingChecks));
          },
          onUsage: (usage) => this.addFixUsage(changesetId, usage),
        },
        changesetId,
        hunkId,
        comment,
        abort.signal,
      );
      if (!result.ok && result.code === 'auth') this.authError(result.message);
      return result.ok ? result : fail(result.code, result.message);
    } finally {
      this.fixes.delete(abort);
    }
  }

  dispose(): void {
    for (const run of this.runs.all()) run.abort?.abort();
    for (const fix of this.fixes) fix.abort();
    for (const d of this.disposables) d.dispose();
  }

  private settings(): AgentSettings {
    return (this.deps.settings ?? readAgentSettings)();
  }

  /** The plan, when no other run is going on it (two runs on one plan would fight over its proposals). */
  private async loadFree(raw: string, mode: RunSnapshot['mode']): Promise<Result<LoadedPlan>> {
    const plan = await loadPlan(this.files, raw);
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
      this.deps.log.error(`run ${run.id} stopped by an internal error: ${error instanceof Error ? error.stack ?? error.message : String(error)}`);
      this.finish(run, { state: 'failed', error: `Internal error: ${error instanceof Error ? error.message : String(error)}` });
    });
  }

  private async execute(run: Run, plan: LoadedPlan, key: string, turn: Turn): Promise<void> {
    const settings = this.settings();
    const redact = createRedactor({ knownSecrets: [key] }).redact;
    run.redact = redact;
    const checks = this.ports.checks(plan);
    const overlay = new ProposalOverlay(this.files);
    run.overlay = overlay;
    const { mode, prior } = turn;
    const changeset = prior === undefined || run.snapshot.changesetId === undefined ? undefined : this.deps.session.get(run.snapshot.changesetId);
    // A continued build run sees its proposals where the review left them.
    if (mode === 'build') for (const file of changeset?.changeset.files ?? []) seedFromChangeset(overlay, file);
    const sink = mode === 'build'
      ? new ChangesetSink(this.deps.session, this.files, {
          runId: run.id,
          title: `Build: ${plan.parsed.title ?? plan.path}`,
          constraints: plan.parsed.constraints,
          context: planContextPaths(plan.parsed),
          onChangeset: (id) => this.update(run, { changesetId: id }),
          onError: (message) => this.warn(run, message),
        }, changeset === undefined ? undefined : run.snapshot.changesetId)
      : { apply: async () => undefined }; // plan mode writes nothing but the plan, proposed below
    this.deps.log.info(`run ${run.id}: ${mode} mode on ${plan.path}${prior === undefined ? '' : ' (continued)'}`);
    const transcript = await runAgent(
      { ...this.ports.agent(key, settings, checks), sink },
      {
        id: run.id,
        mode,
        plan: plan.input,
        // A continued run stays on its model: the cached prefix is per model.
        model: prior?.model ?? (mode === 'plan' ? settings.planModel : settings.model),
        maxTurns: settings.maxTurns,
        budget: settings.budget,
        prices: settings.prices,
        // The follow-up prompts are in the stored transcript already; the checks still run.
        ...(prior !== undefined ? { followUps: [] } : settings.followUps === undefined ? {} : { followUps: settings.followUps }),
        overlay,
        feedback: this.queueFor(plan.path),
        signal: run.abort?.signal ?? new AbortController().signal,
        onEvent: (event) => this.onEvent(run, plan, redactEvent(event, redact)),
        ...(turn.prompt === undefined ? {} : { prompt: turn.prompt }),
        ...(prior === undefined ? {} : { prior }),
      },
    );
    if (run.snapshot.state !== 'running') return; // cancelled by force meanwhile
    run.transcript = transcript;
    if (transcript.summary !== undefined) run.summary = redact(transcript.summary);
    if (mode === 'plan' && transcript.state === 'done') {
      const proposed = await proposePlanDraft(this.deps.session, run.id, plan, transcript.summary ?? '');
      if (!proposed.ok) this.warn(run, proposed.message);
      else if (proposed.value !== undefined) this.update(run, { changesetId: proposed.value });
    }
    await run.planEdits;
    this.finish(run, { state: transcript.state, usage: runUsage(run, transcript.usage), ...(transcript.error === undefined ? {} : { error: transcript.error }) }, transcript.endReason);
  }

  private onEvent(run: Run, plan: LoadedPlan, event: AgentEvent): void {
    if (run.snapshot.state !== 'running') return;
    // The final state is told by `finish`, after the plan proposal and the transcript are in.
    if (event.type === 'state' && event.state !== 'running') return;
    // Streamed deltas are kept as one text event per stretch: the replay is the same, the log small.
    const last = run.events[run.events.length - 1];
    if (event.type === 'text' && last?.type === 'text') run.events[run.events.length - 1] = { type: 'text', text: last.text + event.text };
    else run.events.push(event);
    this.eventEmitter.fire({ runId: run.id, event });
    if (event.type === 'usage') this.update(run, { usage: runUsage(run, event.total) });
    if (event.type === 'step_status') {
      run.planEdits = run.planEdits.then(() => markStep(plan.absolute, event.step, event.status)).then((r) => {
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
    const event: AgentEvent = { type: 'state', state: end.state, ...(endReason === undefined ? {} : { endReason }), ...(end.error === undefined ? {} : { error: end.error }) };
    run.events.push(event);
    this.eventEmitter.fire({ runId: run.id, event });
    this.changeEmitter.fire(run.id);
    this.deps.log.info(`run ${run.id}: ${end.state}${end.error === undefined ? '' : ` (${end.error})`}`);
    if (endReason === 'auth') this.authError(end.error ?? 'The API key was refused.');
    void this.runs.persist(run);
  }

  private update(run: Run, patch: Partial<RunSnapshot>): void {
    run.snapshot = { ...run.snapshot, ...patch };
    this.changeEmitter.fire(run.id);
  }

  /** A fix request's tokens count for the run whose changeset it revised (and so for its plan). */
  private addFixUsage(changesetId: string, usage: UsageTotals): void {
    const runId = this.deps.session.get(changesetId)?.runId;
    const run = runId === undefined ? undefined : this.runs.get(runId);
    if (run === undefined) return;
    run.fixUsage = addUsage(run.fixUsage, usage);
    this.update(run, { usage: addUsage(run.snapshot.usage, usage) });
    if (run.snapshot.state !== 'running') void this.runs.persist(run);
  }

  private warn(run: Run, message: string): void {
    this.deps.log.warn(`run ${run.id}: ${message}`);
    void vscode.window.showWarningMessage(`Redline: ${message}`);
  }

  private authError(message: string): void {
    (this.deps.showAuthError ?? showAuthError)(message);
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

  private async planInputOf(changesetId: string): Promise<PlanInput> {
    const runId = this.deps.session.get(changesetId)?.runId;
    const run = runId === undefined ? undefined : this.runs.get(runId);
    if (run === undefined) return emptyPlan();
    const plan = await loadPlan(this.files, run.plan);
    return plan.ok ? plan.value.input : emptyPlan();
  }
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
