/**
 * Issue 7, "extension host blocked by a diff", measured in Node beside the in-thread path: a
 * review session proposes one 100,000-line file (10% of lines changed) while a 1 ms timer samples
 * the event loop; the longest gap between ticks, less the 1 ms period, is how long the thread was
 * blocked. Once with the worker port the extension uses (`dist/diffWorker.js` of the given build),
 * once with the diff in the thread, in the same process.
 *   node --import tsx bench/diffBlocked.ts --worker DIST/diffWorker.js   → one JSON line
 */
import { createChangesetWith } from '../src/core/changeset/build';
import { inThreadLineDiff, type LineDiffPort } from '../src/core/diff/lineDiffPort';
import { ok } from '../src/core/result';
import type { ReviewWorkspace } from '../src/core/review/ports';
import { ReviewSession } from '../src/core/review/reviewSession';
import { WorkerLineDiff } from '../src/node/workerLineDiff';
import { generatePair } from '../test/fixtures/diffPairs';
import { sampleBlocked } from './sampleBlocked';
import { policyRules } from '../src/core/policy/policyRules';

function memoryWorkspace(files: ReadonlyMap<string, string>): ReviewWorkspace {
  return {
    resolve: async (raw) => ok({ path: raw, handle: raw }),
    folderNames: () => ['bench'],
    read: async (f) => ok({ disk: files.get(f.path) ?? null, current: files.get(f.path) ?? null }),
    write: async () => ok(undefined),
  };
}

async function measure(port: LineDiffPort, oldText: string, newText: string, runs: number) {
  const results: { proposeBlockMs: number; proposeMs: number; diffBlockMs: number; diffMs: number }[] = [];
  for (let k = 0; k < runs; k++) {
    const session = new ReviewSession(memoryWorkspace(new Map([['big.ts', oldText]])), { isTrusted: () => true }, policyRules, () => `cs${k}`, port);
    const propose = await sampleBlocked(() => session.propose({ source: 'bench', files: [{ path: 'big.ts', newText }] }));
    const diff = await sampleBlocked(() => port.lineRuns(oldText, newText));
    results.push({ proposeBlockMs: propose.maxBlockMs, proposeMs: propose.wallMs, diffBlockMs: diff.maxBlockMs, diffMs: diff.wallMs });
  }
  const median = (k: keyof (typeof results)[number]) => results.map((r) => r[k]).sort((a, b) => a - b)[Math.floor(results.length / 2)] ?? NaN;
  return { diffBlockMs: median('diffBlockMs'), diffMs: median('diffMs'), proposeBlockMs: median('proposeBlockMs'), proposeMs: median('proposeMs') };
}

export async function benchBlocked(workerScript: string, runs = 3) {
  const { oldText, newText } = generatePair({ lines: 100_000, changed: 0.1, layout: 'scattered' });
  // Warm both paths once (JIT, the worker's start).
  const worker = new WorkerLineDiff(workerScript);
  await createChangesetWith({ id: 'w', title: '', source: 'bench', files: [{ path: 'f', baseText: oldText, proposedText: newText }] }, worker);
  await inThreadLineDiff.lineRuns(oldText, newText);
  try {
    return {
      lines: 100_000,
      changed: 0.1,
      worker: await measure(worker, oldText, newText, runs),
      inThread: await measure(inThreadLineDiff, oldText, newText, runs),
    };
  } finally {
    worker.dispose();
  }
}

if (process.argv[1]?.endsWith('diffBlocked.ts')) {
  const at = process.argv.indexOf('--worker');
  const script = at >= 0 ? process.argv[at + 1] : undefined;
  if (script === undefined) throw new Error('usage: diffBlocked.ts --worker path/to/diffWorker.js');
  void benchBlocked(script).then((r) => console.log(JSON.stringify(r)));
}
