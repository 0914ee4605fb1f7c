import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import type { FrameLocator } from 'playwright-core';
import { usePlanWorkbench } from './support/planPanel';
import { repoRoot, type Workbench } from './support/workbench';

// The Plan panel driving the agent against the scripted model (test/double), as a person would.
describe('Plan panel with the scripted model', function () {
  const suite = usePlanWorkbench({
    workspaceTemplate: path.join(repoRoot, 'test', 'webview', 'planFixtures', 'workspace'),
    model: path.join(repoRoot, 'test', 'fixtures', 'agent', 'demoScript.json'),
  });
  let wb: Workbench;
  let frame: FrameLocator;
  before(() => {
    ({ wb, frame } = suite);
  });

  it('drafts a new plan from a one-line intent', async () => {
    const intent = frame.getByLabel('Draft a new plan with the agent');
    await intent.waitFor({ timeout: 30_000 });
    await intent.fill('Greet politely');
    await intent.press('Enter');
    await frame.getByText(/Plan draft · done/).waitFor({ timeout: 60_000 });
    const asked = wb.model?.messageRequests() ?? [];
    assert.ok(asked.length >= 2, `the model was asked ${asked.length} times, expected a read and a draft`);
    await wb.screenshot('plan-agent-draft-dark');
  });
});
