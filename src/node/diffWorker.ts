/**
 * The diff worker (`dist/diffWorker.js`): diff work on large inputs, off the extension host's thread.
 * Protocol: `{ id, oldText, newText }` in, `{ id, runs }` out (runs packed as (kind, count) pairs
 * by `packRuns`); or `{ id, moves: PackedMoveInput }` in, `{ id, moves }` out (`packMoves`); the
 * answer's array is transferred. A failure answers `{ id, error }`.
 */
import { parentPort } from 'node:worker_threads';
import { inThreadLineDiff } from '../core/diff/lineDiffPort';
import { findMoves, packMoves, type PackedMoveInput } from '../core/diff/movedCode';
import { packRuns } from './packedRuns';

type Job = { id: number; oldText: string; newText: string } | { id: number; moves: PackedMoveInput };

parentPort?.on('message', (job: Job) => {
  if ('moves' in job) {
    const moves = packMoves(findMoves(job.moves));
    parentPort?.postMessage({ id: job.id, moves }, [moves.buffer]);
    return;
  }
  void inThreadLineDiff.lineRuns(job.oldText, job.newText).then((r) => {
    if (!r.ok) return parentPort?.postMessage({ id: job.id, error: r.message });
    const runs = packRuns(r.value);
    parentPort?.postMessage({ id: job.id, runs }, [runs.buffer]);
  });
});
