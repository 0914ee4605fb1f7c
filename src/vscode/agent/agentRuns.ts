import * as vscode from 'vscode';
import type { AgentEvent } from '../../core/agent/events';
import { FeedbackQueue } from '../../core/agent/feedback';
import { ProposalOverlay } from '../../core/agent/overlay';
import type { PlanInput } from '../../core/agent/planInput';
import type { ChecksPort, ModelPort } from '../../core/agent/ports';
import { type AgentDeps, runAgent } from '../../core/agent/run';
import type { RunTranscript } from '../../core/agent/transcript';
import { zeroUsage } from '../../core/agent/usage';
import { hunkRegion } from '../../core/changeset/revise';
import { createRedactor, redactSecrets } from '../../core/policy/secrets';
import type { DecisionEvent, ReviewSession } from '../../core/review/reviewSession';
import { fail, ok, type Result } from '../../core/result';
import type { RunSnapshot } from '../../shared/api';
import type { CheckApprovals } from '../checks/checkApprovals';
import { type Confirm, createChecksPort, modalConfirm } from '../checks/workspaceChecks';
import type { SandboxKind } from '../../node/checks/sandbox';
import type { Logger } from '../log';
import type { WorkspacePaths } from '../workspacePaths';
import { type AgentSettings, readAgentSettings } from './agentSettings';
import { emptyPlan, requestFix } from './fixRequests';
import { createModel, redactingModel } from './modelPort';
import { redactEvent } from './redaction';
import { ensureStepIds, type LoadedPlan, loadPlan, markStep, planFromDraft } from './planFile';
import { ChangesetSink } from './proposalSink';
import { seedFromChangeset } from './reviewSync';
import { openingPrompt, validateStartInput } from './runPrompts';
import type { RunService, StartRunInput } from './runService';
import { RunStore } from './runStore';
import { WorkspaceFiles } from './workspaceFiles';

export interface AgentRunsDeps {
  extensionPath: string;
  storageUri: vscode.Uri | undefined;
  session: ReviewSession;
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

interface Run {
  readonly id: string;
  readonly plan: string;
  readonly startedAt: number;
  snapshot: RunSnapshot;
  events: AgentEvent[];
  summary?: string;
  transcript?: RunTranscript;
  abort?: AbortController;
  done?: Promise<void>;
  overlay?: ProposalOverlay;
  /** Plan-file edits (step marks) one after another. */
  planEdits: Promise<unknown>;
  /** Redacts with the run's key known, for what is stored. */
  redact?: (text: string) => string;
}

/** How long `cancel` waits for the run to wind down before it declares it cancelled anyway. */
const CANCEL_GRACE_MS = 900;

/**
 * The agent in VS Code: starts runs on plans, wires the core's ports to the workspace, the review
 * session, the checks and the model, and keeps every run's events and transcript (in workspace
 * storage, redacted) so a view opened late or after a reload can replay them.
 */
export class AgentRuns implements RunService, vscode.Disposable {
  private readonly runs = new Map<string, Run>();
  private readonly feedback = new Map<string, FeedbackQueue>();
  private readonly fixes = new Set<AbortController>();
  private readonly eventEmitter = new vscode.EventEmitter<{ readonly runId: string; readonly event: AgentEvent }>();
  private readonly changeEmitter = new vscode.EventEmitter<string>();
  readonly onDidEvent = this.eventEmitter.event;
  readonly onDidChange = this.changeEmitter.event;
  private readonly files: WorkspaceFiles;
  private readonly store: RunStore;
  private readonly disposables: vscode.Disposable[] = [this.eventEmitter, this.changeEmitter];
  private restored: Promise<void> | undefined;
  private counter = 0;

  constructor(private readonly deps: AgentRunsDeps) {
    this.files = new WorkspaceFiles(deps.paths);
    this.store = new RunStore(deps.storageUri);
    const decisions = deps.session.onDidDecide((e) => this.onDecision(e));
    this.disposables.push({ dispose: () => decisions.dispose() });
  }

