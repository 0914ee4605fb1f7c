/**
 * Runs inside the VS Code extension host (loaded as the tests module by `bench/host.mjs`):
 * - activation: the real `activate()` of the production bundle, timed by `benchMain.js`;
 * - accept: one hunk in a 10,000-line open plain-text document, from `decide(…, 'accept')` (what the review's
 *   accept runs) to the document's change event, and to the decision's end (with the save);
 * - blocked: the event loop sampled while a 100,000-line diff runs through the worker the
 *   extension uses, and while the whole proposal of that file is built (informational);
 * - hooks: a connected terminal agent's waits (`hookBench.ts`).
 * Numbers go to REDLINE_BENCH_RESULT as JSON; REDLINE_TEST_RESULT gets the usual pass/fail record.
 */
import * as fs from 'node:fs';
import * as inspector from 'node:inspector';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { RedlineApi } from '../../src/shared/api';
import { WorkerLineDiff } from '../../src/node/workerLineDiff';
import { generatePair } from '../../test/fixtures/diffPairs';
import { sampleBlocked } from '../sampleBlocked';
import { hookTimes } from './hookBench';

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;
const quantile = (xs: number[], q: number): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))] ?? NaN;
};

/** With REDLINE_BENCH_PROFILE set to a folder, a CPU profile of `work` is written there. */
async function profiled<T>(name: string, work: () => Promise<T>): Promise<T> {
  const dir = process.env.REDLINE_BENCH_PROFILE;
  if (!dir) return work();
  const session = new inspector.Session();
  session.connect();
  const post = (method: string, params?: object) =>
    new Promise<unknown>((resolve, reject) => session.post(method, params, (err, r) => (err ? reject(err) : resolve(r))));
  await post('Profiler.enable');
  await post('Profiler.start');
  try {
    return await work();
  } finally {
    const { profile } = (await post('Profiler.stop')) as { profile: unknown };
    fs.writeFileSync(path.join(dir, `${name}.cpuprofile`), JSON.stringify(profile));
    session.disconnect();
  }
}

async function acceptTimes(api: RedlineApi, root: string, repeats: number) {
  // Plain text: the time is Redline's and VS Code's, not a language server's reacting to the edit.
  const rel = 'src/bench10k.txt';
  const abs = path.join(root, rel);
  fs.mkdirSync(path.dirname(abs), { recursive: true });
  fs.writeFileSync(abs, Array.from({ length: 10_000 }, (_, i) => `export const value${i} = compute(${i}, 'item ${i % 97}');\n`).join(''));
  const doc = await vscode.workspace.openTextDocument(abs);
  await vscode.window.showTextDocument(doc);
  const toChange: number[] = [];
  const toDone: number[] = [];
  const toEdit: number[] = [];
  // The extension and this module share one API object: wrapping applyEdit shows how much of an
  // accept is Redline's (until it hands VS Code the edit) and how much the edit's round trip.
  const workspace = vscode.workspace as { applyEdit: typeof vscode.workspace.applyEdit };
  const applyEdit = workspace.applyEdit;
  let editCalledAt = NaN;
  workspace.applyEdit = (...args) => {
    editCalledAt = performance.now();
    return applyEdit(...args);
  };
  for (let k = 0; k < repeats; k++) {
    const line = 1000 + k * 700;
    // Proposals are relative to the file on disk; the previous accept saved it (the host hears
    // that the document is clean a moment after the save resolves).
    for (let wait = 0; doc.isDirty && wait < 100; wait++) await new Promise((resolve) => setTimeout(resolve, 20));
    const disk = fs.readFileSync(abs, 'utf8');
    const text = doc.getText();
    if (disk !== text) {
      let at = 0;
      while (at < disk.length && disk[at] === text[at]) at++;
      throw new Error(
        `round ${k}: the document and the file on disk differ at ${at} (disk ${disk.length}, document ${text.length}, dirty ${doc.isDirty}): ${JSON.stringify(disk.slice(at - 20, at + 40))} vs ${JSON.stringify(text.slice(at - 20, at + 40))}`,
      );
    }
    const newText = disk.replace(`export const value${line} = `, `export const renamed${line} = `);
    const id = await api.proposeChanges({ title: `bench ${k}`, files: [{ path: rel, newText }] });
    const hunks = api.getChangeset(id)?.files[0]?.hunks ?? [];
    const hunk = hunks[0];
    if (hunks.length !== 1 || !hunk || hunk.state !== 'pending') throw new Error(`expected one pending hunk, got ${JSON.stringify(hunks)}`);
    const changed = new Promise<number>((resolve) => {
      const sub = vscode.workspace.onDidChangeTextDocument((e) => {
        if (e.document.uri.fsPath !== doc.uri.fsPath || e.contentChanges.length === 0) return;
        sub.dispose();
        resolve(performance.now());
      });
    });
    // Past the review's 300 ms debounce of the previous change, so rounds do not overlap.
    await new Promise((resolve) => setTimeout(resolve, 400));
    const started = performance.now();
    const decided = api.decide(id, hunk.id, 'accept').then(() => performance.now());
    // A failed decision changes nothing: stop waiting for the change event then.
    toChange.push((await Promise.race([changed, decided.then(() => changed)])) - started);
    toDone.push((await decided) - started);
    toEdit.push(editCalledAt - started);
    if (!doc.getText().includes(`renamed${line} = `)) throw new Error('the accepted hunk is not in the document');
  }
  workspace.applyEdit = applyEdit;
  // The floor beside it: the same document, one line replaced by a WorkspaceEdit of our own.
  const plain: number[] = [];
  for (let k = 0; k < repeats; k++) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    const changed = new Promise<number>((resolve) => {
      const sub = vscode.workspace.onDidChangeTextDocument((e) => {
        if (e.document.uri.fsPath !== doc.uri.fsPath || e.contentChanges.length === 0) return;
        sub.dispose();
        resolve(performance.now());
      });
    });
    const edit = new vscode.WorkspaceEdit();
    edit.replace(doc.uri, new vscode.Range(5000, 0, 5000, 6), k % 2 === 0 ? 'EXPORT' : 'export');
    const started = performance.now();
    await applyEdit(edit);
    plain.push((await changed) - started);
  }
  await vscode.commands.executeCommand('workbench.action.files.revert');
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  return {
    repeats,
    toDocumentChangedMs: { median: median(toChange), p95: quantile(toChange, 0.95) },
    toApplyEditMs: { median: median(toEdit), p95: quantile(toEdit, 0.95) },
    toDecidedMs: { median: median(toDone), p95: quantile(toDone, 0.95) },
    plainEditMs: { median: median(plain), p95: quantile(plain, 0.95) },
  };
}

