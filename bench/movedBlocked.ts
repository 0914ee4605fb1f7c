/**
 * Moved-code detection over a changeset of 20,000 hunks in 2,000 files (issue 20's bench line):
 * the Review panel's tracker runs it through the worker port the extension uses, while a 1 ms
 * timer samples the event loop. Reported: the longest the host's event loop was blocked
 * (`hostBlockedMs`), the host's busy time over the whole detection (`hostBusyMs`: packing the
 * hunks in slices, posting them, taking the answer in, and the sampling timer itself), the time
 * until the moves are delivered (`doneMs`), and the same detection run in one go in the thread.
 *   node --import tsx bench/movedBlocked.ts --worker DIST/diffWorker.js   → one JSON line
 */
import { performance } from 'node:perf_hooks';
import { findMoves, packMoveInput } from '../src/core/diff/movedCode';
import { MovedCodeTracker } from '../src/core/review/movedTracker';
import type { ReviewHunk, ReviewMove } from '../src/shared/reviewProtocol';
import { WorkerLineDiff } from '../src/node/workerLineDiff';
import { movedHunks } from '../test/fixtures/movedHunks';
import { sampleBlocked } from './sampleBlocked';

const FILES = 2_000;
const PER_FILE = 10;

/** One detection through the tracker the Review panel uses; resolves when the moves are delivered. */
function detect(port: WorkerLineDiff, hunks: readonly ReviewHunk[]): Promise<readonly ReviewMove[]> {
  return new Promise((resolve, reject) => new MovedCodeTracker(port, resolve, (why) => reject(new Error(why))).update(hunks));
}

async function once(port: WorkerLineDiff, hunks: readonly ReviewHunk[]) {
  const started = performance.now();
  let moves: readonly ReviewMove[] = [];
  let doneMs = 0;
  const sampled = await sampleBlocked(async () => {
    moves = await detect(port, hunks);
    doneMs = performance.now() - started;
  });
  // The host's busy time, measured in a run of its own: the sampling timer would count too.
  const before = performance.eventLoopUtilization();
  await detect(port, hunks);
  const hostBusyMs = performance.eventLoopUtilization(before).active;
  return { hostBusyMs, maxBlockMs: sampled.maxBlockMs, doneMs, moves: moves.length };
}

export async function benchMoved(workerScript: string, runs = 5) {
  const { hunks: generated, moves: expected } = movedHunks(FILES, PER_FILE);
  const hunks = generated.map((h, i): ReviewHunk => ({ ...h, id: `h${i}`, state: 'pending', revision: 1, oldLines: 0, newLines: 0, flags: [], steps: [] }));
  const lines = packMoveInput(hunks).lines.length / 3;
  const port = new WorkerLineDiff(workerScript);
  try {
    await once(port, hunks); // warm: the worker's start, the JIT
    const results: Awaited<ReturnType<typeof once>>[] = [];
    for (let k = 0; k < runs; k++) results.push(await once(port, hunks));
    const median = (key: 'hostBusyMs' | 'maxBlockMs' | 'doneMs') => results.map((r) => r[key]).sort((a, b) => a - b)[Math.floor(results.length / 2)] ?? NaN;
    const t = performance.now();
    findMoves(packMoveInput(hunks));
    const inThreadMs = performance.now() - t;
    const found = results[0]?.moves ?? 0;
    if (found !== expected) throw new Error(`expected ${expected} moves, found ${found}`);
    return {
      hunks: hunks.length,
      files: FILES,
      changedLines: lines,
      moves: found,
      hostBlockedMs: median('maxBlockMs'),
      hostBusyMs: median('hostBusyMs'),
      doneMs: median('doneMs'),
      inThreadMs,
    };
  } finally {
    port.dispose();
  }
}

if (process.argv[1]?.endsWith('movedBlocked.ts')) {
  const at = process.argv.indexOf('--worker');
  const script = at >= 0 ? process.argv[at + 1] : undefined;
  if (script === undefined) throw new Error('usage: movedBlocked.ts --worker path/to/diffWorker.js');
  void benchMoved(script).then((r) => console.log(JSON.stringify(r)));
}
