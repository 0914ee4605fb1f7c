import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { openInEditor, waitUntil } from './support/waits';
import { DARK, LIGHT, openRedlineSidebar, openWorkbench, repoRoot, screenshotOnFailure, webviewFrame, type Workbench } from './support/workbench';

const TEMPLATE = path.join(repoRoot, 'test', 'fixtures', 'reviewWorkspace');
const SCRIPT = path.join(repoRoot, 'test', 'fixtures', 'agent', 'reviewBuildScript.json');
const PANEL_TITLE = 'Review: Build: Cart totals by quantity';
const FILES = ['src/cart.ts', 'src/format.ts', 'src/money.ts', 'src/totals.ts', 'test/cart.test.ts'];
const EDITED = 'src/money.ts';

// Rewind Accepted Hunks from the palette, in the real workbench: a scripted build's seven hunks over
// five files accepted, one file edited by the user afterwards; the rewind takes the other four back
// on disk and leaves the edited one, and one Ctrl+Z in the editor puts every accept back.
describe('Rewind Accepted Hunks in the workbench', function () {
  let wb: Workbench;
  const onDisk = (file: string) => fs.readFileSync(path.join(wb.workspace, file), 'utf8');
  const original = (file: string) => fs.readFileSync(path.join(TEMPLATE, file), 'utf8');
  const dirtyTabs = () => wb.page.locator('.tabs-container .tab.dirty').count();

  before(async () => {
    wb = await openWorkbench({ theme: DARK, workspaceTemplate: TEMPLATE, model: SCRIPT, settings: { 'files.autoSave': 'off' } });
    const sidebar = await openRedlineSidebar(wb.page);
    await sidebar.getByRole('button', { name: /^Cart totals by quantity/ }).click({ timeout: 30_000 });
    await sidebar.getByRole('button', { name: 'Build', exact: true }).click();
    await sidebar.getByText('Build · done').waitFor({ timeout: 60_000 });
    await sidebar.locator('.review-link').click();
  });
  after(async () => {
    await wb?.close();
  });
  screenshotOnFailure(() => wb);

  it('from the palette: every accept taken back but the edited file, in one step that one Ctrl+Z undoes', async () => {
    const page = wb.page;
    const review = await webviewFrame(page, PANEL_TITLE);
    await review.locator('.hunk.focused').waitFor({ timeout: 30_000 });
    const acceptAll = review.getByRole('button', { name: 'Accept every open hunk' });
    // The first press shows the flagged hunk (it must be looked at), the second accepts.
    await acceptAll.click();
    await review.locator('.notice', { hasText: /flagged hunks/ }).waitFor();
    await acceptAll.click();
    await review.locator('.progress-text', { hasText: /^7 \/ 7 decided/ }).waitFor({ timeout: 30_000 });
    await waitUntil('the accepts to be saved', async () => (await dirtyTabs()) === 0, 20_000);
    const accepted = Object.fromEntries(FILES.map((f) => [f, onDisk(f)]));
    for (const f of FILES) assert.notEqual(accepted[f], original(f), `${f} was not accepted`);

    // The user edits one accepted file and saves it.
    await openInEditor(page, EDITED);
    await page.locator(`.monaco-editor[data-uri$="/${EDITED}"] .view-line`, { hasText: 'Money helpers' }).click();
    await page.keyboard.press('End');
    await page.keyboard.type(' (checked by hand)');
    await page.keyboard.press('Control+S');
    await waitUntil('the edit to be saved', () => onDisk(EDITED).includes('(checked by hand)'), 20_000);
    const typed = onDisk(EDITED);

    await openInEditor(page, 'src/cart.ts');
    await wb.runCommand('Redline: Rewind Accepted Hunks…');
    const everything = page.locator('.quick-input-list .monaco-list-row', { hasText: 'all accepted hunks' });
    await everything.waitFor({ timeout: 10_000 });
    await wb.screenshot('rewind-points-dark');
    await page.keyboard.press('Escape');
    await wb.setTheme(LIGHT);
    await wb.runCommand('Redline: Rewind Accepted Hunks…');
    await everything.waitFor({ timeout: 10_000 });
    await wb.screenshot('rewind-points-light');
    await everything.click();
    for (const f of FILES.filter((f) => f !== EDITED)) {
      await waitUntil(`${f} on disk to be as before the accepts`, () => onDisk(f) === original(f), 20_000);
    }
    assert.equal(onDisk(EDITED), typed, 'the file the user edited must be left as it is');
    const told = page.locator('.notification-list-item', { hasText: `Left ${EDITED} as it is` }).first();
    await told.waitFor({ timeout: 15_000 }).catch(() => wb.runCommand('Notifications: Show Notifications'));
    await told.waitFor({ timeout: 15_000 });
    await waitUntil('the rewound files to be saved', async () => (await dirtyTabs()) === 0, 20_000);

    await page.locator('.monaco-editor[data-uri$="/src/cart.ts"] .view-line', { hasText: 'export function itemCount' }).click();
    await page.keyboard.press('Control+Z');
    // The rewind spans four files, one workspace undo step: VS Code asks whether to take it back everywhere.
    await page
      .locator('.monaco-dialog-box .monaco-button', { hasText: /^Undo in \d+ Files$/ })
      .click({ timeout: 10_000 })
      .catch(() => undefined);
    for (const f of FILES) await waitUntil(`${f} on disk to hold its accepts again`, () => onDisk(f) === (f === EDITED ? typed : accepted[f]), 20_000);
    await waitUntil('the undone files to be saved', async () => (await dirtyTabs()) === 0, 20_000);
  });
});
