import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { diffLineArrays, HISTOGRAM_ABOVE, type LineRun } from '../../../../src/core/diff/lineDiff';
import { myersDiff } from '../../../../src/core/diff/myers';
import { computeHunks } from '../../../fixtures/computeHunks';
import { splitLines } from '../../../../src/core/text/lines';
import { BENCH_CASES, generatePair, random } from '../../../fixtures/diffPairs';

/** Replays runs on the old lines; throws when a run reads past either side. */
function applyRuns(oldLines: readonly string[], newLines: readonly string[], runs: readonly LineRun[]): string[] {
  const out: string[] = [];
  let i = 0;
  let j = 0;
  for (const r of runs) {
    assert.ok(r.count > 0, 'no empty runs');
    if (r.kind === 'equal') {
      for (let k = 0; k < r.count; k++) {
        assert.equal(oldLines[i], newLines[j], `equal run pairs old line ${i} with a different new line ${j}`);
        out.push(oldLines[i++] as string);
        j++;
      }
    } else if (r.kind === 'removed') i += r.count;
    else for (let k = 0; k < r.count; k++) out.push(newLines[j++] as string);
  }
  assert.equal(i, oldLines.length, 'runs consume every old line');
  assert.equal(j, newLines.length, 'runs consume every new line');
  return out;
}

const changedLines = (runs: readonly LineRun[]): number => runs.reduce((n, r) => n + (r.kind === 'equal' ? 0 : r.count), 0);

