// @ts-check
// The budgets of issue 7 and the tables `npm run bench` prints. Kept apart from run.mjs so the
// verdicts can be recomputed from a results.json: node bench/table.mjs bench/results.json
import * as fs from 'node:fs';
import * as path from 'node:path';

/**
 * @typedef {{ measure: string, value: number, shown: string, goal: number, must: number, goalShown: string, mustShown: string,
 *   higherIsBetter: boolean, verdict: 'goal' | 'must' | 'MISSED' }} BudgetRow
 */

const ms = (/** @type {number} */ v) => `${v.toFixed(1)} ms`;
const kb = (/** @type {number} */ v) => `${v.toFixed(1)} KB`;
const x = (/** @type {number} */ v) => `${v.toFixed(2)}×`;
const pct = (/** @type {number} */ v) => `${v.toFixed(1)}%`;

/**
 * @param {string} measure @param {number | undefined} value @param {number} goal @param {number} must
 * @param {(v: number) => string} format @param {boolean} [higherIsBetter]
 * @returns {BudgetRow[]}
 */
function row(measure, value, goal, must, format, higherIsBetter = false) {
  if (value === undefined || Number.isNaN(value)) return [];
  const within = (/** @type {number} */ limit) => (higherIsBetter ? value >= limit : value <= limit);
  return [
    {
      measure,
      value,
      shown: format(value),
      goal,
      must,
      goalShown: format(goal),
      mustShown: format(must),
      higherIsBetter,
      verdict: within(goal) ? 'goal' : within(must) ? 'must' : 'MISSED',
    },
  ];
}

/** @param {any} r the results object of one run @returns {BudgetRow[]} */
export function budgetRows(r) {
  const diff = /** @type {any[] | undefined} */ (r.diff);
  const worst = (/** @type {string} */ k) => (diff && diff.length > 0 ? Math.max(...diff.map((c) => c[k])) : undefined);
  return [
    ...row(`hunks vs git diff --histogram, time, worst of ${diff?.length ?? 0} cases`, worst('vsGit'), 1, 2, x),
    ...row(`hunks vs git diff --histogram, changed lines, worst of ${diff?.length ?? 0} cases`, worst('sizeVsGit'), 1, 1.01, x),
    ...row('extension host blocked by a 100,000-line diff (in the host)', r.host?.blocked?.diffBlockMs, 16, 50, ms),
    ...row('activate()', r.host?.activation?.activateMs, 10, 30, ms),
    ...row('bundle loaded at activation (extension.js)', r.bundles?.extensionKb, 150, 300, kb),
    ...row('each webview bundle (largest)', r.bundles ? Math.max(r.bundles.webview.planKb, r.bundles.webview.reviewKb) : undefined, 120, 200, kb),
    ...row('first hunk painted, 2,000 hunks (median)', r.review?.firstPaintMs?.median, 100, 250, ms),
    ...row('paging, p95', r.review?.pagingMs?.p95, 8, 16, ms),
    ...row('first hunk painted, 20,000 hunks / 2,000 files (median)', r.reviewAtScale?.firstPaintMs?.median, 100, 250, ms),
    ...row('paging at 20,000 hunks, p95', r.reviewAtScale?.pagingMs?.p95, 8, 16, ms),
    ...row('log append, p95 per frame (10,000 lines)', r.planLog?.frameMs?.p95, 8, 16, ms),
    ...row('accept a hunk, 10k-line document (median)', r.host?.accept?.toDocumentChangedMs?.median, 10, 30, ms),
    ...row('terminal agent: hook call → changeset in the review, p95', r.host?.hooks?.hookToChangesetMs?.p95, 50, 100, ms),
    ...row('terminal agent: last decision → agent answered, p95', r.host?.hooks?.decisionToAnswerMs?.p95, 20, 50, ms),
    ...row('terminal agent: cost of an auto-allowed edit (beyond a refused call), median', r.host?.hooks?.autoAllowCostMs?.median, 5, 20, ms),
    ...row('search_text, 20,000 files, beside rg itself (median)', r.search?.ratio, 1.5, 3, x),
    ...row('controller overhead per turn', r.agent?.overheadMsPerTurn, 2, 10, ms),
    ...row('moved-code detection, 20,000 hunks in 2,000 files: host blocked (longest)', r.moved?.hostBlockedMs, 16, 16, ms),
    ...row('moved-code detection, 20,000 hunks in 2,000 files: done', r.moved?.doneMs, 1000, 1000, ms),
    ...row('input tokens read from the cached prefix, 20 turns', r.agent ? r.agent.cacheReadShare * 100 : undefined, 90, 80, pct, true),
    ...row('controller overhead per turn, 150 turns past the window (file reads excluded)', r.long?.overheadWithoutFilesMsPerTurn, 5, 10, ms),
    ...row(
      'input tokens read from the cache across compactions, worst stretch',
      r.long ? r.long.worstStretchCacheReadShare * 100 : undefined,
      85,
      75,
      pct,
      true,
    ),
  ];
}

