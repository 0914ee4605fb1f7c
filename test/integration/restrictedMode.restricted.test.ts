// Runs in its own window with Workspace Trust on and the folder untrusted (Restricted Mode; see
// scripts/test-integration.mjs). Plans and diffs can be read and reviewed; the agent, checks and
// accepting hunks are off, each with a message saying why.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ChecksPort } from '../../src/core/agent/ports';
import { CheckApprovals } from '../../src/vscode/checks/checkApprovals';
import { createChecksPort } from '../../src/vscode/checks/workspaceChecks';
import { WorkspaceFiles } from '../../src/vscode/agent/workspaceFiles';
import { PlanStore } from '../../src/vscode/plan/planStore';
import { WorkspacePaths } from '../../src/vscode/workspacePaths';
import { textReply } from '../double/script';
import { api, read, startDouble, write, writePlan } from './agentSupport';
import { endAttacksAfterEach, ownAgent } from './safetyHarness';
import { policyRules } from '../../src/core/policy/policyRules';

const RESTRICTED = /Restricted Mode/;

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
    await assert.rejects(redline.decide(id, hunk.id, 'accept'), /Accepting hunks is off in Restricted Mode; trust the workspace first/);
    assert.equal(read('src/restricted.ts'), 'export const trusted = false;\n', 'an accept went through');
    await redline.decide(id, hunk.id, 'reject', 'not now');
    assert.equal(redline.getChangeset(id)!.files[0]!.hunks[0]!.state, 'rejected', 'rejecting writes nothing, so it stays on');
  });

  it('the agent does not start and asks the model nothing; fix requests are off too', async () => {
    const redline = await api();
    const double = (live.double = await startDouble(() => textReply('should never be asked')));
    const plan = writePlan('restricted-build');
    await assert.rejects(redline.startRun({ plan, mode: 'build' }), /The agent is off in Restricted Mode; trust the workspace first/);
    await assert.rejects(redline.startRun({ plan, mode: 'plan' }), RESTRICTED);
    write('src/restricted-fix.ts', 'a\n');
    const id = await redline.proposeChanges({ files: [{ path: 'src/restricted-fix.ts', newText: 'b\n' }] });
    const hunkId = redline.getChangeset(id)!.files[0]!.hunks[0]!.id;
    await assert.rejects(redline.requestFix(id, hunkId, 'louder'), RESTRICTED);
    assert.equal(double.requests.length, 0, 'the model was asked in Restricted Mode');
  });

  it('checks do not run, with a message', async () => {
    const paths = new WorkspacePaths(policyRules);
    const memory = new Map<string, unknown>();
    const memento: vscode.Memento = { keys: () => [...memory.keys()], get: <T>(k: string) => memory.get(k) as T, update: async (k, v) => void memory.set(k, v) };
    const approvals = new CheckApprovals(memento, () => true);
    let asked = 0;
    const plan = writePlan('restricted-check', { checks: ['node restricted-check.js'] });
    const checks: ChecksPort = createChecksPort(
      { files: new WorkspaceFiles(paths), approvals, confirm: async () => (++asked, true), log: { info: () => undefined, warn: () => undefined, error: () => undefined, show: () => undefined }, apiKey: async () => undefined, limits: () => ({ timeoutMs: 5000, outputCap: 1000 }), deny: () => paths.denyPolicy(), sandbox: async () => 'none' },
      { path: plan, absolute: vscode.Uri.joinPath(vscode.workspace.workspaceFolders![0]!.uri, plan).fsPath, input: { path: plan, text: '', steps: [], checks: [{ name: 'node restricted-check.js', command: 'node restricted-check.js' }] } },
    );
    const outcome = await checks.run({ name: 'node restricted-check.js', command: 'node restricted-check.js' }, [], new AbortController().signal);
    assert.equal(outcome.ok, false, 'a check ran in Restricted Mode');
    assert.match(outcome.ok ? '' : outcome.message, /checks are off in Restricted Mode/);
    assert.equal(asked, 0, 'the user must not even be asked');
  });

  it('the Review panel shows why it is read-only and refuses accepts and fixes from the webview', async () => {
    write('src/restricted-review.ts', 'one\n');
    const own = (live.own = ownAgent());
    const id = await own.api.proposeChanges({ title: 'review', files: [{ path: 'src/restricted-review.ts', newText: 'two\n' }] });
    const { webview } = own.openPanel(id);
    await webview.send({ type: 'ready' });
    assert.match(webview.header()?.readOnlyReason ?? '', /Restricted Mode: you can read this review, but accepting hunks and the agent are off until you trust the workspace/);
    const hunk = webview.hunks()[0]!;
    const hunkId = hunk.id;
    const changedLine = hunk.lines.findIndex((l) => l[0] !== 0);
    const attempts: [unknown, RegExp][] = [
      [{ type: 'decide', hunkId, decision: 'accept' }, /Accepting hunks is off in Restricted Mode/],
      [{ type: 'decideAll', decision: 'accept' }, /Accepting hunks is off in Restricted Mode/],
      [{ type: 'decideFile', file: 0, decision: 'accept' }, /Accepting hunks is off in Restricted Mode/],
      [{ type: 'decideLines', hunkId, lines: [changedLine], decision: 'accept' }, /Accepting hunks is off in Restricted Mode/],
      [{ type: 'requestFix', hunkId, comment: 'louder' }, /The agent is off in Restricted Mode/],
    ];
    for (const [message, refusal] of attempts) {
      await webview.send(message);
      assert.match(webview.notices().at(-1) ?? '', refusal, `${JSON.stringify(message)} was not refused`);
    }
    assert.equal(read('src/restricted-review.ts'), 'one\n', 'a hunk was accepted in Restricted Mode');
  });
});
