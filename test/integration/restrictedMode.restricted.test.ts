// Runs in its own window with Workspace Trust on and the folder untrusted (Restricted Mode; see
// scripts/test-integration.mjs). Plans and diffs can be read and reviewed; the agent, checks and
// accepting hunks are off, each with a message saying why. Every write of the review is refused at
// one gate, the review session's write port, in one wording (UNTRUSTED_MESSAGE).
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { PlanStore } from '../../src/vscode/plan/planStore';
import { textReply } from '../double/script';
import { UNTRUSTED_MESSAGE } from '../../src/core/trust';
import { OpenPlan } from '../../src/vscode/plan/openPlan';
import { PlanActions } from '../../src/vscode/plan/planActions';
import { PlanComments } from '../../src/vscode/plan/planComments';
import { PlanRuns } from '../../src/vscode/plan/planRuns';
import { runChangesetsOf } from '../../src/vscode/plan/runChangesets';
import type { RunService } from '../../src/core/runs/runService';
import { api, MemoryMemento, read, startDouble, stubWindow, write, writePlan } from './agentSupport';
import { endAttacksAfterEach, ownAgent, type OwnAgent } from './safetyHarness';
import { Bundles } from '../../src/vscode/bundles';

/** The Plan panel's rendering, from the extension's own bundle (as the composition root loads it). */
const render = () => new Bundles(vscode.extensions.getExtension('redline.redline')!.extensionPath).get('render');