async function blocked(api: RedlineApi, extensionPath: string, root: string, repeats: number) {
  const { oldText, newText } = generatePair({ lines: 100_000, changed: 0.1, layout: 'scattered' });
  const port = new WorkerLineDiff(path.join(extensionPath, 'dist', 'diffWorker.js'));
  try {
    await port.lineRuns(oldText, newText); // the worker's start is not the diff's
    const diff: { maxBlockMs: number; wallMs: number }[] = [];
    for (let k = 0; k < repeats; k++) diff.push(await sampleBlocked(() => port.lineRuns(oldText, newText)));
    const rel = 'src/bench100k.ts';
    fs.writeFileSync(path.join(root, rel), oldText);
    const propose: { maxBlockMs: number; wallMs: number }[] = [];
    for (let k = 0; k < repeats; k++) propose.push(await sampleBlocked(() => api.proposeChanges({ title: 'bench 100k', files: [{ path: rel, newText }] })));
    return {
      lines: 100_000,
      changed: 0.1,
      diffBlockMs: median(diff.map((d) => d.maxBlockMs)),
      diffMs: median(diff.map((d) => d.wallMs)),
      proposeBlockMs: median(propose.map((d) => d.maxBlockMs)),
      proposeMs: median(propose.map((d) => d.wallMs)),
    };
  } finally {
    port.dispose();
  }
}

export async function run(): Promise<void> {
  const ext = vscode.extensions.getExtension<RedlineApi>('redline.redline');
  if (!ext) throw new Error('the extension is not installed in this host');
  const api = await ext.activate();
  const activation = (globalThis as { __redlineBenchActivation?: { loadMs: number; activateMs: number } }).__redlineBenchActivation;
  const root = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
  if (!root || !activation) throw new Error('no workspace folder, or activation was not timed');
  const result = {
    vscodeVersion: vscode.version,
    activation,
    accept: await profiled('accept', () => acceptTimes(api, root, 9)),
    blocked: await profiled('blocked', () => blocked(api, ext.extensionPath, root, 3)),
    hooks: await profiled('hooks', () => hookTimes(api, root, 20)),
  };
  const out = process.env.REDLINE_BENCH_RESULT;
  if (out) fs.writeFileSync(out, JSON.stringify(result));
  const testResult = process.env.REDLINE_TEST_RESULT;
  if (testResult) fs.writeFileSync(testResult, JSON.stringify({ vscodeVersion: vscode.version, passed: ['host bench'], failed: [] }));
}
