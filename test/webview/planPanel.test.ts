import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { FrameLocator } from 'playwright-core';
import { sidebarAfterReload, waitFor } from './support/planPanel';
import { DARK, LIGHT, openRedlineSidebar, openWorkbench, repoRoot, screenshotOnFailure, type Workbench } from './support/workbench';

const PLANS = path.join('.redline', 'plans');

describe('Plan panel in the workbench', function () {
  let wb: Workbench;
  let frame: FrameLocator;
  const plan = (name: string) => path.join(wb.workspace, PLANS, name);

  before(async () => {
    wb = await openWorkbench({ theme: DARK, workspaceTemplate: path.join(repoRoot, 'test', 'webview', 'planFixtures', 'workspace') });
    frame = await openRedlineSidebar(wb.page);
  });
  after(async () => {
    await wb?.close();
  });
  screenshotOnFailure(() => wb);

  it('lists the plans with their status and a warning icon for the broken one', async () => {
    await frame.getByRole('button', { name: /^Add a CSV parser, approved/ }).waitFor({ timeout: 30_000 });
    assert.equal(await frame.locator('button.plan').count(), 3, 'expected the three fixture plans');
    assert.equal(await frame.locator('button.plan[data-id="broken.md"] .codicon-warning').count(), 1, 'the broken plan has no warning icon');
    await wb.screenshot('plan-panel-list-dark');
  });

  it('filters by status', async () => {
    await frame.getByLabel('Filter plans by status').selectOption('done');
    await frame.locator('button.plan').first().waitFor();
    await waitFor(async () => (await frame.locator('button.plan').count()) === 1, 'the done filter still shows other plans');
    assert.match(await frame.locator('button.plan').innerText(), /Links and images/);
    await frame.getByLabel('Filter plans by status').selectOption('all');
    await waitFor(async () => (await frame.locator('button.plan').count()) === 3, 'All does not show every plan again');
  });

  it('opens a plan and renders it, steps with their status', async () => {
    await frame.getByRole('button', { name: /^Add a CSV parser/ }).click();
    await frame.locator('.doc-content h2', { hasText: 'Goal' }).waitFor();
    assert.equal(await frame.locator('li.step').count(), 4, 'the four steps are not rendered as steps');
    assert.equal(await frame.locator('li.step[data-step="s1"][data-status="done"]').count(), 1, 'step s1 is not shown done');
    assert.equal((await frame.locator('.doc-content .comment-btn').count()) > 5, true, 'lines have no comment buttons');
    await wb.screenshot('plan-panel-open-dark');
    await wb.setTheme(LIGHT);
    await wb.screenshot('plan-panel-open-light');
    await wb.setTheme(DARK);
  });

  it('edits the plan in the panel: the file changes through a WorkspaceEdit', async () => {
    await frame.getByRole('button', { name: 'Edit plan' }).click();
    const editor = frame.locator('textarea.editor');
    await editor.waitFor();
    const text = await editor.inputValue();
    await editor.fill(text.replace('Read RFC 4180 CSV into rows', 'Read CSV files with quotes'));
    await frame.getByRole('button', { name: 'Save plan' }).click();
    await frame.locator('.doc-content', { hasText: 'Read CSV files with quotes' }).waitFor({ timeout: 20_000 });
    await waitFor(async () => fs.readFileSync(plan('csv-parser.md'), 'utf8').includes('Read CSV files with quotes'), 'the file on disk was not saved');
    assert.ok(fs.readFileSync(plan('csv-parser.md'), 'utf8').includes('status: approved'), 'the rest of the file changed');
  });

  it('follows the file: a change on disk shows in the panel', async () => {
    const file = plan('csv-parser.md');
    fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace('Read CSV files with quotes', 'Changed outside the panel'));
    await frame.locator('.doc-content', { hasText: 'Changed outside the panel' }).waitFor({ timeout: 20_000 });
  });

  it('keeps the rendered plan and the picked line while the file is edited and saved in the editor', async () => {
    const content = frame.locator('.doc-content');
    const picked = frame.locator('li.step.current[data-step="s3"]');
    await frame.locator('li.step[data-step="s3"] .step-text').click();
    await picked.waitFor();
    // Set on the element itself: a rebuilt rendering would not have it.
    await content.evaluate((el) => el.setAttribute('data-probe', 'first rendering'));
    const unsaved = frame.getByText('Unsaved changes in the editor are shown here');

    await frame.getByRole('button', { name: 'Open in editor' }).click();
    const editor = wb.page.locator('.monaco-editor .view-lines').first();
    await editor.click();
    await wb.page.keyboard.press('Control+End');
    await wb.page.keyboard.press('Enter'); // a blank line at the end renders the same plan
    await unsaved.waitFor({ timeout: 20_000 });
    await wb.page.keyboard.press('Control+S');
    await unsaved.waitFor({ state: 'detached', timeout: 20_000 });
    assert.equal(await frame.locator('.doc-content[data-probe]').count(), 1, 'a plan that renders the same was rebuilt');
    assert.equal(await picked.count(), 1, 'the picked line was lost');

    await wb.page.keyboard.type('Added in the editor.');
    await frame.locator('.doc-content', { hasText: 'Added in the editor.' }).waitFor({ timeout: 20_000 });
    assert.equal(await frame.locator('.doc-content[data-probe]').count(), 0, 'a changed plan was not rendered again');
    assert.equal(await picked.count(), 1, 'the picked line was lost when the plan changed');
    await wb.runCommand('File: Revert File');
    await unsaved.waitFor({ state: 'detached', timeout: 20_000 });
    await wb.runCommand('View: Close Editor');
  });

  it('keeps a comment on a line for the agent', async () => {
    await frame.locator('li.step[data-step="s3"]').hover();
    await frame.locator('li.step[data-step="s3"] .comment-btn').click();
    await frame.getByPlaceholder('What should the agent change here?').fill('Also export it from src/index.ts');
    await frame.getByRole('button', { name: 'Add comment' }).click();
    await frame.locator('.comments-bar', { hasText: '1 comment for the agent' }).waitFor();
    await frame.locator('li.step[data-step="s3"] .inline-comment', { hasText: 'Also export it' }).waitFor();
    await wb.screenshot('plan-panel-comment-dark');
  });

  it('shows a broken plan with a warning and its content, never blank', async () => {
    await frame.getByRole('button', { name: 'Back to plans' }).click();
    await frame
      .getByRole('button', { name: /^Never closed|^broken/ })
      .first()
      .click();
    await frame.locator('.warnings', { hasText: 'no closing' }).waitFor();
    await frame.locator('.doc-content', { hasText: 'Still a step' }).waitFor();
    const before = fs.readFileSync(plan('broken.md'), 'utf8');
    await wb.screenshot('plan-panel-broken-dark');
    assert.equal(fs.readFileSync(plan('broken.md'), 'utf8'), before, 'opening a broken plan rewrote it');
  });

  it('keeps links inert and drops remote images', async () => {
    await frame.getByRole('button', { name: 'Back to plans' }).click();
    await frame.getByRole('button', { name: /^Links and images/ }).click();
    await frame.locator('.doc-content a[data-link]').first().waitFor();
    assert.equal(await frame.locator('.doc-content a[href]').count(), 0, 'a rendered link has an href');
    assert.equal(await frame.locator('.doc-content img').count(), 0, 'a remote image is in the DOM');
    await frame.locator('.doc-content a[data-link]').first().click();
    const dialog = wb.page.locator('.monaco-dialog-box');
    await dialog.waitFor();
    assert.match(await dialog.innerText(), /https:\/\/example\.com\/docs\?q=1/, 'the dialog does not show the full URL');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
  });

  it('renames and deletes a plan with confirmation', async () => {
    await frame.getByRole('button', { name: 'Back to plans' }).click();
    const row = frame.locator('li', { has: frame.locator('button.plan[data-id="links.md"]') });
    await row.hover();
    await row.getByRole('button', { name: /^Rename/ }).click();
    const input = wb.page.locator('.quick-input-widget input');
    await input.waitFor();
    await input.fill('Renamed links plan');
    await input.press('Enter');
    await frame.locator('button.plan[data-id="renamed-links-plan.md"]').waitFor({ timeout: 20_000 });
    assert.ok(!fs.existsSync(plan('links.md')), 'the old file is still there');
    assert.match(fs.readFileSync(plan('renamed-links-plan.md'), 'utf8'), /title: Renamed links plan/);

    const renamed = frame.locator('li', { has: frame.locator('button.plan[data-id="renamed-links-plan.md"]') });
    await renamed.hover();
    await renamed.getByRole('button', { name: /^Delete/ }).click();
    const dialog = wb.page.locator('.monaco-dialog-box');
    await dialog.waitFor();
    assert.match(await dialog.innerText(), /renamed-links-plan\.md/, 'the confirmation does not name the file');
    await dialog.getByRole('button', { name: 'Delete' }).click();
    await waitFor(async () => !fs.existsSync(plan('renamed-links-plan.md')), 'the file was not deleted');
    await waitFor(async () => (await frame.locator('button.plan').count()) === 2, 'the list still shows the deleted plan');
  });

  it('finds the same plan open after a window reload', async () => {
    await frame.getByRole('button', { name: /^Add a CSV parser/ }).click();
    await frame.locator('.doc-content h2', { hasText: 'Goal' }).waitFor();
    await wb.runCommand('Developer: Reload Window');
    frame = await sidebarAfterReload(wb.page);
    await frame.locator('.doc-title', { hasText: 'Add a CSV parser' }).waitFor({ timeout: 60_000 });
    await frame.locator('.comments-bar', { hasText: '1 comment for the agent' }).waitFor({ timeout: 30_000 });
    await wb.screenshot('plan-panel-reloaded-dark');
  });
});
