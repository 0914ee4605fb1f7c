import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { policyRules } from '../../src/core/policy/policyRules';
import { ReviewSession } from '../../src/core/review/reviewSession';
import type { Runs } from '../../src/core/runs/runs';
import { createAgentRuns } from '../../src/vscode/agent/createAgentRuns';
import { Bundles } from '../../src/vscode/bundles';
import type { Logger } from '../../src/vscode/log';
import { VsCodeReviewWorkspace } from '../../src/vscode/review/reviewWorkspace';
import { WorkspacePaths } from '../../src/vscode/workspacePaths';
import { workspaceTrust } from '../../src/vscode/workspaceTrust';
import { textReply, toolReply, turnOf } from '../double/script';
import type { MessagesDouble } from '../double/server';
import { FAKE_KEY, resetSettings, startDouble, waitFor, write, writePlan } from './agentSupport';

const log: Logger = { info: () => undefined, warn: () => undefined, error: () => undefined, show: () => undefined };

describe('a check approval that is dismissed or cannot be shown', function () {
  this.timeout(60_000);
  let double: MessagesDouble | undefined;
  let runs: Runs | undefined;

  afterEach(async () => {
    runs?.dispose();
    await double?.close();
    double = undefined;
    await resetSettings();
    process.env.REDLINE_TEST_APPROVE_CHECKS = '1';
  });

  for (const [how, confirm] of [
    ['dismissed', async () => false],
    [
      'cannot be shown',
      async () => {
        throw new Error('the window is closing');
      },
    ],
  ] as const) {
    it(`${how}: the check is not run and shown so, the run ends done, its proposals kept`, async () => {
      process.env.REDLINE_TEST_APPROVE_CHECKS = '0';
      const paths = new WorkspacePaths(policyRules);
      const session = new ReviewSession(new VsCodeReviewWorkspace(paths), workspaceTrust, policyRules);
      const ext = vscode.extensions.getExtension('redline.redline')!;
      runs = createAgentRuns({
        model: () => new Bundles(ext.extensionPath).get('model'),
        context: {
          storageUri: undefined,
          workspaceState: { keys: () => [], get: () => undefined, update: async () => undefined },
          globalState: { keys: () => [], get: () => undefined, update: async () => undefined },
          extensionMode: vscode.ExtensionMode.Test,
        },
        session,
        keys: { get: async () => FAKE_KEY },
        paths,
        log,
        sandbox: async () => 'bwrap',
        confirm,
      });
      const name = `agent-approval-${how.replace(/ /g, '-')}`;
      write(`src/${name}/a.txt`, 'one\n');
      const plan = writePlan(name, { checks: ['node --version'] });
      double = await startDouble(({ body }) =>
        turnOf(body) === 0
          ? toolReply([{ name: 'propose_edit', input: { path: `src/${name}/a.txt`, old_string: 'one', new_string: 'two', step: 's1' } }])
          : textReply('Done.'),
      );
      const started = await runs.start({ plan, mode: 'build' });
      assert.ok(started.ok, started.ok ? '' : started.message);
      const run = await waitFor('the run to end', () => runs!.get(started.value)?.state !== 'running' && runs!.get(started.value));
      assert.equal(run.state, 'done', run.error);
      const file = session.get(run.changesetId ?? '')?.changeset.files.find((f) => f.path === `src/${name}/a.txt`);
      assert.equal(file?.proposedText, 'two\n', 'the proposal is lost');
      const shown = runs.events(started.value).find((e) => e.type === 'check_not_run');
      assert.ok(shown?.type === 'check_not_run' && /^not run \(not approved\)/.test(shown.reason), `not shown as not run: ${JSON.stringify(shown)}`);
    });
  }
});
