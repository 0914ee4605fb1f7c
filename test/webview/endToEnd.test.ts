import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import type { FrameLocator } from 'playwright-core';
import { DARK, editorWebviewFrame, openRedlineSidebar, openWorkbench, repoRoot, screenshotOnFailure, type Workbench } from './support/workbench';

describe('the whole loop on the demo workspace', function () {
  let wb: Workbench;
  let plan: FrameLocator;

  before(async () => {
    wb = await openWorkbench({
      theme: DARK,
      workspaceTemplate: path.join(repoRoot, 'examples', 'demo-workspace'),
      model: path.join(repoRoot, 'examples', 'demo-model.json'),
      git: true,
    });
    plan = await openRedlineSidebar(wb.page);
  });
  after(async () => {
    await wb?.close();
  });
  screenshotOnFailure(() => wb);

  it('drafts the plan from an intent', async () => {
    const intent = plan.getByLabel('Draft a new plan with the agent');
    await intent.waitFor({ timeout: 30_000 });
    await intent.fill('Cap slug length');
    await intent.press('Enter');
    await plan.getByText(/Plan draft · done/).waitFor({ timeout: 60_000 });
    await wb.screenshot('e2e-1-drafted');
  });

  it('keeps the draft from the review panel, comments on a step, gets the revision', async () => {
    await plan.getByText('Review 1 hunk waiting').click();
    const review = editorWebviewFrame(wb.page);
    await review.getByRole('button', { name: /Accept hunk/ }).first().waitFor({ timeout: 30_000 });
    await wb.screenshot('e2e-2-review-draft');
    await wb.page.keyboard.press('a');
    await plan.locator('li.step').first().waitFor({ timeout: 30_000 });
    assert.equal(await plan.locator('li.step').count(), 3, 'the accepted draft does not show its three steps');

    const lastStep = plan.locator('li.step').last();
    await lastStep.hover();
    await lastStep.locator('.comment-btn').click();
    await plan.getByPlaceholder('What should the agent change here?').fill('Also export truncateWords from src/index.ts');
    await plan.getByRole('button', { name: 'Add comment' }).click();
    await plan.getByRole('button', { name: /Send to agent/ }).click();
    await plan.getByText('Review 1 hunk waiting').click();
    await review.getByText('Plan revision', { exact: false }).first().waitFor({ timeout: 30_000 });
    await review.getByText('src/index.ts').first().waitFor({ timeout: 30_000 });
    await wb.page.keyboard.press('a');
    await waitFor(async () => (await plan.locator('li.step').count()) === 4, 'the revised plan does not show a fourth step', 30_000);
    await wb.screenshot('e2e-3-revised-plan');
  });

  it('approves and builds: steps tick, the check runs once allowed, the review waits', async () => {
    await openRedlineSidebar(wb.page);
    await plan.getByRole('button', { name: /Approve & build/ }).click();
    const allow = wb.page.locator('.monaco-dialog-box').getByRole('button', { name: 'Allow for this plan' });
    await allow.waitFor({ timeout: 60_000 });
    await wb.screenshot('e2e-4-check-approval');
    await allow.click();
    await plan.getByText(/Build · done/).waitFor({ timeout: 120_000 });
    await waitFor(async () => (await plan.locator('li.step[data-status="done"]').count()) === 4, 'the four steps are not ticked', 30_000);
    await plan.getByText(/Review \d+ hunks waiting/).waitFor();
    const told = wb.model?.allBodies() ?? '';
    assert.match(told, /npm test \(npm test\): exit code 0/, 'the model was not told that the check passed in the isolated copy');
    assert.match(told, /(# |ℹ )pass 7/, 'the check did not run the seven tests of the proposed code');
    await wb.screenshot('e2e-5-built');
  });
});

async function waitFor(probe: () => Promise<boolean>, message: string, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await probe())) {
    if (Date.now() > deadline) throw new Error(message);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
