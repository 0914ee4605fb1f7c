import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DARK, LIGHT, openRedlineSidebar, openWorkbench, screenshotOnFailure, type Workbench } from './support/workbench';

describe('Plan view in the workbench', function () {
  let wb: Workbench;
  before(async () => {
    wb = await openWorkbench({ theme: DARK });
  });
  after(async () => {
    await wb?.close();
  });
  screenshotOnFailure(() => wb);

  it('opens from the activity bar and shows the empty state', async () => {
    const frame = await openRedlineSidebar(wb.page);
    await frame.getByText('No plans yet').waitFor({ timeout: 30_000 });
    const button = frame.getByRole('button', { name: 'New plan' });
    assert.equal(await button.count(), 1, 'the empty state has no New plan button');
    await wb.screenshot('plan-empty-dark');
  });

  it('creates a plan from the button and opens it', async () => {
    const frame = await openRedlineSidebar(wb.page);
    await frame.getByRole('button', { name: 'New plan' }).click();
    const input = wb.page.locator('.quick-input-widget input');
    await input.waitFor();
    await input.fill('Add a CSV parser');
    await input.press('Enter');
    const file = path.join(wb.workspace, '.redline', 'plans', 'add-a-csv-parser.md');
    // The new plan opens in the panel under its title.
    await frame.getByText('Add a CSV parser', { exact: true }).first().waitFor({ timeout: 30_000 });
    assert.ok(fs.existsSync(file), `plan file was not written at ${file}`);
    await wb.setTheme(LIGHT);
    await wb.screenshot('plan-list-light');
  });
});
