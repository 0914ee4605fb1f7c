import { Worker } from 'node:worker_threads';
import type { LineRun } from '../core/diff/lineDiff';
import type { LineDiffPort } from '../core/diff/lineDiffPort';
import { unpackMoves, type Move, type PackedMoveInput } from '../core/diff/movedCode';
import type { MovedCodePort } from '../core/diff/movedCodePort';
import { fail, ok, type Result } from '../core/result';
import { unpackRuns } from './packedRuns';

type Failure = 'E_CANCELLED' | 'E_DIFF';
type Reply = { readonly id: number; readonly runs?: Int32Array; readonly moves?: Int32Array; readonly error?: string };

interface Job {
  readonly id: number;
  readonly message: object;
  readonly transfer: readonly ArrayBuffer[];
  /** The worker's answer, or why there is none. */
  readonly done: (r: Result<Reply, Failure>) => void;
}

/**
 * Diff work in one worker thread, one job at a time, in order: line diffs (`LazyWorkerLineDiff`
 * sends it only large inputs) and moved-code detection. A cancelled job that is running ends its
 * worker (the work cannot be interrupted from outside), and the next job starts a fresh one. The
 * worker does not keep the process alive; `dispose` ends it.
 */
export class WorkerLineDiff implements LineDiffPort, MovedCodePort {
  private worker: Worker | undefined;
  private running: Job | undefined;
  private readonly queue: Job[] = [];
  private nextId = 1;
  private disposed = false;

  /** `script` is the bundled worker (`dist/diffWorker.js`). */
  constructor(private readonly script: string) {}

  lineRuns(oldText: string, newText: string, signal?: AbortSignal): Promise<Result<LineRun[], Failure>> {
    return this.run({ oldText, newText }, [], signal, (m) => (m.runs ? ok(unpackRuns(m.runs)) : fail('E_DIFF', m.error ?? 'the diff worker failed')));
  }

  /** The input's `lines` buffer is transferred: the caller must not read it afterwards. */
  findMoves(input: PackedMoveInput, signal?: AbortSignal): Promise<Result<Move[], Failure>> {
    const { hunkFiles } = input;
    return this.run({ moves: input }, [input.lines.buffer as ArrayBuffer], signal, (m) =>
      m.moves ? ok(unpackMoves(m.moves, hunkFiles)) : fail('E_DIFF', m.error ?? 'the diff worker failed'),
    );
  }

  dispose(): void {
    this.disposed = true;
    for (const job of this.queue.splice(0)) job.done(fail('E_DIFF', 'the diff worker was shut down'));
    this.stop(fail('E_DIFF', 'the diff worker was shut down'));
  }

  private run<T>(
    message: object,
    transfer: readonly ArrayBuffer[],
    signal: AbortSignal | undefined,
    decode: (reply: Reply) => Result<T, Failure>,
  ): Promise<Result<T, Failure>> {
    if (signal?.aborted) return Promise.resolve(fail('E_CANCELLED', 'the diff was cancelled'));
    if (this.disposed) return Promise.resolve(fail('E_DIFF', 'the diff worker was shut down'));
    return new Promise((resolve) => {
      const onAbort = (): void => this.cancel(job);
      const done = (r: Result<Reply, Failure>): void => {
        signal?.removeEventListener('abort', onAbort);
        resolve(r.ok ? decode(r.value) : r);
      };
      const job: Job = { id: this.nextId++, message, transfer, done };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.queue.push(job);
      this.pump();
    });
  }

  private pump(): void {
    if (this.running !== undefined) return;
    const job = this.queue.shift();
    if (job === undefined) return;
    this.running = job;
    let worker: Worker;
    try {
      worker = this.ensureWorker();
    } catch (e) {
      // A bad script path throws here rather than as an 'error' event.
      this.running = undefined;
      job.done(fail('E_DIFF', `the diff worker could not start: ${e instanceof Error ? e.message : String(e)}`));
      this.pump();
      return;
    }
    worker.postMessage({ id: job.id, ...job.message }, [...job.transfer]);
  }

  private ensureWorker(): Worker {
    if (this.worker !== undefined) return this.worker;
    const worker = new Worker(this.script);
    worker.unref();
    worker.on('message', (m: Reply) => {
      const job = this.running;
      if (job === undefined || job.id !== m.id) return;
      this.running = undefined;
      job.done(ok(m));
      this.pump();
    });
    const lost = (why: string): void => {
      if (this.worker !== worker) return;
      this.worker = undefined;
      const job = this.running;
      this.running = undefined;
      job?.done(fail('E_DIFF', why));
      this.pump();
    };
    worker.on('error', (e) => lost(`the diff worker failed: ${e.message}`));
    worker.on('exit', (code) => lost(`the diff worker stopped (exit ${code})`));
    this.worker = worker;
    return worker;
  }

  private cancel(job: Job): void {
    const queued = this.queue.indexOf(job);
    if (queued >= 0) {
      this.queue.splice(queued, 1);
      job.done(fail('E_CANCELLED', 'the diff was cancelled'));
    } else if (this.running === job) {
      this.stop(fail('E_CANCELLED', 'the diff was cancelled'));
      this.pump();
    }
  }

  private stop(outcome: Result<Reply, Failure>): void {
    const worker = this.worker;
    const job = this.running;
    this.worker = undefined;
    this.running = undefined;
    job?.done(outcome);
    if (worker !== undefined) void worker.terminate();
  }
}
