// @ts-check
// Benchmark of the Review panel webview (issue 7, item 3): 2,000 hunks across 200 files in headless
// Chromium, with the production (minified) bundle under the webview CSP.
//   - first hunk painted: from posting the `state` message to the frame after the first hunk is in
//     the DOM (rAF, then a task after it, so the frame has been painted);
//   - paging: `j` pressed ~200 times 33 ms apart (fast key repeat), median and p95;
//   - bundle size of review.js (and .css), minified as `npm run build:prod` builds it.
// Paging is timed as work (the key handler plus the frame's style, layout and paint), because
// headless Chromium paces frames at 60 Hz and the wait for the next tick is not the panel's.
//   node bench/reviewWebview.mjs            table + JSON
//   import { benchReviewWebview } from './reviewWebview.mjs'   → the numbers
import * as esbuild from 'esbuild';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { launchChromium, repoRoot, startHarnessServer } from '../test/fixtures/review/server.mjs';

/** Budgets from issue 7: [goal, must]. */
export const BUDGETS = {
  firstPaintMs: [100, 250],
  pagingP95Ms: [8, 16],
  bundleKb: [120, 200],
};

/** @param {number[]} xs @param {number} q */
function quantile(xs, q) {
  const s = [...xs].sort((a, b) => a - b);
  if (s.length === 0) return NaN;
  const i = Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1));
  return /** @type {number} */ (s[i]);
}

async function buildBundle() {
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'redline-review-bench-'));
  await esbuild.build({
    absWorkingDir: repoRoot,
    entryPoints: { review: 'webview-ui/review/main.ts' },
    bundle: true,
    outdir: out,
    platform: 'browser',
    format: 'iife',
    target: 'es2022',
    minify: true,
    legalComments: 'none',
    logLevel: 'warning',
  });
  // The host's cut of a state into parts, as the extension runs it.
  await esbuild.build({
    absWorkingDir: repoRoot,
    entryPoints: { stateParts: 'src/core/review/stateParts.ts' },
    bundle: true,
    outdir: out,
    outExtension: { '.js': '.mjs' },
    platform: 'node',
    format: 'esm',
    logLevel: 'warning',
  });
  const codicons = path.join(repoRoot, 'node_modules', '@vscode', 'codicons', 'dist');
  for (const f of ['codicon.css', 'codicon.ttf']) fs.copyFileSync(path.join(codicons, f), path.join(out, f));
  return out;
}

/**
 * @param {{ hunks?: number, files?: number, presses?: number, runs?: number }} [opts]
 */
