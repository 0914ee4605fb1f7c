import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import type { FrameLocator } from 'playwright-core';
import { openRedlineSidebar, openWorkbench, repoRoot, screenshotOnFailure, type Workbench } from './support/workbench';

// Workspace Trust on, the folder not trusted: the Plan panel reads and renders plans, and every
// way to the agent is off with the reason next to it.
describe('Plan panel in Restricted Mode', function () {
  let wb: Workbench | undefined;
  let frame: FrameLocator;

  before(async () => {
    wb = await openWorkbench({ restricted: true, workspaceTemplate: path.join(repoRoot, 'test', 'webview', 'planFixtures', 'workspace') });
    frame = await openRedlineSidebar(wb.page);
  });
  after(async () => {
    await wb?.close();
  });
  screenshotOnFailure(() => wb);

  it('lists and renders plans, with drafting and building off and the reason shown', async () => {
    const restricted = /Restricted Mode/;
    const intent = frame.getByLabel('Draft a new plan with the agent');
    await intent.waitFor({ timeout: 60_000 });
    assert.ok(await intent.isDisabled(), 'drafting must be off');
    assert.match((await intent.getAttribute('placeholder')) ?? '', restricted, 'the intent field must say why it is off');
    await frame.getByRole('button', { name: /^Add a CSV parser/ }).click();
    await frame.locator('.doc-content h2', { hasText: 'Goal' }).waitFor({ timeout: 30_000 });
    assert.ok((await frame.locator('li.step').count()) > 0, 'the plan must render in Restricted Mode');
    const build = frame.getByRole('button', { name: /^Build/ });
    assert.ok(await build.isDisabled(), 'Build must be off');
    assert.match((await build.getAttribute('title')) ?? '', restricted, 'Build must say why it is off');
    await wb!.screenshot('plan-panel-restricted');
  });
});
