// @ts-check
// `npm run bench`: every measure of issue 7 in one run, as a table and bench/results.json.
//   npm run bench                      all items
//   npm run bench -- --check           exit 1 when a "must" budget is missed (goal misses are listed)
//   npm run bench -- --only=diff,host  some items: diff, blocked, moved, bundles, review, planlog, host, agent, search, redaction, order, long
//   npm run bench -- --cap=15000       time cap (ms) of one `diff` package run
// Machines are noisy: every comparison is a ratio of two things measured side by side in this run.
// Never part of `npm test`.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { benchHost } from './host.mjs';
import { benchReviewWebview } from './reviewWebview.mjs';
import { benchPlanLog } from './planLog.ts';
import { measure20 } from '../test/double/measure20.ts';
import { measureLongRun } from './longRun.ts';
import { budgetRows, printTable } from './table.mjs';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const arg = (/** @type {string} */ name) => process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
const only = arg('only')?.split(',');
const wants = (/** @type {string} */ item) => only === undefined || only.includes(item);
const capMs = Number(arg('cap') ?? 15_000);

/** Runs a TypeScript bench script in its own process (isolation: large heaps, long runs) and parses its JSON line. */
function child(/** @type {string} */ script, /** @type {string[]} */ args) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', path.join(root, 'bench', script), ...args], {
    cwd: root,
    encoding: 'utf8',
    maxBuffer: 1 << 26,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  if (r.status !== 0) throw new Error(`${script} failed (exit ${r.status})`);
  const last = r.stdout.trim().split('\n').pop() ?? '';
  return JSON.parse(last);
}

const started = Date.now();
const dist = fs.mkdtempSync(path.join(os.tmpdir(), 'redline-bench-dist-'));
/** @type {Record<string, unknown>} */
const results = { date: new Date().toISOString(), node: process.version, cpus: os.cpus().length, loadAverage: os.loadavg() };
try {
  console.log('bench: production build');
  const build = spawnSync(process.execPath, [path.join(root, 'scripts', 'build.mjs'), '--production', `--outdir=${dist}`, '--metafile'], {
    cwd: root,
    stdio: 'inherit',
  });
  if (build.status !== 0) throw new Error('the production build failed');
  const size = (/** @type {string} */ f) => fs.statSync(path.join(dist, f)).size / 1024;
  if (wants('bundles')) {
    const meta = JSON.parse(fs.readFileSync(path.join(dist, 'meta.json'), 'utf8'));
    const extension = Object.entries(meta.outputs).find(([k]) => k.endsWith('/extension.js'))?.[1];
    /** @type {Record<string, number>} */
    const parts = {};
    for (const [file, info] of Object.entries(extension?.inputs ?? {})) {
      const key = file.includes('node_modules/') ? `node_modules/${file.split('node_modules/')[1]?.split('/')[0]}` : file.split('/').slice(0, 3).join('/');
      parts[key] = (parts[key] ?? 0) + info.bytesInOutput / 1024;
    }
    results.bundles = {
      extensionKb: size('extension.js'),
      // Each bundle loaded on first use, by its name in src/vscode/bundles.json.
      lazy: Object.fromEntries(
        Object.keys(JSON.parse(fs.readFileSync(path.join(root, 'src', 'vscode', 'bundles.json'), 'utf8'))).map((name) => [name, size(`${name}.js`)]),
      ),
      webview: { planKb: size('webview/plan.js'), reviewKb: size('webview/review.js') },
      extensionParts: Object.fromEntries(
        Object.entries(parts)
          .sort((a, b) => b[1] - a[1])
          .slice(0, 12),
      ),
    };
  }
  if (wants('diff')) {
    console.log(`bench: hunks on 18 generated pairs, beside git and the diff package (cap ${capMs} ms)`);
    results.diff = child('diffCases.ts', ['--cap', String(capMs)]);
  }
  if (wants('blocked')) {
    console.log('bench: event loop while a 100,000-line diff runs (Node, worker beside in-thread)');
    results.blocked = child('diffBlocked.ts', ['--worker', path.join(dist, 'diffWorker.js')]);
  }
  if (wants('moved')) {
    console.log('bench: moved-code detection, 20,000 hunks in 2,000 files (worker)');
    results.moved = child('movedBlocked.ts', ['--worker', path.join(dist, 'diffWorker.js')]);
  }
  if (wants('review')) {
    console.log('bench: review webview, 2,000 hunks / 200 files');
    results.review = await benchReviewWebview();
    console.log('bench: review webview at scale, 20,000 hunks / 2,000 files');
    results.reviewAtScale = await benchReviewWebview({ hunks: 20_000, files: 2_000, runs: 3 });
  }
  if (wants('planlog')) {
    console.log('bench: plan run log, 10,000 streamed lines');
    results.planLog = await benchPlanLog();
  }
  if (wants('host')) {
    console.log('bench: extension host (activation, accept, blocked)');
    results.host = await benchHost(dist);
  }
  if (wants('search')) {
    console.log('bench: search_text over 20,000 generated files, beside rg itself');
    results.search = child('searchRepo.ts', []);
  }
  if (wants('redaction')) {
    console.log('bench: redaction of 1 MB of check output, shape rules alone and with 40 known secrets');
    results.redaction = child('redaction.ts', []);
  }
  if (wants('order')) {
    console.log('bench: reading order of 20,000 hunks in 2,000 files, and the display list built from it');
    results.order = child('readingOrder.ts', []);
  }
  if (wants('agent')) {
    console.log('bench: agent loop, 20 scripted turns against the double');
    results.agent = await measure20();
  }
  if (wants('long')) {
    console.log('bench: agent loop, 150 turns past a 60K context window in a 20,000-file repository');
    results.long = await measureLongRun();
  }
} finally {
  fs.rmSync(dist, { recursive: true, force: true });
}
results.seconds = (Date.now() - started) / 1000;
const rows = budgetRows(results);
results.budgets = rows;
fs.writeFileSync(path.join(root, 'bench', 'results.json'), JSON.stringify(results, null, 2) + '\n');
printTable(results, rows);
console.log(
  `\nbench: ${results.seconds.toFixed(0)} s, load average at start ${results.loadAverage.map((l) => l.toFixed(1)).join(' ')}; bench/results.json written`,
);
if (process.argv.includes('--check')) {
  const missed = rows.filter((r) => r.verdict === 'MISSED');
  const goals = rows.filter((r) => r.verdict === 'must');
  for (const r of goals) console.log(`goal missed (must met): ${r.measure}: ${r.shown}, goal ${r.goalShown}`);
  for (const r of missed) console.log(`MUST MISSED: ${r.measure}: ${r.shown}, must ${r.mustShown}`);
  process.exitCode = missed.length > 0 ? 1 : 0;
}