/** Changed lines (removed + added) in `git diff --no-index --histogram` of each pair. */
function gitChangedLines(pairs: readonly { oldText: string; newText: string }[]): number[] {
  const dir = mkdtempSync(join(tmpdir(), 'redline-histogram-'));
  try {
    return pairs.map(({ oldText, newText }) => {
      writeFileSync(join(dir, 'a'), oldText);
      writeFileSync(join(dir, 'b'), newText);
      let out = '';
      try {
        execFileSync('git', ['diff', '--no-index', '--histogram', '--no-color', '--no-ext-diff', 'a', 'b'], { cwd: dir, encoding: 'utf8', maxBuffer: 1 << 28 });
      } catch (e) {
        // Exit 1 means the files differ; stdout is the diff.
        out = String((e as { stdout?: string }).stdout ?? '');
      }
      let n = 0;
      for (const line of out.split('\n')) if (/^[-+]/.test(line) && !/^(---|\+\+\+) /.test(line)) n++;
      return n;
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

// Small alphabets force repeats: lines that occur more than 64 times make the histogram fall back
// to Myers, and lines in one side only exercise the plain replacement.
const lineArb = (alphabet: number): fc.Arbitrary<string> => fc.nat(alphabet - 1).map((n) => `l${n}\n`);
const pairArb = fc.oneof(
  fc.tuple(fc.array(lineArb(4), { maxLength: 300, size: 'max' }), fc.array(lineArb(4), { maxLength: 300, size: 'max' })),
  fc.tuple(fc.array(lineArb(40), { maxLength: 200, size: 'max' }), fc.array(lineArb(40), { maxLength: 200, size: 'max' })),
  // A base and an edited copy: the usual shape of a proposal.
  fc
    .tuple(
      fc.array(lineArb(30), { minLength: 1, maxLength: 200, size: 'max' }),
      fc.array(fc.tuple(fc.nat(199), fc.nat(2), lineArb(60)), { maxLength: 30, size: 'max' }),
    )
    .map(([base, edits]) => {
      const next = base.slice();
      for (const [at, op, line] of edits) {
        const k = at % (next.length + 1);
        if (op === 0) next.splice(k, 0, line);
        else if (op === 1) next.splice(k, 1);
        else next[k] = line;
      }
      return [base, next] as [string[], string[]];
    }),
);

describe('core/diff histogram line diff', () => {
  it('property: applying the runs to the old lines gives the new lines exactly', () => {
    fc.assert(
      fc.property(pairArb, ([a, b]) => {
        assert.deepEqual(applyRuns(a, b, diffLineArrays(a, b, { algorithm: 'histogram' })), b);
      }),
      { numRuns: 1500 },
    );
  });

  it('property: Myers fallback is minimal (as many changed lines as an LCS table says) on small ranges', () => {
    fc.assert(
      fc.property(fc.array(fc.nat(5), { maxLength: 60 }), fc.array(fc.nat(5), { maxLength: 60 }), (xs, ys) => {
        const a = Int32Array.from(xs);
        const b = Int32Array.from(ys);
        const ca = new Uint8Array(a.length);
        const cb = new Uint8Array(b.length);
        myersDiff(a, b, 0, a.length, 0, b.length, ca, cb);
        const kept = [...ca].filter((c) => c === 0).length;
        assert.equal(kept, [...cb].filter((c) => c === 0).length, 'both sides keep as many lines');
        assert.deepEqual(
          xs.filter((_, i) => ca[i] === 0),
          ys.filter((_, j) => cb[j] === 0),
          'the kept lines are a common subsequence',
        );
        assert.equal(kept, lcsLength(xs, ys), 'the common subsequence is a longest one');
      }),
      { numRuns: 1500 },
    );
  });

  it('random pairs: never more changed lines than git diff --histogram', () => {
    const pairs = fc.sample(pairArb, { numRuns: 60, seed: 42 }).map(([a, b]) => ({ oldText: a.join(''), newText: b.join('') }));
    const git = gitChangedLines(pairs);
    pairs.forEach((p, k) => {
      const ours = changedLines(diffLineArrays(splitLines(p.oldText), splitLines(p.newText), { algorithm: 'histogram' }));
      assert.ok(ours <= (git[k] ?? 0), `pair ${k}: ${ours} changed lines, git has ${git[k]}`);
    });
  });

  it('generated 1k and 10k-line pairs (and a 100k one): changed lines within 1% of git diff --histogram, and exact', () => {
    const cases = [...BENCH_CASES.filter((c) => c.lines <= 10_000), { lines: 100_000, changed: 0.1, layout: 'clustered' as const }];
    const pairs = cases.map(generatePair);
    const git = gitChangedLines(pairs);
    pairs.forEach((p, k) => {
      const oldLines = splitLines(p.oldText);
      const newLines = splitLines(p.newText);
      const runs = diffLineArrays(oldLines, newLines);
      const c = cases[k];
      const name = `${c?.lines} lines, ${c?.changed} ${c?.layout}`;
      assert.ok(changedLines(runs) <= (git[k] ?? 0) * 1.01, `${name}: ${changedLines(runs)} changed lines, git has ${git[k]}`);
      assert.equal(applyRuns(oldLines, newLines, runs).join(''), p.newText, `${name}: runs must rebuild the new text`);
    });
  });

  it('a file of only braces and blank lines falls back to Myers and stays within 1% of git', () => {
    const rnd = random(9);
    const base = Array.from({ length: 3000 }, () => (rnd() < 0.5 ? '}\n' : '\n'));
    const next = base.map((l, i) => (i % 50 === 0 ? '  break;\n' : l)).filter((_, i) => i % 97 !== 0);
    const [git] = gitChangedLines([{ oldText: base.join(''), newText: next.join('') }]);
    const runs = diffLineArrays(base, next);
    assert.ok(changedLines(runs) <= (git ?? 0) * 1.01, `${changedLines(runs)} changed lines, git has ${git}`);
    assert.deepEqual(applyRuns(base, next, runs), next);
  });

  it('large inputs take the histogram path; computeHunks over them turns old into new', () => {
    const { oldText, newText } = generatePair({ lines: HISTOGRAM_ABOVE * 2, changed: 0.1, layout: 'scattered' });
    const auto = diffLineArrays(splitLines(oldText), splitLines(newText));
    assert.deepEqual(auto, diffLineArrays(splitLines(oldText), splitLines(newText), { algorithm: 'histogram' }), 'auto picks histogram above the threshold');
    const hunks = computeHunks(oldText, newText, { emphasis: false });
    assert.ok(hunks.ok);
    const lines = splitLines(oldText);
    const out: string[] = [];
    let at = 0;
    for (const h of hunks.value) {
      const start = h.oldLines === 0 ? h.oldStart : h.oldStart - 1;
      out.push(...lines.slice(at, start), ...h.lines.filter((l) => l.kind !== 'removed').map((l) => l.text + l.eol));
      at = start + h.oldLines;
    }
    assert.equal([...out, ...lines.slice(at)].join(''), newText, 'the hunks rebuild the new text');
  });
});

function lcsLength(xs: readonly number[], ys: readonly number[]): number {
  const row = new Array<number>(ys.length + 1).fill(0);
  for (const x of xs) {
    let diag = 0;
    for (let j = 1; j <= ys.length; j++) {
      const up = row[j] ?? 0;
      row[j] = x === ys[j - 1] ? diag + 1 : Math.max(up, row[j - 1] ?? 0);
      diag = up;
    }
  }
  return row[ys.length] ?? 0;
}
