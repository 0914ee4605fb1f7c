import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as esbuild from 'esbuild';
import { diffLineArrays } from '../../../src/core/diff/lineDiff';
import { splitLines } from '../../../src/core/text/lines';
import { LazyWorkerLineDiff } from '../../../src/node/lazyLineDiff';
import { WorkerLineDiff } from '../../../src/node/workerLineDiff';
import { generatePair } from '../../fixtures/diffPairs';
import { movedHunks } from '../../fixtures/movedHunks';
import { findMoves, packMoveInput } from '../../../src/core/diff/movedCode';

describe('node/WorkerLineDiff', function () {
  this.timeout(60_000);
  let dir = '';
  let script = '';
  const big = generatePair({ lines: 20_000, changed: 0.1, layout: 'scattered' });
  // Large enough that the worker is surely still diffing when the test cancels it.
  const huge = generatePair({ lines: 100_000, changed: 0.5, layout: 'scattered' });
  const expected = (p: { oldText: string; newText: string }) => diffLineArrays(splitLines(p.oldText), splitLines(p.newText));

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'redline-diff-worker-'));
    script = join(dir, 'diffWorker.js');
    await esbuild.build({ entryPoints: ['src/node/diffWorker.ts'], bundle: true, platform: 'node', format: 'cjs', outfile: script, logLevel: 'warning' });
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('diffs a large input in the worker: the same runs as in this thread', async () => {
    const port = new WorkerLineDiff(script);
    try {
      const r = await port.lineRuns(big.oldText, big.newText);
      assert.ok(r.ok, r.ok ? '' : r.message);
      assert.deepEqual(r.value, expected(big));
    } finally {
      port.dispose();
    }
  });

  it('LazyWorkerLineDiff: small inputs in this thread, large ones in the worker, whose code loads with the first large diff', async () => {
    let loads = 0;
    const load = () => {
      loads++;
      return { WorkerLineDiff };
    };
    const missing = new LazyWorkerLineDiff(join(dir, 'no-such-worker.js'), load);
    const small = await missing.lineRuns('a\nb\n', 'a\nc\n');
    assert.ok(small.ok, 'a small diff never needs the worker');
    assert.equal(loads, 0, 'nothing loaded for a small diff');
    const large = await missing.lineRuns(big.oldText, big.newText);
    assert.ok(!large.ok && large.code === 'E_DIFF', 'a large diff goes to the worker, which cannot start here');
    await missing.lineRuns(big.oldText, big.newText);
    assert.equal(loads, 1, 'the port code loads once');
    missing.dispose();
    const after = await missing.lineRuns(big.oldText, big.newText);
    assert.ok(after.ok, 'once disposed, large diffs run in this thread');
    assert.deepEqual(after.value, expected(big));
  });

  it('finds moved code in the worker: the same moves as in this thread', async () => {
    const { hunks, moves } = movedHunks(40, 20);
    const port = new WorkerLineDiff(script);
    try {
      const r = await port.findMoves(packMoveInput(hunks));
      assert.ok(r.ok, r.ok ? '' : r.message);
      assert.equal(r.value.filter((m) => m.whole).length, moves, 'every generated move, whole');
      assert.deepEqual(r.value, findMoves(packMoveInput(hunks)));
    } finally {
      port.dispose();
    }
  });

  it('LazyWorkerLineDiff finds the moves of a small changeset in this thread, of a large one in the worker', async () => {
    let loads = 0;
    const lazy = new LazyWorkerLineDiff(join(dir, 'no-such-worker.js'), () => {
      loads++;
      return { WorkerLineDiff };
    });
    const small = await lazy.findMoves(packMoveInput(movedHunks(2, 10).hunks));
    assert.ok(small.ok && small.value.length === 2 && loads === 0, 'two moves found without the worker');
    const large = await lazy.findMoves(packMoveInput(movedHunks(40, 20).hunks));
    assert.ok(!large.ok && large.code === 'E_DIFF' && Number(loads) === 1, 'a large input goes to the worker, which cannot start here');
    lazy.dispose();
  });

  it('a worker path that Worker refuses outright is an E_DIFF, not a throw', async () => {
    const relative = new WorkerLineDiff('no-such-dir/worker.js');
    const refused = await relative.lineRuns(big.oldText, big.newText);
    assert.ok(!refused.ok && refused.code === 'E_DIFF' && /could not start/.test(refused.message), 'refused with a reason');
  });

  it('reports a worker that crashes as E_DIFF and starts a new one for the next job', async () => {
    const crashing = join(dir, 'crashing.js');
    writeFileSync(crashing, "require('node:worker_threads').parentPort.on('message', () => { throw new Error('boom'); });");
    const port = new WorkerLineDiff(crashing);
    try {
      const first = await port.lineRuns(big.oldText, big.newText);
      assert.ok(!first.ok && first.code === 'E_DIFF' && /boom/.test(first.message), `the crash is reported: ${first.ok ? '' : first.message}`);
      const second = await port.lineRuns(big.oldText, big.newText);
      assert.ok(!second.ok && /boom/.test(second.message), 'the next job gets a fresh worker (which crashes the same way)');
    } finally {
      port.dispose();
    }
  });

  it('cancels a running diff at once, and the next diff still runs', async () => {
    const port = new WorkerLineDiff(script);
    try {
      const controller = new AbortController();
      const running = port.lineRuns(huge.oldText, huge.newText, controller.signal);
      const queued = port.lineRuns(big.oldText, big.newText);
      setTimeout(() => controller.abort(), 5);
      const r = await running;
      assert.ok(!r.ok && r.code === 'E_CANCELLED', 'the running diff ends as cancelled');
      const next = await queued;
      assert.ok(next.ok, 'the queued diff runs in a fresh worker');
      assert.deepEqual(next.value, expected(big));
    } finally {
      port.dispose();
    }
  });

  it('cancels a queued diff without touching the running one', async () => {
    const port = new WorkerLineDiff(script);
    try {
      const controller = new AbortController();
      const running = port.lineRuns(big.oldText, big.newText);
      const queued = port.lineRuns(huge.oldText, huge.newText, controller.signal);
      controller.abort();
      const q = await queued;
      assert.ok(!q.ok && q.code === 'E_CANCELLED', 'the queued diff is cancelled');
      const r = await running;
      assert.ok(r.ok, 'the running diff finishes');
      assert.deepEqual(r.value, expected(big));
    } finally {
      port.dispose();
    }
  });

  it('dispose fails every pending diff and refuses new ones', async () => {
    const port = new WorkerLineDiff(script);
    const running = port.lineRuns(huge.oldText, huge.newText);
    const queued = port.lineRuns(big.oldText, big.newText);
    port.dispose();
    for (const r of await Promise.all([running, queued])) assert.ok(!r.ok && r.code === 'E_DIFF', 'pending diffs fail on dispose');
    const after = await port.lineRuns(big.oldText, big.newText);
    assert.ok(!after.ok && after.code === 'E_DIFF', 'a disposed port refuses large diffs');
  });
});
