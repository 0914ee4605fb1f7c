import * as vscode from 'vscode';
import type { AgentEvent } from '../../core/agent/events';
import type { Failure, Result } from '../../core/result';
import type { ReviewSession } from '../../core/review/reviewSession';
import type { Runs } from '../../core/runs/runs';
import type { ContinuableRun, RunService, StartRunInput } from '../../core/runs/runService';
import type { RunSteeringService } from '../../core/runs/runService';
import type { RunSnapshot, RunUsage } from '../../shared/api';
import { DisposableBase } from '../../core/dispose';

/**
 * The RunService of the composition root: the agent wiring (`dist/agent.js`, with the agent loop,
 * the checks and the run store) is loaded on the first call that needs it, not at activation.
 * Until then there is no run to report, stop or replay.
 */
export class LazyAgentRuns extends DisposableBase implements RunService {
  private real: Runs | undefined;
  private readonly eventEmitter = this._register(new vscode.EventEmitter<{ readonly runId: string; readonly event: AgentEvent }>());
  private readonly changeEmitter = this._register(new vscode.EventEmitter<string>());
  readonly onDidEvent = this.eventEmitter.event;
  readonly onDidChange = this.changeEmitter.event;

  constructor(
    private readonly create: () => Runs,
    /**
     * Fix requests on changesets that are not the agent's (a terminal agent's edit goes back to that
     * agent): a result for those, undefined for the agent's own.
     */
    private readonly routeFix: (changesetId: string, hunkId: string, comment: string) => Promise<Result<void>> | undefined = () => undefined,
  ) {
    super();
  }

  private get runs(): Runs {
    if (this.real === undefined) {
      const real = this.create();
      this.real = real;
      this._register(real);
      this._register(real.onDidEvent((e) => this.eventEmitter.fire(e)));
      this._register(real.onDidChange((id) => this.changeEmitter.fire(id)));
    }
    return this.real;
  }

  refusal(): Failure | undefined {
    return this.runs.refusal();
  }

  start(input: StartRunInput): Promise<Result<string>> {
    return this.runs.start(input);
  }

  get(id: string): RunSnapshot | undefined {
    return this.runs.get(id);
  }

  cancel(id: string): Promise<void> {
    return this.runs.cancel(id);
  }

  events(id: string): readonly AgentEvent[] {
    return this.runs.events(id);
  }

  runsOf(plan: string): readonly string[] {
    return this.runs.runsOf(plan);
  }

  summary(id: string): string | undefined {
    return this.runs.summary(id);
  }

  requestFix(changesetId: string, hunkId: string, comment: string, session?: ReviewSession): Promise<Result<void>> {
    return this.routeFix(changesetId, hunkId, comment) ?? this.runs.requestFix(changesetId, hunkId, comment, session);
  }

  continueRun(id: string, message: string): Promise<Result<string>> {
    return this.runs.continueRun(id, message);
  }

  get steering(): RunSteeringService {
    return this.runs.steering;
  }

  continuable(): Promise<readonly ContinuableRun[]> {
    return this.runs.continuable();
  }

  planOf(id: string): string | undefined {
    return this.runs.planOf(id);
  }

  modelOf(id: string): string | undefined {
    return this.runs.modelOf(id);
  }

  planUsage(plan: string): RunUsage {
    return this.runs.planUsage(plan);
  }

  /** The runs going now: none before the agent is loaded. */
  running(): string[] {
    return this.real?.running() ?? [];
  }
}