export async function benchReviewWebview(opts = {}) {
  const hunks = opts.hunks ?? 2000;
  const files = opts.files ?? 200;
  const presses = opts.presses ?? 200;
  const runs = opts.runs ?? 5;
  const dir = await buildBundle();
  /** @type {{ stateParts: (xs: unknown[]) => unknown[][] }} */
  const { stateParts } = await import(path.join(dir, 'stateParts.mjs'));
  const jsBytes = fs.statSync(path.join(dir, 'review.js')).size;
  const cssBytes = fs.statSync(path.join(dir, 'review.css')).size;
  const server = await startHarnessServer({ bundleDir: dir });
  const browser = await launchChromium();
  /** @type {{ total: number, transfer: number, render: number, frame: number, all: number }[]} */
  const firstPaint = [];
  /** @type {Record<string, { total: number, work: number }[]>} */
  const paging = { unified: [], split: [] };
  let domHunks = 0;
  try {
    for (let run = 0; run < runs; run++) {
      const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
      await page.goto(server.url);
      const layout = run % 2 === 0 ? 'unified' : 'split';
      // The state is built in the page (not sent over CDP) so only the webview's work is timed;
      // the page is idle first, as it is while the host answers `ready`.
      await page.evaluate(`window.__benchState = __synth.state({ hunks: ${hunks}, files: ${files}, layout: '${layout}' })`);
      // Cut as the host cuts the hunks the state has (the synthetic one leaves some files without).
      const count = /** @type {number} */ (await page.evaluate('window.__benchState.hunks.length'));
      const sizes = stateParts(Array.from({ length: count })).map((p) => p.length);
      await page.waitForTimeout(300);
      firstPaint.push(
        /** @type {{ total: number, transfer: number, render: number, frame: number, all: number }} */ (
          await page.evaluate(`__harness.timeFirstPaint(window.__benchState, ${JSON.stringify(sizes)})`)
        ),
      );
      domHunks = Math.max(domHunks, /** @type {number} */ (await page.evaluate('document.querySelectorAll(".hunk").length')));
      if (run < 2) {
        await page.evaluate('__harness.timeKeys("j", 20)'); // warm-up: JIT, style caches
        const times = /** @type {{ total: number, work: number }[]} */ (await page.evaluate(`__harness.timeKeys("j", ${presses})`));
        paging[layout]?.push(...times);
      }
      await page.close();
    }
  } finally {
    await browser.close();
    await server.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
  const all = [...(paging.unified ?? []), ...(paging.split ?? [])];
  const work = (/** @type {{ work: number }[]} */ xs) => xs.map((x) => x.work);
  const total = (/** @type {{ total: number }[]} */ xs) => xs.map((x) => x.total);
  const fp = (/** @type {'total' | 'transfer' | 'render' | 'frame' | 'all'} */ k) =>
    quantile(
      firstPaint.map((x) => x[k]),
      0.5,
    );
  return {
    hunks,
    files,
    firstPaintMs: {
      median: fp('total'),
      max: Math.max(...firstPaint.map((x) => x.total)),
      transfer: fp('transfer'),
      render: fp('render'),
      frame: fp('frame'),
      allParts: fp('all'),
      runs: firstPaint.length,
    },
    pagingMs: {
      median: quantile(work(all), 0.5),
      p95: quantile(work(all), 0.95),
      unified: { median: quantile(work(paging.unified ?? []), 0.5), p95: quantile(work(paging.unified ?? []), 0.95) },
      split: { median: quantile(work(paging.split ?? []), 0.5), p95: quantile(work(paging.split ?? []), 0.95) },
      keydownToPaintedMedian: quantile(total(all), 0.5),
      keydownToPaintedP95: quantile(total(all), 0.95),
      presses: all.length,
    },
    domHunksMax: domHunks,
    bundle: { reviewJsKb: jsBytes / 1024, reviewCssKb: cssBytes / 1024 },
  };
}

/** @param {Awaited<ReturnType<typeof benchReviewWebview>>} r */
export function printTable(r) {
  const f = (/** @type {number} */ n) => n.toFixed(1);
  /** @param {number} v @param {number[]} b */
  const verdict = (v, b) => (v <= (b[0] ?? 0) ? 'goal' : v <= (b[1] ?? 0) ? 'must' : 'MISSED');
  const rows = [
    ['measure', 'value', 'goal', 'must', 'verdict'],
    [
      `first hunk painted, ${r.hunks} hunks / ${r.files} files (median of ${r.firstPaintMs.runs})`,
      `${f(r.firstPaintMs.median)} ms`,
      '100 ms',
      '250 ms',
      verdict(r.firstPaintMs.median, BUDGETS.firstPaintMs),
    ],
    ['  message transfer / render / frame', `${f(r.firstPaintMs.transfer)} / ${f(r.firstPaintMs.render)} / ${f(r.firstPaintMs.frame)} ms`, '', '', ''],
    ['  every part of the state in (median)', `${f(r.firstPaintMs.allParts)} ms`, '', '', ''],
    [`paging j, work per press, median (${r.pagingMs.presses} presses)`, `${f(r.pagingMs.median)} ms`, '', '', ''],
    ['paging j, work per press, p95', `${f(r.pagingMs.p95)} ms`, '8 ms', '16 ms', verdict(r.pagingMs.p95, BUDGETS.pagingP95Ms)],
    ['  unified median / p95', `${f(r.pagingMs.unified.median)} / ${f(r.pagingMs.unified.p95)} ms`, '', '', ''],
    ['  side by side median / p95', `${f(r.pagingMs.split.median)} / ${f(r.pagingMs.split.p95)} ms`, '', '', ''],
    [
      '  keydown to frame painted (incl. vsync wait), median / p95',
      `${f(r.pagingMs.keydownToPaintedMedian)} / ${f(r.pagingMs.keydownToPaintedP95)} ms`,
      '',
      '',
      '',
    ],
    ['review.js (minified)', `${f(r.bundle.reviewJsKb)} KB`, '120 KB', '200 KB', verdict(r.bundle.reviewJsKb, BUDGETS.bundleKb)],
    ['review.css (minified)', `${f(r.bundle.reviewCssKb)} KB`, '', '', ''],
    ['hunk elements in the DOM after first paint (max)', String(r.domHunksMax), '', '', ''],
  ];
  const widths = rows[0]?.map((_, c) => Math.max(...rows.map((row) => (row[c] ?? '').length))) ?? [];
  for (const row of rows) console.log(row.map((cell, c) => cell.padEnd(widths[c] ?? 0)).join('  '));
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(new URL(import.meta.url).pathname)) {
  const result = await benchReviewWebview();
  printTable(result);
  console.log(JSON.stringify(result, null, 2));
  if (process.argv.includes('--check')) {
    const ok =
      result.firstPaintMs.median <= (BUDGETS.firstPaintMs[1] ?? 0) &&
      result.pagingMs.p95 <= (BUDGETS.pagingP95Ms[1] ?? 0) &&
      result.bundle.reviewJsKb <= (BUDGETS.bundleKb[1] ?? 0);
    process.exitCode = ok ? 0 : 1;
  }
}
