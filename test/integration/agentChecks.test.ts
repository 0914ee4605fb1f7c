import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { ReviewSession } from '../../src/core/review/reviewSession';
import type { Runs } from '../../src/core/runs/runs';
import { createAgentRuns } from '../../src/vscode/agent/createAgentRuns';
import type { Logger } from '../../src/vscode/log';
import { VsCodeReviewWorkspace } from '../../src/vscode/review/reviewWorkspace';
import { workspaceTrust } from '../../src/vscode/workspaceTrust';
import { WorkspacePaths } from '../../src/vscode/workspacePaths';
import { lastToolResults, textReply, toolReply, turnOf } from '../double/script';
import type { MessagesDouble } from '../double/server';
import { FAKE_KEY, resetSettings, startDouble, waitFor, write, writePlan } from './agentSupport';
import { policyRules } from '../../src/core/policy/policyRules';
import { Bundles } from '../../src/vscode/bundles';

const log: Logger = { info: () => undefined, warn: () => undefined, error: () => undefined, show: () => undefined };

describe('agent checks without a sandbox', function () {
  this.timeout(60_000);
  let double: MessagesDouble | undefined;
  let runs: Runs | undefined;

  after(async () => {
    runs?.dispose();
    await double?.close();
    await resetSettings();
  });

  it('asks before every check when no sandbox is available, and runs only what the user allows', async () => {
    process.env.REDLINE_TEST_APPROVE_CHECKS = '1'; // approved for the plan: only the sandbox question remains
    const asked: string[] = [];
    const answers = [true, false, false];
    const paths = new WorkspacePaths(policyRules);
    const ext = vscode.extensions.getExtension('redline.redline')!;
    runs = createAgentRuns({
      model: () => new Bundles(ext.extensionPath).get('model'),
      context: {
        storageUri: undefined,
        workspaceState: { keys: () => [], get: () => undefined, update: async () => undefined },
        globalState: { keys: () => [], get: () => undefined, update: async () => undefined },
        extensionMode: vscode.ExtensionMode.Test,
      },
      session: new ReviewSession(new VsCodeReviewWorkspace(paths), workspaceTrust, policyRules),
      keys: { get: async () => FAKE_KEY },
      paths,
      log,
      sandbox: async () => 'none',
      confirm: async (message) => {
        asked.push(message);
        return answers.shift() ?? false;
      },
    });
    write('agent-nosandbox-check.js', "console.log('check ran');\n");
    write('src/agent-nosandbox/n.txt', 'n\n');
    const plan = writePlan('agent-nosandbox', { checks: ['node agent-nosandbox-check.js'] });
    double = await startDouble(({ body }) => (turnOf(body) < 2 ? toolReply([{ name: 'run_check', input: { check: '1' } }]) : textReply('Done.')));
    const started = await runs.start({ plan, mode: 'build' });
    assert.ok(started.ok, started.ok ? '' : started.message);
    const run = await waitFor('the run to end', () => runs!.get(started.value)?.state !== 'running' && runs!.get(started.value));
    assert.equal(run.state, 'done', run.error);
    const [first, second] = [1, 2].map((i) => lastToolResults(double!.messageRequests()[i]!.body)[0]);
    assert.ok(first && !first.isError && /check ran/.test(first.text), `the allowed check must run: ${first?.text}`);
    assert.ok(second?.isError && /without a sandbox/.test(second.text), `the refused check must not run: ${second?.text}`);
    // Two run_check calls and the plan's own check at the end: asked each time.
    assert.equal(asked.length, 3, asked.join(' | '));
    assert.ok(
      asked.every((m) => /without a sandbox/.test(m)),
      asked.join(' | '),
    );
  });
});
