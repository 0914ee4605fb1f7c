/**
 * The diff worker (`dist/diffWorker.js`): diffs large inputs off the extension host's thread.
 * Protocol: `{ id, oldText, newText }` in; `{ id, runs }` out, runs packed as (kind, count) pairs
 * in a transferred Int32Array (`packRuns`), or `{ id, error }`.
 */
import { parentPort } from 'node:worker_threads';
import { inThreadLineDiff } from '../core/diff/lineDiffPort';
import { packRuns } from './packedRuns';

parentPort?.on('message', (job: { id: number; oldText: string; newText: string }) => {
  void inThreadLineDiff.lineRuns(job.oldText, job.newText).then((r) => {
    if (!r.ok) return parentPort?.postMessage({ id: job.id, error: r.message });
    const runs = packRuns(r.value);
    parentPort?.postMessage({ id: job.id, runs }, [runs.buffer]);
  });
});