/** @param {string[][]} rows */
function print(rows) {
  const widths = rows[0]?.map((_, c) => Math.max(...rows.map((cells) => (cells[c] ?? '').length))) ?? [];
  for (const cells of rows)
    console.log(
      cells
        .map((cell, c) => cell.padEnd(widths[c] ?? 0))
        .join('  ')
        .trimEnd(),
    );
}

/** @param {any} r @param {BudgetRow[]} budgets */
export function printTable(r, budgets) {
  console.log('\nBudgets (issue 7)');
  print([
    ['measure', 'value', 'goal', 'must', 'verdict'],
    ...budgets.map((b) => [b.measure, b.shown, `${b.higherIsBetter ? '≥' : '≤'} ${b.goalShown}`, `${b.higherIsBetter ? '≥' : '≤'} ${b.mustShown}`, b.verdict]),
  ]);
  if (r.diff) {
    console.log(
      "\nHunks on generated pairs: ours (computeHunks, no word emphasis) beside git diff --no-index --histogram and the diff package's structuredPatch, same run",
    );
    const pkg = (/** @type {any} */ c) => (c.diffPackageTimedOut ? `> ${(c.diffPackageMs / 1000).toFixed(0)} s` : ms(c.diffPackageMs));
    print([
      ['lines', 'changed', 'layout', 'ours', 'git', 'ours/git', 'diff pkg', 'ours/pkg', 'changed lines ours / git / pkg'],
      ...r.diff.map((/** @type {any} */ c) => [
        c.lines.toLocaleString('en'),
        `${c.changedShare * 100}%`,
        c.layout,
        ms(c.oursMs),
        ms(c.gitMs),
        x(c.vsGit),
        pkg(c),
        `${c.diffPackageTimedOut ? '< ' : ''}${c.vsDiffPackage.toFixed(3)}×`,
        `${c.oursChanged} / ${c.gitChanged} / ${c.diffPackageTimedOut ? '—' : c.diffPackageChanged}`,
      ]),
    ]);
  }
  console.log('\nDetails');
  /** @type {string[][]} */
  const details = [['measure', 'value']];
  if (r.bundles) {
    details.push([
      'bundles loaded on first use (src/vscode/bundles.json)',
      Object.entries(r.bundles.lazy)
        .map(([name, v]) => `${name.replace(/Kb$/, '')} ${kb(Number(v))}`)
        .join(' / '),
    ]);
    details.push(['webview bundles: plan.js / review.js', `${kb(r.bundles.webview.planKb)} / ${kb(r.bundles.webview.reviewKb)}`]);
    details.push([
      'largest parts of extension.js',
      Object.entries(r.bundles.extensionParts)
        .slice(0, 5)
        .map(([k, v]) => `${k} ${Number(v).toFixed(1)}`)
        .join(', '),
    ]);
  }
  if (r.host) {
    details.push(['extension.js code loading (require) in the host', ms(r.host.activation.loadMs)]);
    details.push([
      'accept: to document changed p95 / to decision done (saved) median',
      `${ms(r.host.accept.toDocumentChangedMs.p95)} / ${ms(r.host.accept.toDecidedMs.median)}`,
    ]);
    details.push(["accept: Redline's part (to handing VS Code the edit) median", ms(r.host.accept.toApplyEditMs.median)]);
    details.push([
      'beside it: a plain one-line WorkspaceEdit in the same document, to document changed median',
      `${ms(r.host.accept.plainEditMs.median)} (accept / plain ${x(r.host.accept.toDocumentChangedMs.median / r.host.accept.plainEditMs.median)})`,
    ]);
    if (r.host.hooks) {
      details.push([
        'terminal agent: hook → changeset median / decision → answer median',
        `${ms(r.host.hooks.hookToChangesetMs.median)} / ${ms(r.host.hooks.decisionToAnswerMs.median)}`,
      ]);
      details.push([
        'beside them: a refused hook call (wrong secret) on the same server, round trip median',
        `${ms(r.host.hooks.refusedRoundTripMs.median)} (hook → changeset / refused ${x(r.host.hooks.hookToChangesetMs.median / r.host.hooks.refusedRoundTripMs.median)})`,
      ]);
    }
    details.push(['100,000-line diff in the worker, wall time (host)', ms(r.host.blocked.diffMs)]);
    details.push([
      'whole proposal of that file (diff, hunks, tripwires): longest block / wall (host)',
      `${ms(r.host.blocked.proposeBlockMs)} / ${ms(r.host.blocked.proposeMs)}`,
    ]);
  }
  if (r.blocked) {
    details.push([
      'Node: longest block while a 100k-line diff runs, worker / in this thread',
      `${ms(r.blocked.worker.diffBlockMs)} / ${ms(r.blocked.inThread.diffBlockMs)} (${x(r.blocked.worker.diffBlockMs / r.blocked.inThread.diffBlockMs)})`,
    ]);
    details.push([
      'Node: longest block of the whole proposal, worker / in this thread',
      `${ms(r.blocked.worker.proposeBlockMs)} / ${ms(r.blocked.inThread.proposeBlockMs)}`,
    ]);
  }
  if (r.moved) {
    details.push([
      'moved code: host busy in all (packing in slices, posting, taking the answer) / in one go in the thread',
      `${ms(r.moved.hostBusyMs)} / ${ms(r.moved.inThreadMs)}`,
    ]);
  }
  if (r.review) {
    details.push(['review: paging median / first paint max', `${ms(r.review.pagingMs.median)} / ${ms(r.review.firstPaintMs.max)}`]);
  }
  if (r.reviewAtScale) {
    details.push(['review at 20,000 hunks: every part of the state in, median', ms(r.reviewAtScale.firstPaintMs.allParts)]);
  }
  if (r.planLog) {
    details.push([
      'plan log: frames, median / max per frame, handler p95',
      `${r.planLog.messages}, ${ms(r.planLog.frameMs.median)} / ${ms(r.planLog.frameMs.max)}, ${ms(r.planLog.handlerMs.p95)}`,
    ]);
  }
  if (r.agent) {
    details.push(['agent: input tokens inside the cached prefix (read or written)', pct(r.agent.cachedPrefixShare * 100)]);
    details.push(['agent: turns, wall / in model calls', `${r.agent.turns}, ${ms(r.agent.wallMs)} / ${ms(r.agent.modelMs)}`]);
  }
  if (r.long) {
    details.push(['long run: turns, compactions, windows read', `${r.long.turns} (${r.long.state}), ${r.long.compactions}, ${r.long.windowsRead.toFixed(1)}`]);
    details.push(['long run: cache read share over the run', pct(r.long.cacheReadShare * 100)]);
    details.push(['long run: overhead per turn with file reads', ms(r.long.overheadMsPerTurn)]);
  }
  print(details);
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(new URL(import.meta.url).pathname)) {
  const r = JSON.parse(fs.readFileSync(process.argv[2] ?? 'bench/results.json', 'utf8'));
  printTable(r, budgetRows(r));
}
