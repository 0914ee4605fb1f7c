import type { QueuedMessage } from '../agent/steering';
import { fail, type Result } from '../result';
import type { Run } from './runRecord';
import type { RunRegistry } from './runRegistry';
import type { RunSteeringService } from './runService';

/** The steering of the runs in a registry (see RunSteeringService). */
export class RunSteering implements RunSteeringService {
  constructor(
    private readonly runs: RunRegistry,
    /** Fired after every change, so the views update. */
    private readonly changed: (runId: string) => void,
  ) {}

  queued(runId: string): readonly QueuedMessage[] {
    return this.runs.get(runId)?.steering.pending() ?? [];
  }

  async add(runId: string, text: string): Promise<Result<string>> {
    const run = await this.run(runId);
    if (run === undefined) return fail('E_UNKNOWN_RUN', `no run '${String(runId)}'`);
    if (run.snapshot.state !== 'running') return fail('E_STATE', `run ${runId} has ended; continue it with Continue Run`);
    return this.after(run, run.steering.add(text));
  }

  async edit(runId: string, messageId: string, text: string): Promise<Result<void>> {
    const run = await this.run(runId);
    if (run === undefined) return fail('E_UNKNOWN_RUN', `no run '${String(runId)}'`);
    return this.after(run, run.steering.edit(messageId, text));
  }

  async withdraw(runId: string, messageId: string): Promise<Result<void>> {
    const run = await this.run(runId);
    if (run === undefined) return fail('E_UNKNOWN_RUN', `no run '${String(runId)}'`);
    return this.after(run, run.steering.withdraw(messageId));
  }

  private async run(id: string): Promise<Run | undefined> {
    await this.runs.restore();
    return this.runs.get(id);
  }

  /** An ended run's record is stored again: what it never sent survives a reload. */
  private after<T>(run: Run, result: Result<T>): Result<T> {
    if (!result.ok) return result;
    this.changed(run.id);
    if (run.snapshot.state !== 'running') void this.runs.persist(run);
    return result;
  }
}
