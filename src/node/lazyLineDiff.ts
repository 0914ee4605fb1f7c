import { inThreadLineDiff, WORKER_ABOVE_CHARS, type LineDiffPort } from '../core/diff/lineDiffPort';
import type { Result } from '../core/result';
import type { LineRun } from '../core/diff/lineDiff';
import type { WorkerLineDiff } from './workerLineDiff';

/**
 * The extension's line diff port: small inputs in this thread, large ones through
 * `WorkerLineDiff`, whose code (`load`: the `diffPort` bundle) loads with the first large diff
 * rather than at activation.
 */
export class LazyWorkerLineDiff implements LineDiffPort {
  private port: WorkerLineDiff | undefined;
  private disposed = false;

  constructor(
    private readonly script: string,
    private readonly load: () => typeof import('./workerLineDiff'),
  ) {}

  lineRuns(oldText: string, newText: string, signal?: AbortSignal): Promise<Result<LineRun[], 'E_CANCELLED' | 'E_DIFF'>> {
    if (this.disposed || oldText.length + newText.length < WORKER_ABOVE_CHARS) return inThreadLineDiff.lineRuns(oldText, newText, signal);
    this.port ??= new (this.load().WorkerLineDiff)(this.script);
    return this.port.lineRuns(oldText, newText, signal);
  }

  dispose(): void {
    this.disposed = true;
    this.port?.dispose();
  }
}
