import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { FrameLocator } from 'playwright-core';
import { DARK, LIGHT, openRedlineSidebar, openWorkbench, repoRoot, screenshotOnFailure, webviewFrame, type Workbench } from './support/workbench';
import { openInEditor, waitUntil } from './support/waits';

const TEMPLATE = path.join(repoRoot, 'test', 'fixtures', 'reviewWorkspace');
const SCRIPT = path.join(repoRoot, 'test', 'fixtures', 'agent', 'reviewBuildScript.json');
const PANEL_TITLE = 'Review: Build: Cart totals by quantity';
// The build proposes one hunk in src/totals.ts: the tax rate and the rounding, lines 1 to 5.
const PROPOSED = [
  'export const TAX_RATE = 0.21;',
  '',
  '/** The total a customer pays. */',
  'export function withTax(total: number): number {',
  '  return Math.round((total + total * TAX_RATE) * 100) / 100;',
].join('\n');
const MINE = PROPOSED.replace('TAX_RATE = 0.21;', 'TAX_RATE = 0.25; // the rate from finance');

// Edit a proposal before accepting it, in the real workbench: the reviewer changes the tax rate
// the agent proposed, accepts their version, and the file, the undo stack and the agent's next
// request all have exactly that version.
describe('Edit a hunk in the Review panel, then accept it', function () {
  let wb: Workbench;
  let sidebar: FrameLocator;
  const onDisk = (file: string) => fs.readFileSync(path.join(wb.workspace, file), 'utf8');
  const original = (file: string) => fs.readFileSync(path.join(TEMPLATE, file), 'utf8');
  const dirtyTabs = () => wb.page.locator('.tabs-container .tab.dirty').count();
  const edited = () => original('src/totals.ts').replace(/^[\s\S]*?\n  return total \+ total \* TAX_RATE;\n/, `${MINE}\n`);

  before(async () => {
    wb = await openWorkbench({ theme: DARK, workspaceTemplate: TEMPLATE, model: SCRIPT, settings: { 'files.autoSave': 'off' } });
    sidebar = await openRedlineSidebar(wb.page);
    await sidebar.getByRole('button', { name: /^Cart totals by quantity/ }).click({ timeout: 30_000 });
    await sidebar.getByRole('button', { name: 'Build', exact: true }).click();
    await sidebar.getByText('Build · done').waitFor({ timeout: 60_000 });
  });
  after(async () => {
    await wb?.close();
  });
  screenshotOnFailure(() => wb);

  it('writes exactly the edited lines, one Ctrl+Z takes them back on disk, and the next request carries the change', async () => {
    const page = wb.page;
    assert.notEqual(edited(), original('src/totals.ts'), 'the expected text must differ from the file');
    await sidebar.locator('.review-link').click();
    const review = await webviewFrame(page, PANEL_TITLE);
    const hunk = review.locator('.hunk[aria-label^="src/totals.ts, hunk 1 of 1"]');
    await hunk.locator('.range').click();
    await page.keyboard.press('e');
    const area = hunk.locator('textarea.edit-input');
    await area.waitFor();
    assert.equal(await area.inputValue(), PROPOSED, 'the edit box must hold the proposed lines');
    await area.fill(MINE);
    await wb.screenshot('review-edit-hunk-dark');
    await wb.setTheme(LIGHT);
    await wb.screenshot('review-edit-hunk-light');
    await wb.setTheme(DARK);
    await page.locator('.tabs-container .tab', { hasText: 'Review: Build' }).click();
    await area.click();
    assert.equal(await area.inputValue(), MINE, 'the draft must survive a theme change');

    await page.keyboard.press('Control+Enter');
    await waitUntil('the edited text on disk', () => onDisk('src/totals.ts') === edited(), 20_000);
    await hunk.locator('.badge', { hasText: 'Accepted with your edits' }).waitFor({ timeout: 20_000 });
    await wb.screenshot('review-edit-accepted-dark');

    await openInEditor(page, 'src/totals.ts');
    await page.locator('.monaco-editor[data-uri$="/src/totals.ts"] .view-line', { hasText: 'The total a customer pays' }).click();
    await page.keyboard.press('Control+Z');
    await waitUntil('one Ctrl+Z to restore the file on disk', () => onDisk('src/totals.ts') === original('src/totals.ts'), 20_000);
    await waitUntil('the undone file to be saved', async () => (await dirtyTabs()) === 0, 20_000);
    await page.keyboard.press('Control+Shift+Z');
    await waitUntil(
      () => `the redone edit on disk; the file holds ${JSON.stringify(onDisk('src/totals.ts'))}`,
      () => onDisk('src/totals.ts') === edited(),
      30_000,
    );

    const asked = wb.model?.messageRequests().length ?? 0;
    await openRedlineSidebar(page);
    const box = sidebar.getByLabel('Tell the agent what to do next');
    await box.fill('Go on with the next step.');
    await box.press('Enter');
    await waitUntil('the continued run to ask the model', () => (wb.model?.messageRequests().length ?? 0) > asked, 60_000);
    const body = JSON.stringify(wb.model?.messageRequests()[asked]?.body);
    assert.match(body, /edited these proposals before accepting them/, 'the next request must say the user edited a proposal');
    assert.ok(body.includes('-export const TAX_RATE = 0.21;'), 'the next request must carry the proposed line');
    assert.ok(body.includes('+export const TAX_RATE = 0.25; // the rate from finance'), "the next request must carry the user's line");
  });
});
