/**
 * Issue 7, item 1: hunk computation on the 18 generated pairs (1k, 10k, 100k lines × 1%, 10%, 50%
 * changed × scattered, clustered), each timed beside `git diff --no-index --histogram` on the same
 * files and the `diff` package's plain `structuredPatch`, in the same run.
 * - ours: `computeHunks` (checks, line diff, hunks with ids and line records; no word emphasis,
 *   which git does not compute either), in this process, median of several runs after a warm-up
 *   (forcing a collection before each run made them 5-10× slower: V8 shrinks the young generation);
 * - git: wall time of the process (its ≈2 ms start included, as the issue measures it), median;
 * - diff package: one run in its own process, capped (`--cap` ms; a capped run is a lower bound).
 * Changed lines (removed + added) are counted for all three.
 *   node --import tsx bench/diffCases.ts [--cap 15000] [--only 1000]   → one JSON line
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { computeHunks } from '../test/fixtures/computeHunks';
import { BENCH_CASES, generatePair, type PairSpec } from '../test/fixtures/diffPairs';

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;

function gitDiff(dir: string): { ms: number; changed: number } {
  const started = performance.now();
  const r = spawnSync('git', ['diff', '--no-index', '--histogram', '--no-color', '--no-ext-diff', 'a', 'b'], {
    cwd: dir,
    encoding: 'utf8',
    maxBuffer: 1 << 30,
  });
  const ms = performance.now() - started;
  if (r.status !== 1) throw new Error(`git diff failed (exit ${r.status}): ${r.stderr}`);
  let changed = 0;
  for (const line of r.stdout.split('\n')) if (/^[-+]/.test(line) && !/^(---|\+\+\+) /.test(line)) changed++;
  return { ms, changed };
}

function ours(oldText: string, newText: string): { ms: number; changed: number } {
  const started = performance.now();
  const r = computeHunks(oldText, newText, { emphasis: false });
  const ms = performance.now() - started;
  if (!r.ok) throw new Error(r.message);
  let changed = 0;
  for (const h of r.value) for (const l of h.lines) if (l.kind !== 'context') changed++;
  return { ms, changed };
}

function diffPackage(dir: string, capMs: number): { ms: number; changed: number; timedOut: boolean } {
  const out = execFileSync(process.execPath, [join(__dirname, 'diffPackageTime.mjs'), join(dir, 'a'), join(dir, 'b'), String(capMs)], {
    encoding: 'utf8',
    maxBuffer: 1 << 26,
  });
  return JSON.parse(out) as { ms: number; changed: number; timedOut: boolean };
}

export interface CaseResult {
  readonly lines: number;
  readonly changedShare: number;
  readonly layout: PairSpec['layout'];
  readonly oursMs: number;
  readonly gitMs: number;
  readonly diffPackageMs: number;
  readonly diffPackageTimedOut: boolean;
  readonly oursChanged: number;
  readonly gitChanged: number;
  readonly diffPackageChanged: number;
  /** ours / git, time: the budget's ratio. */
  readonly vsGit: number;
  /** ours / diff package, time (an upper bound when the diff package was capped). */
  readonly vsDiffPackage: number;
  /** ours / git, changed lines: must stay ≤ 1.01. */
  readonly sizeVsGit: number;
}

export function benchDiffCases(capMs: number, only?: number): CaseResult[] {
  const dir = mkdtempSync(join(tmpdir(), 'redline-diff-bench-'));
  const results: CaseResult[] = [];
  try {
    for (const spec of BENCH_CASES.filter((c) => only === undefined || c.lines === only)) {
      const { oldText, newText } = generatePair(spec);
      writeFileSync(join(dir, 'a'), oldText);
      writeFileSync(join(dir, 'b'), newText);
      const repeats = spec.lines >= 100_000 ? 5 : 9;
      ours(oldText, newText); // warm-up: the extension host is a long-lived process
      gitDiff(dir);
      const o: { ms: number; changed: number }[] = [];
      const g: { ms: number; changed: number }[] = [];
      // Interleaved, so both see the same machine load.
      for (let k = 0; k < repeats; k++) {
        o.push(ours(oldText, newText));
        g.push(gitDiff(dir));
      }
      const d = diffPackage(dir, capMs);
      const oursMs = median(o.map((x) => x.ms));
      const gitMs = median(g.map((x) => x.ms));
      const oursChanged = o[0]?.changed ?? 0;
      const gitChanged = g[0]?.changed ?? 0;
      results.push({
        lines: spec.lines,
        changedShare: spec.changed,
        layout: spec.layout,
        oursMs,
        gitMs,
        diffPackageMs: d.ms,
        diffPackageTimedOut: d.timedOut,
        oursChanged,
        gitChanged,
        diffPackageChanged: d.changed,
        vsGit: oursMs / gitMs,
        vsDiffPackage: oursMs / d.ms,
        sizeVsGit: gitChanged === 0 ? 1 : oursChanged / gitChanged,
      });
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return results;
}

if (process.argv[1]?.endsWith('diffCases.ts')) {
  const arg = (name: string): string | undefined => {
    const at = process.argv.indexOf(name);
    return at >= 0 ? process.argv[at + 1] : undefined;
  };
  const only = arg('--only');
  console.log(JSON.stringify(benchDiffCases(Number(arg('--cap') ?? 15_000), only === undefined ? undefined : Number(only))));
}