describe('Restricted Mode (an untrusted folder)', function () {
  this.timeout(60_000);
  const live = endAttacksAfterEach();

  it('runs untrusted, with the extension active', async () => {
    assert.equal(vscode.workspace.isTrusted, false, 'this suite must run in Restricted Mode');
    const redline = await api();
    assert.equal(redline.apiVersion, 1);
  });

  it('plans can be listed and read', async () => {
    writePlan('restricted-plan', { steps: ['Read me'], checks: ['node check.js'] });
    const store = new PlanStore();
    try {
      const plans = await store.list();
      const plan = plans.find((p) => p.fileName === 'restricted-plan.md');
      assert.ok(plan, `the plan is not listed: ${JSON.stringify(plans.map((p) => p.fileName))}`);
      assert.equal(plan.stepsTotal, 1);
    } finally {
      store.dispose();
    }
  });

  it('diffs can be proposed, read and rejected, but a hunk cannot be accepted', async () => {
    const redline = await api();
    write('src/restricted.ts', 'export const trusted = false;\n');
    const id = await redline.proposeChanges({ title: 'restricted', files: [{ path: 'src/restricted.ts', newText: 'export const trusted = true;\n' }] });
    const hunk = redline.getChangeset(id)!.files[0]!.hunks[0]!;
    assert.equal(hunk.state, 'pending', 'the diff is there to read');
    await assert.rejects(redline.decide(id, hunk.id, 'accept'), (e: Error) => e.message === UNTRUSTED_MESSAGE);
    assert.equal(read('src/restricted.ts'), 'export const trusted = false;\n', 'an accept went through');
    await redline.decide(id, hunk.id, 'reject', 'not now');
    assert.equal(redline.getChangeset(id)!.files[0]!.hunks[0]!.state, 'rejected', 'rejecting writes nothing, so it stays on');
  });

  it("every run door (API build and plan, API fix, the panel's fix, Continue Run, the Plan panel's draft) is refused in the one wording; the model is never asked and no check runs", async () => {
    const redline = await api();
    const double = (live.double = await startDouble(() => textReply('should never be asked')));
    const plan = writePlan('restricted-build', { checks: ['node restricted-check.js'] });
    write('restricted-check.js', "require('fs').writeFileSync('restricted-check-ran.txt', 'the check ran');\n");
    const oneWording = (door: string) => (e: Error) => (assert.equal(e.message, UNTRUSTED_MESSAGE, `${door} was not refused in the one wording`), true);
    await assert.rejects(redline.startRun({ plan, mode: 'build' }), oneWording("the API's build"));
    await assert.rejects(redline.startRun({ plan, mode: 'plan' }), oneWording("the API's plan run"));
    write('src/restricted-fix.ts', 'a\n');
    const id = await redline.proposeChanges({ files: [{ path: 'src/restricted-fix.ts', newText: 'b\n' }] });
    const hunkId = redline.getChangeset(id)!.files[0]!.hunks[0]!.id;
    await assert.rejects(redline.requestFix(id, hunkId, 'louder'), oneWording("the API's fix request"));

    const errors: string[] = [];
    const restore = stubWindow('showErrorMessage', async (m: unknown) => void errors.push(String(m)));
    const own = (live.own = ownAgent());
    const { actions, store, dispose } = planPanel(own, () => own.runs);
    try {
      assert.equal(await vscode.commands.executeCommand('redline.continueRun', 'run-earlier-0', 'go on'), undefined, 'Continue Run continued');
      assert.deepEqual(errors, [UNTRUSTED_MESSAGE], 'Continue Run was not refused in the one wording');
      errors.length = 0;
      const plansBefore = (await store.list()).length;
      assert.equal(await actions.draft('Cap slug length', undefined), undefined, 'the Plan panel drafted');
      assert.deepEqual(errors, [UNTRUSTED_MESSAGE], "the Plan panel's draft was not refused in the one wording");
      assert.equal((await store.list()).length, plansBefore, 'a refused draft left a new plan file behind');
    } finally {
      restore();
      dispose();
    }

    const { webview } = own.openPanel(await own.api.proposeChanges({ files: [{ path: 'src/restricted-fix.ts', newText: 'c\n' }] }));
    await webview.send({ type: 'ready' });
    await webview.send({ type: 'requestFix', requestId: 1, hunkId: webview.hunks()[0]!.id, comment: 'louder' });
    assert.deepEqual(
      webview.posted.at(-1),
      { type: 'notice', level: 'error', message: UNTRUSTED_MESSAGE, requestId: 1 },
      "the panel's fix request was not refused in the one wording",
    );
    assert.equal(double.requests.length, 0, 'the model was asked in Restricted Mode');
    assert.ok(!fs.existsSync(path.join(vscode.workspace.workspaceFolders![0]!.uri.fsPath, 'restricted-check-ran.txt')), 'a check ran in Restricted Mode');
  });

  it('the Review panel shows why it is read-only and refuses accepts and fixes from the webview', async () => {
    write('src/restricted-review.ts', 'one\n');
    const own = (live.own = ownAgent());
    const id = await own.api.proposeChanges({ title: 'review', files: [{ path: 'src/restricted-review.ts', newText: 'two\n' }] });
    const { webview } = own.openPanel(id);
    await webview.send({ type: 'ready' });
    assert.equal(webview.header()?.readOnlyReason, UNTRUSTED_MESSAGE);
    const hunk = webview.hunks()[0]!;
    const hunkId = hunk.id;
    const changedLine = hunk.lines.findIndex((l) => l[0] !== 0);
    const accepts = [
      { type: 'decide', requestId: 5, hunkId, decision: 'accept' },
      { type: 'decideAll', requestId: 6, decision: 'accept' },
      { type: 'decideFile', requestId: 7, file: 0, decision: 'accept' },
      { type: 'decideLines', requestId: 8, hunkId, lines: [changedLine], decision: 'accept' },
    ];
    for (const message of accepts) {
      await webview.send(message);
      const notice = webview.posted.at(-1);
      assert.deepEqual(
        notice,
        { type: 'notice', level: 'error', message: UNTRUSTED_MESSAGE, requestId: message.requestId },
        `${JSON.stringify(message)} was not refused in the one wording, naming its request`,
      );
    }
    assert.equal(read('src/restricted-review.ts'), 'one\n', 'a hunk was accepted in Restricted Mode');
    assert.equal(own.api.getChangeset(id)!.files[0]!.hunks[0]!.state, 'pending', 'a refused accept changed the hunk');
  });

  it('every write door of the review (API, lens, palette, Changesets view, plan draft Keep) is refused in the one wording and writes nothing', async () => {
    const redline = await api();
    const path = 'src/restricted-doors.ts';
    const original = 'export const doors = 1;\n';
    write(path, original);
    const id = await redline.proposeChanges({ title: 'doors', files: [{ path, newText: 'export const doors = 2;\n' }] });
    const hunkId = redline.getChangeset(id)!.files[0]!.hunks[0]!.id;
    const errors: string[] = [];
    const restore = stubWindow('showErrorMessage', async (m: unknown) => void errors.push(String(m)));
    try {
      await assert.rejects(redline.decide(id, hunkId, 'accept'), (e: Error) => e.message === UNTRUSTED_MESSAGE, 'the API');
      const editor = await vscode.window.showTextDocument(vscode.Uri.joinPath(vscode.workspace.workspaceFolders![0]!.uri, path));
      editor.selection = new vscode.Selection(0, 0, 0, 0);
      const doors: [string, string, unknown[]][] = [
        ['the lens Accept', 'redline.acceptHunk', [id, hunkId]],
        ['the Changesets view hunk Accept', 'redline.acceptHunk', [{ kind: 'hunk', changesetId: id, path, hunkId }]],
        ['the palette Accept Hunk (hunk under the cursor)', 'redline.acceptHunk', []],
        ['the lens Accept File', 'redline.acceptFile', [id, path]],
        ['the Changesets view file Accept', 'redline.acceptFile', [{ kind: 'file', changesetId: id, path }]],
        ["the palette Accept File (the active editor's file)", 'redline.acceptFile', []],
      ];
      for (const [door, command, args] of doors) {
        errors.length = 0;
        assert.equal(await vscode.commands.executeCommand(command, ...args), false, `${door} reported an accept`);
        assert.deepEqual(errors, [UNTRUSTED_MESSAGE], `${door} did not show the one wording`);
      }

      // The plan panel's Keep: the panel's message handler calls PlanActions.decideDraft, which
      // keeps a plan run's draft through the review session's decideAll. A plan run cannot start
      // here, so the run service is a stand-in that knows one plan run holding the changeset.
      const own = (live.own = ownAgent());
      const draft = await own.api.proposeChanges({ title: 'draft', files: [{ path, newText: 'export const doors = 3;\n' }] });
      const runs = {
        get: (runId: string) => (runId === 'run-draft' ? { id: runId, mode: 'plan', state: 'done', changesetId: draft } : undefined),
        onDidEvent: () => new vscode.Disposable(() => undefined),
        onDidChange: () => new vscode.Disposable(() => undefined),
      };
      const { actions, dispose } = planPanel(own, () => runs as unknown as RunService);
      try {
        errors.length = 0;
        await actions.decideDraft('run-draft', 'accept');
        assert.deepEqual(errors, [UNTRUSTED_MESSAGE], 'Keep the draft did not show the one wording');
        assert.deepEqual(
          own.api.getChangeset(draft)!.files[0]!.hunks.map((h) => h.state),
          ['pending'],
          'Keep changed the draft',
        );
      } finally {
        dispose();
      }
    } finally {
      restore();
    }
    assert.equal(read(path), original, 'a refused accept wrote the file');
    assert.deepEqual(
      redline.getChangeset(id)!.files[0]!.hunks.map((h) => h.state),
      ['pending'],
      'a refused accept changed the hunk',
    );
  });
});

/** The Plan panel's actions wired as registerPlanPanel wires them, on `runs` and the own agent's review session. */
function planPanel(own: OwnAgent, runs: () => RunService): { actions: PlanActions; store: PlanStore; dispose(): void } {
  const memento = new MemoryMemento();
  const hunks = runChangesetsOf(own.session);
  const log = { info: () => undefined, warn: () => undefined, error: () => undefined, show: () => undefined };
  const planRuns = new PlanRuns(runs, memento, hunks, render, log);
  const store = new PlanStore();
  const open = new OpenPlan(store, render);
  const actions = new PlanActions(store, open, planRuns, new PlanComments(memento), log);
  return { actions, store, dispose: () => [actions, open, store, planRuns, hunks].forEach((d) => d.dispose()) };
}
