import type { LineRun } from '../core/diff/lineDiff';

/** Runs cross the worker boundary as (kind, count) pairs in one transferred buffer. */
const KINDS: readonly LineRun['kind'][] = ['equal', 'removed', 'added'];

export function packRuns(runs: readonly LineRun[]): Int32Array<ArrayBuffer> {
  const out = new Int32Array(runs.length * 2);
  runs.forEach((r, i) => {
    out[2 * i] = KINDS.indexOf(r.kind);
    out[2 * i + 1] = r.count;
  });
  return out;
}

export function unpackRuns(packed: Int32Array): LineRun[] {
  const runs: LineRun[] = [];
  for (let i = 0; i + 1 < packed.length; i += 2) runs.push({ kind: KINDS[packed[i] as number] ?? 'equal', count: packed[i + 1] as number });
  return runs;
}