  async start(input: StartRunInput): Promise<Result<string>> {
    const invalid = validateStartInput(input);
    if (invalid !== undefined) return fail('E_INPUT', invalid);
    if (!vscode.workspace.isTrusted) return fail('E_UNTRUSTED', 'The agent is off in Restricted Mode; trust the workspace first.');
    await this.restore();
    let plan = await loadPlan(this.files, input.plan);
    if (!plan.ok) return plan;
    if (input.mode === 'build' && !plan.value.exists) return fail('E_PLAN', `there is no plan file ${plan.value.path}`);
    const planPath = plan.value.path;
    const busy = [...this.runs.values()].find((r) => r.plan === planPath && r.snapshot.state === 'running');
    if (busy !== undefined) return fail('E_BUSY', `run ${busy.id} is still going on ${planPath}; stop it first`);
    if (input.mode === 'build') {
      const ids = await ensureStepIds(plan.value.absolute);
      if (!ids.ok) return fail('E_PLAN', `the plan's steps could not get ids: ${ids.message}`);
      if (ids.value) plan = await loadPlan(this.files, plan.value.path);
      if (!plan.ok) return plan;
    }
    const id = `run-${Date.now().toString(36)}-${(++this.counter).toString(36)}`;
    const run: Run = {
      id,
      plan: plan.value.path,
      startedAt: Date.now(),
      snapshot: { id, mode: input.mode, state: 'running', usage: { ...zeroUsage } },
      events: [],
      planEdits: Promise.resolve(),
    };
    this.runs.set(id, run);
    this.changeEmitter.fire(id);
    const key = await this.deps.keys.get();
    if (key === undefined || key === '') {
      this.finish(run, { state: 'failed', error: 'No API key is set. Set one with "Redline: Set API Key" (or the ANTHROPIC_API_KEY environment variable).' }, 'auth');
      return ok(id);
    }
    run.abort = new AbortController();
    run.done = this.execute(run, input, plan.value, key).catch((error: unknown) => {
      this.deps.log.error(`run ${id} stopped by an internal error: ${error instanceof Error ? error.stack ?? error.message : String(error)}`);
      this.finish(run, { state: 'failed', error: `Internal error: ${error instanceof Error ? error.message : String(error)}` });
    });
    return ok(id);
  }

  get(id: string): RunSnapshot | undefined {
    void this.restore();
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
    void this.restore();
    return [...(this.runs.get(id)?.events ?? [])];
  }

  runsOf(plan: string): readonly string[] {
    void this.restore();
    const wanted = plan.replace(/^\.\/+/, '');
    return [...this.runs.values()].filter((r) => r.plan === wanted).sort((a, b) => a.startedAt - b.startedAt).map((r) => r.id);
  }

  summary(id: string): string | undefined {
    return this.runs.get(id)?.summary;
  }

  /** The runs still going, newest last (for *Stop Run*). */
  running(): string[] {
    return [...this.runs.values()].filter((r) => r.snapshot.state === 'running').sort((a, b) => a.startedAt - b.startedAt).map((r) => r.id);
  }

