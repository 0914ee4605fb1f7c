import { inThreadLineDiff, WORKER_ABOVE_CHARS, type LineDiffPort } from '../core/diff/lineDiffPort';
import type { Move, PackedMoveInput } from '../core/diff/movedCode';
import { inThreadMovedCode, MOVES_IN_WORKER_ABOVE_LINES, type MovedCodePort } from '../core/diff/movedCodePort';
import type { Result } from '../core/result';
import type { LineRun } from '../core/diff/lineDiff';
import type { WorkerLineDiff } from './workerLineDiff';

/**
 * The extension's line diff and moved-code ports: small inputs in this thread, large ones through
 * `WorkerLineDiff`, whose code (`load`: the `diffPort` bundle) loads with the first large input
 * rather than at activation.
 */
export class LazyWorkerLineDiff implements LineDiffPort, MovedCodePort {
  private port: WorkerLineDiff | undefined;
  private disposed = false;

  constructor(
    private readonly script: string,
    private readonly load: () => typeof import('./workerLineDiff'),
  ) {}

  lineRuns(oldText: string, newText: string, signal?: AbortSignal): Promise<Result<LineRun[], 'E_CANCELLED' | 'E_DIFF'>> {
    if (this.disposed || oldText.length + newText.length < WORKER_ABOVE_CHARS) return inThreadLineDiff.lineRuns(oldText, newText, signal);
    return this.worker().lineRuns(oldText, newText, signal);
  }

  findMoves(input: PackedMoveInput, signal?: AbortSignal): Promise<Result<Move[], 'E_CANCELLED' | 'E_DIFF'>> {
    if (this.disposed || input.lines.length / 3 < MOVES_IN_WORKER_ABOVE_LINES) return inThreadMovedCode.findMoves(input, signal);
    return this.worker().findMoves(input, signal);
  }

  dispose(): void {
    this.disposed = true;
    this.port?.dispose();
  }

  private worker(): WorkerLineDiff {
    this.port ??= new (this.load().WorkerLineDiff)(this.script);
    return this.port;
  }
}
