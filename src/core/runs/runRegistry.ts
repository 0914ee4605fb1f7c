import { addUsage, type UsageTotals, zeroUsage } from '../agent/usage';
import { redactSecrets } from '../policy/secrets';
import type { LogPort, RunStorePort } from './ports';
import { restoredRun, type Run, storedOf } from './runRecord';
import type { ContinuableRun } from './runService';

/**
 * The runs of this window and of earlier ones: kept in memory, stored (redacted) through the
 * store port, and loaded from there on first use, so activation reads no files.
 */
export class RunRegistry {
  private readonly runs = new Map<string, Run>();
  private restored: Promise<void> | undefined;
  private isLoaded = false;

  constructor(
    private readonly store: RunStorePort,
    private readonly log: LogPort,
    private readonly onRestored: (id: string) => void,
  ) {}

  /** Whether the stored runs are in (decisions can then be matched to runs at once). */
  get loaded(): boolean {
    return this.isLoaded;
  }

  add(run: Run): void {
    this.runs.set(run.id, run);
  }

  get(id: string): Run | undefined {
    return this.runs.get(id);
  }

  all(): Run[] {
    return [...this.runs.values()];
  }

  /** Oldest first. */
  sorted(): Run[] {
    return this.all().sort((a, b) => a.startedAt - b.startedAt);
  }

  ofPlan(plan: string): Run[] {
    const wanted = plan.replace(/^\.\/+/, '');
    return this.sorted().filter((r) => r.plan === wanted);
  }

  planUsage(plan: string): UsageTotals {
    return this.ofPlan(plan).reduce((sum, run) => addUsage(sum, run.snapshot.usage), { ...zeroUsage });
  }

  continuable(): ContinuableRun[] {
    return this.sorted()
      .filter((r) => r.snapshot.state !== 'running' && r.transcript !== undefined)
      .map((r) => ({ id: r.id, plan: r.plan, mode: r.snapshot.mode, state: r.snapshot.state, startedAt: r.startedAt }));
  }

  persist(run: Run): Promise<void> {
    return this.store
      .save(run.redact ?? redactSecrets, storedOf(run))
      .catch((error: unknown) => this.log.warn(`run ${run.id}: transcript not stored: ${error instanceof Error ? error.message : String(error)}`));
  }

  /** Runs of earlier windows, loaded once, on first use. */
  restore(): Promise<void> {
    this.restored ??= this.store.loadAll().then((stored) => {
      for (const s of stored) {
        if (this.runs.has(s.snapshot.id)) continue;
        const run = restoredRun(s);
        this.runs.set(run.id, run);
        this.onRestored(run.id);
      }
      this.isLoaded = true;
    });
    return this.restored;
  }
}