  async requestFix(changesetId: string, hunkId: string, comment: string, session: ReviewSession = this.deps.session): Promise<Result<void>> {
    if (typeof comment !== 'string' || comment.trim() === '' || comment.length > 10_000) return fail('E_INPUT', 'a fix request needs a comment of at most 10,000 characters');
    if (!vscode.workspace.isTrusted) return fail('E_UNTRUSTED', 'The agent is off in Restricted Mode; trust the workspace first.');
    const abort = new AbortController();
    this.fixes.add(abort);
    try {
      const result = await requestFix(
        {
          session,
          settings: () => this.settings(),
          planOf: (id) => this.planOf(id),
          agent: async () => {
            const key = await this.deps.keys.get();
            if (key === undefined || key === '') return fail('auth', 'No API key is set. Set one with "Redline: Set API Key".');
            return ok(this.agentDeps(key, this.settings(), refusingChecks));
          },
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
    for (const run of this.runs.values()) run.abort?.abort();
    for (const fix of this.fixes) fix.abort();
    for (const d of this.disposables) d.dispose();
  }

  private settings(): AgentSettings {
    return (this.deps.settings ?? readAgentSettings)();
  }

  private agentDeps(key: string, settings: AgentSettings, checks: ChecksPort): Pick<AgentDeps, 'model' | 'files' | 'guard' | 'checks' | 'clock'> {
    const redact = createRedactor({ knownSecrets: [key] }).redact;
    const inner: ModelPort = createModel(this.deps.extensionPath, async () => ({ apiKey: (await this.deps.keys.get()) || key, baseURL: settings.baseUrl }));
    return { model: redactingModel(inner, redact), files: this.files, guard: this.files, checks, clock: { now: () => Date.now() } };
  }

  private async execute(run: Run, input: StartRunInput, plan: LoadedPlan, key: string): Promise<void> {
    const settings = this.settings();
    const redact = createRedactor({ knownSecrets: [key] }).redact;
    run.redact = redact;
    const checks = createChecksPort(
      {
        files: this.files,
        approvals: this.deps.approvals,
        confirm: this.deps.confirm ?? modalConfirm,
        log: this.deps.log,
        apiKey: () => this.deps.keys.get(),
        limits: () => ({ timeoutMs: this.settings().checkTimeoutMs, outputCap: this.settings().checkOutputCap }),
        ...(this.deps.sandbox === undefined ? {} : { sandbox: this.deps.sandbox }),
      },
      plan,
    );
    const overlay = new ProposalOverlay(this.files);
    run.overlay = overlay;
    const sink = input.mode === 'build'
      ? new ChangesetSink(this.deps.session, this.files, {
          runId: run.id,
          title: `Build: ${plan.parsed.title ?? plan.path}`,
          constraints: plan.parsed.constraints,
          onChangeset: (id) => this.update(run, { changesetId: id }),
          onError: (message) => this.warn(run, message),
        })
      : { apply: async () => undefined }; // plan mode writes nothing but the plan, proposed below
    const prompt = openingPrompt(input);
    const mode = input.mode;
    this.deps.log.info(`run ${run.id}: ${mode} mode on ${plan.path}`);
    const transcript = await runAgent(
      { ...this.agentDeps(key, settings, checks), sink },
      {
        id: run.id,
        mode,
        plan: plan.input,
        model: mode === 'plan' ? settings.planModel : settings.model,
        maxTurns: settings.maxTurns,
        budget: settings.budget,
        prices: settings.prices,
        ...(settings.followUps === undefined ? {} : { followUps: settings.followUps }),
        overlay,
        feedback: this.queueFor(plan.path),
        signal: run.abort?.signal ?? new AbortController().signal,
        onEvent: (event) => this.onEvent(run, plan, redactEvent(event, redact)),
        ...(prompt === undefined ? {} : { prompt }),
      },
    );
    if (run.snapshot.state !== 'running') return; // cancelled by force meanwhile
    run.transcript = transcript;
    if (transcript.summary !== undefined) run.summary = redact(transcript.summary);
    if (mode === 'plan' && transcript.state === 'done') await this.proposePlan(run, plan, transcript.summary ?? '');
    await run.planEdits;
    this.finish(run, { state: transcript.state, usage: transcript.usage, ...(transcript.error === undefined ? {} : { error: transcript.error }) }, transcript.endReason);
  }

  /** Plan mode's result goes to review as a change to the plan file, like any other proposal. */
  private async proposePlan(run: Run, plan: LoadedPlan, draft: string): Promise<void> {
    const text = planFromDraft(draft, plan.parsed);
    if (text === undefined) return this.warn(run, 'the model\'s answer has no "## " section, so it was not proposed as the plan');
    if (text === plan.text) return;
    const proposed = await this.deps.session.propose({
      source: 'agent',
      runId: run.id,
      title: `Plan ${plan.exists ? 'revision' : 'draft'}: ${plan.parsed.title ?? plan.path}`,
      files: [{ path: plan.path, newText: text }],
    });
    if (proposed.ok) this.update(run, { changesetId: proposed.value });
    else this.warn(run, `the drafted plan could not be put up for review: ${proposed.message}`);
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
    if (event.type === 'usage') this.update(run, { usage: event.total });
    if (event.type === 'step_status') {
      run.planEdits = run.planEdits.then(() => markStep(plan.absolute, event.step, event.status)).then((r) => {
        if (!r.ok) this.deps.log.warn(`run ${run.id}: step ${event.step} not marked in the plan: ${r.message}`);
      });
    }
    if (event.type === 'proposals') void this.persist(run);
  }

  private finish(run: Run, end: Partial<RunSnapshot> & { state: RunSnapshot['state'] }, endReason?: string): void {
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
    const event: AgentEvent = { type: 'state', state: end.state, ...(end.error === undefined ? {} : { error: end.error }) };
    run.events.push(event);
    this.eventEmitter.fire({ runId: run.id, event });
    this.changeEmitter.fire(run.id);
    this.deps.log.info(`run ${run.id}: ${end.state}${end.error === undefined ? '' : ` (${end.error})`}`);
    if (endReason === 'auth') this.authError(end.error ?? 'The API key was refused.');
    void this.persist(run);
  }

  private update(run: Run, patch: Partial<RunSnapshot>): void {
    run.snapshot = { ...run.snapshot, ...patch };
    this.changeEmitter.fire(run.id);
  }

  private warn(run: Run, message: string): void {
    this.deps.log.warn(`run ${run.id}: ${message}`);
    void vscode.window.showWarningMessage(`Redline: ${message}`);
  }

  private authError(message: string): void {
    const show = this.deps.showAuthError ?? ((m: string) => {
      void vscode.window.showErrorMessage(`Redline: ${m}`, 'Set API Key').then((choice) => {
        if (choice === 'Set API Key') void vscode.commands.executeCommand('redline.setApiKey');
      });
    });
    show(message);
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
    if (entry === undefined || run === undefined) return;
    if (e.decision === 'reject') {
      const region = hunkRegion(entry.changeset, e.hunkId);
      const excerpt = region.ok && region.value.newText !== '' ? region.value.newText : undefined;
      this.queueFor(run.plan).add({ path: e.path, hunkId: e.hunkId, reason: e.reason ?? '(no reason given)', ...(excerpt === undefined ? {} : { excerpt }) });
    }
    const file = entry.changeset.files.find((f) => f.path === e.path);
    if (file !== undefined && run.overlay?.has(e.path)) seedFromChangeset(run.overlay, file);
  }

  private async planOf(changesetId: string): Promise<PlanInput> {
    const runId = this.deps.session.get(changesetId)?.runId;
    const run = runId === undefined ? undefined : this.runs.get(runId);
    if (run === undefined) return emptyPlan();
    const plan = await loadPlan(this.files, run.plan);
    return plan.ok ? plan.value.input : emptyPlan();
  }

  private persist(run: Run): Promise<void> {
    return this.store
      .save(run.redact ?? redactSecrets, { version: 1, plan: run.plan, startedAt: run.startedAt, snapshot: run.snapshot, events: run.events, ...(run.summary === undefined ? {} : { summary: run.summary }), ...(run.transcript === undefined ? {} : { transcript: run.transcript }) })
      .catch((error: unknown) => this.deps.log.warn(`run ${run.id}: transcript not stored: ${error instanceof Error ? error.message : String(error)}`));
  }

  /** Runs of earlier windows, loaded on first use (activation reads no files). */
  private restore(): Promise<void> {
    this.restored ??= this.store.loadAll().then((stored) => {
      for (const s of stored) {
        if (this.runs.has(s.snapshot.id)) continue;
        const interrupted = s.snapshot.state === 'running';
        const snapshot: RunSnapshot = interrupted ? { ...s.snapshot, state: 'failed', error: 'The window closed while this run was going.' } : s.snapshot;
        this.runs.set(snapshot.id, { id: snapshot.id, plan: s.plan, startedAt: s.startedAt, snapshot, events: s.events, ...(s.summary === undefined ? {} : { summary: s.summary }), ...(s.transcript === undefined ? {} : { transcript: s.transcript }), planEdits: Promise.resolve() });
        this.changeEmitter.fire(snapshot.id);
      }
    });
    return this.restored;
  }
}

/** Fix requests edit one hunk; they never run checks. */
const refusingChecks: ChecksPort = { run: async () => fail('not_available', 'checks do not run in a fix request') };

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
