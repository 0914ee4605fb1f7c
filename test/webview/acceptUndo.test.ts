import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { FrameLocator } from 'playwright-core';
import { DARK, openRedlineSidebar, openWorkbench, repoRoot, screenshotOnFailure, webviewFrame, type Workbench } from './support/workbench';
import { openInEditor, waitUntil } from './support/waits';

const TEMPLATE = path.join(repoRoot, 'test', 'fixtures', 'reviewWorkspace');
const SCRIPT = path.join(repoRoot, 'test', 'fixtures', 'agent', 'reviewBuildScript.json');
const PANEL_TITLE = 'Review: Build: Cart totals by quantity';
const FILES = ['src/cart.ts', 'src/format.ts', 'src/money.ts', 'src/totals.ts', 'test/cart.test.ts'];
const TOTALS_ACCEPTED = 'export const TAX_RATE = 0.21;';

// Undo in the editor right after an accept takes the accept back completely: the buffer and the
// file on disk hold the text from before, nothing is left unsaved, and the hunk is pending again.
// A scripted build proposes seven hunks over five files; the tests run in order on its changeset.
describe('Undo in the editor after an accept', function () {
  let wb: Workbench;
  let sidebar: FrameLocator;
  const onDisk = (file: string) => fs.readFileSync(path.join(wb.workspace, file), 'utf8');
  const original = (file: string) => fs.readFileSync(path.join(TEMPLATE, file), 'utf8');
  const dirtyTabs = () => wb.page.locator('.tabs-container .tab.dirty').count();

  before(async () => {
    // Auto save off, the desktop default: an undone accept that is not saved shows as a dirty tab.
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

  it('Ctrl+Z right after a CodeLens accept leaves the file as it was, on disk too, and the hunk pending; Ctrl+Shift+Z accepts it again', async () => {
    const page = wb.page;
    await openInEditor(page, 'src/totals.ts');
    const editor = page.locator('.monaco-editor[data-uri$="/src/totals.ts"]').first();
    const accept = editor.locator('.codelens-decoration a', { hasText: /^Accept$/ });
    await accept.first().waitFor({ timeout: 30_000 });
    await accept.first().click();
    await waitUntil('the accept on disk', () => onDisk('src/totals.ts').includes(TOTALS_ACCEPTED));
    await accept.first().waitFor({ state: 'detached', timeout: 20_000 });
    await waitUntil('the accept to be saved', async () => (await dirtyTabs()) === 0, 20_000);

    await editor.locator('.view-line', { hasText: 'The total a customer pays' }).click();
    await page.keyboard.press('Control+Z');
    await waitUntil('the file on disk to be as before the accept', () => onDisk('src/totals.ts') === original('src/totals.ts'), 20_000);
    await waitUntil('the undone file to be saved', async () => (await dirtyTabs()) === 0, 20_000);
    // The hunk is pending again: its lens offers the accept once more.
    await accept.first().waitFor({ timeout: 20_000 });

    await page.keyboard.press('Control+Shift+Z');
    await waitUntil('the redone accept on disk', () => onDisk('src/totals.ts').includes(TOTALS_ACCEPTED), 20_000);
    await waitUntil('the redone file to be saved', async () => (await dirtyTabs()) === 0, 20_000);
    await accept.first().waitFor({ state: 'detached', timeout: 20_000 });
  });

  it('Ctrl+Z in the editor after Accept all in the Review panel takes every file back on disk, every hunk pending again', async () => {
    const page = wb.page;
    await sidebar.locator('.review-link').click();
    const review = await webviewFrame(page, PANEL_TITLE);
    await review.locator('.hunk.focused').waitFor({ timeout: 30_000 });
    const acceptAll = review.getByRole('button', { name: 'Accept every open hunk' });
    // The first press shows the flagged hunk (it must be looked at), the second accepts.
    await acceptAll.click();
    await review.locator('.notice', { hasText: /flagged hunks/ }).waitFor();
    await acceptAll.click();
    await review.locator('.progress-text', { hasText: /^7 \/ 7 decided/ }).waitFor({ timeout: 30_000 });
    for (const file of FILES) assert.notEqual(onDisk(file), original(file), `${file} was not accepted`);
    const before = Object.fromEntries(FILES.map((f) => [f, onDisk(f)]));

    await openInEditor(page, 'src/cart.ts');
    await page.locator('.monaco-editor[data-uri$="/src/cart.ts"] .view-line', { hasText: 'export function itemCount' }).click();
    await page.keyboard.press('Control+Z');
    // One Accept all over five files is one workspace undo step: VS Code asks whether to take it back everywhere.
    const everywhere = page.locator('.monaco-dialog-box .monaco-button', { hasText: /^Undo in \d+ Files$/ });
    await everywhere.click({ timeout: 10_000 }).catch(() => undefined);
    for (const file of FILES.filter((f) => f !== 'src/totals.ts')) {
      await waitUntil(`${file} on disk to be as before Accept all`, () => onDisk(file) === original(file), 20_000);
    }
    assert.equal(onDisk('src/totals.ts'), before['src/totals.ts'], 'the earlier accept of totals.ts was taken back too');
    await waitUntil('the undone files to be saved', async () => (await dirtyTabs()) === 0, 20_000);
    // The accept of totals.ts came before Accept all and stands; the six others are pending again.
    await page.locator('.tabs-container .tab', { hasText: 'Review: Build' }).click();
    const shown = await webviewFrame(page, PANEL_TITLE);
    await shown.locator('.progress-text', { hasText: /^1 \/ 7 decided/ }).waitFor({ timeout: 20_000 });
  });
});
