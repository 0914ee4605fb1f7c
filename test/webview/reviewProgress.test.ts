import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import type { FrameLocator } from 'playwright-core';
import { DARK, LIGHT, openRedlineSidebar, openWorkbench, repoRoot, screenshotOnFailure, webviewFrame, type Workbench } from './support/workbench';

const TEMPLATE = path.join(repoRoot, 'test', 'fixtures', 'reviewWorkspace');
const SCRIPT = path.join(repoRoot, 'test', 'fixtures', 'agent', 'reviewBuildScript.json');
const PANEL_TITLE = 'Review: Build: Cart totals by quantity';

// Progress in the Review panel on the scripted build's seven hunks (one flagged by a tripwire):
// what is left that matters, n / N over the undecided hunks, and seen marks that outlive a new
// revision of the changeset unless the hunk's own lines changed. The tests run in order.
describe('Review panel progress in the workbench', function () {
  let wb: Workbench;
  let sidebar: FrameLocator;
  let review: FrameLocator;
  const where = async () => (await review.locator('.where').textContent()) ?? '';
  const hunkOf = (file: string, n: number) => review.locator(`.hunk[aria-label^="${file}, hunk ${n} of "]`);
  const acceptAllText = async () => (await review.locator('[data-action="acceptAll"]').textContent()) ?? '';

  async function openReview(): Promise<void> {
    await sidebar.locator('.review-link').click();
    review = await webviewFrame(wb.page, PANEL_TITLE);
    await review.locator('.hunk.focused').waitFor({ timeout: 30_000 });
  }

  async function keys(...pressed: string[]): Promise<void> {
    await review.locator('.hunk.focused .range').click();
    for (const key of pressed) await wb.page.keyboard.press(key);
  }

  before(async () => {
    wb = await openWorkbench({ theme: DARK, workspaceTemplate: TEMPLATE, model: SCRIPT, settings: { 'files.autoSave': 'off' } });
    sidebar = await openRedlineSidebar(wb.page);
    await sidebar.getByRole('button', { name: /^Cart totals by quantity/ }).click({ timeout: 30_000 });
    await sidebar.getByRole('button', { name: 'Build', exact: true }).click();
    await sidebar.getByText('Build · done').waitFor({ timeout: 60_000 });
    await openReview();
  });
  after(async () => {
    await wb?.close();
  });
  screenshotOnFailure(() => wb);

  it('says what is left that matters: flagged hunks left beside the count, and what Accept all would write', async () => {
    assert.equal(await review.locator('.progress-text').textContent(), '0 / 7 decided');
    assert.equal((await review.locator('.flagged-left').textContent())?.trim(), '1 flagged left');
    assert.equal(await acceptAllText(), 'Accept all (7)');
    await keys('a');
    await review.locator('.progress-text', { hasText: /^1 \/ 7 decided/ }).waitFor();
    assert.equal(await acceptAllText(), 'Accept all (6)', 'Accept all still counts the accepted hunk');
    assert.equal((await review.locator('.flagged-left').textContent())?.trim(), '1 flagged left');
  });

  it('n goes from the first undecided hunk to the last, skipping decided ones, then round with a note; N goes back', async () => {
    await keys('g');
    assert.equal(await where(), 'src/cart.ts · hunk 1 of 2 · 1 / 7');
    const expected = [
      'src/cart.ts · hunk 2 of 2 · 2 / 7',
      'src/format.ts · hunk 1 of 1 · 3 / 7',
      'src/money.ts · hunk 1 of 2 · 4 / 7',
      'src/money.ts · hunk 2 of 2 · 5 / 7',
      'src/totals.ts · hunk 1 of 1 · 6 / 7',
      'test/cart.test.ts · hunk 1 of 1 · 7 / 7',
    ];
    for (const [i, position] of expected.entries()) {
      await wb.page.keyboard.press('n');
      assert.equal(await where(), position, `n number ${i + 1} went elsewhere`);
      assert.equal(await review.locator('.notice').textContent(), '', `n number ${i + 1} said something before going round`);
    }
    await wb.page.keyboard.press('n');
    assert.equal(await where(), expected[0], 'n did not go round to the first undecided hunk (the accepted one is skipped)');
    await review.locator('.notice', { hasText: 'First undecided hunk again.' }).waitFor();
    await wb.page.keyboard.press('N');
    assert.equal(await where(), expected[5]);
    await review.locator('.notice', { hasText: 'Last undecided hunk again.' }).waitFor();
    await wb.page.keyboard.press('?');
    const help = review.locator('.help');
    assert.equal(
      await help
        .locator('tr', { has: review.locator('kbd', { hasText: /^n$/ }) })
        .locator('td')
        .textContent(),
      'Next undecided hunk (pending or stale), wrapping at the end',
    );
    assert.equal(await help.locator('tr', { has: review.locator('kbd', { hasText: /^Shift\+N$/ }) }).count(), 1, 'N is not in the key list');
    await wb.page.keyboard.press('Escape');
  });

  it('marks a viewed hunk; a fix that changes one hunk keeps the others viewed and marks it changed since you saw it', async () => {
    assert.equal(await hunkOf('src/money.ts', 1).locator('.seen-mark.viewed').isVisible(), true, 'a hunk n went through is not marked viewed');
    await keys('g', 'n', 'n');
    assert.equal(await where(), 'src/format.ts · hunk 1 of 1 · 3 / 7');
    await wb.page.keyboard.press('f');
    const box = review.getByRole('textbox', { name: 'What should the agent change in this hunk?' });
    await box.fill('Use Intl.NumberFormat for the currency');
    await box.press('Enter');
    const format = hunkOf('src/format.ts', 1);
    await format.locator('.rev', { hasText: 'rev 2' }).waitFor({ timeout: 30_000 });
    await format.locator('.seen-mark.changed', { hasText: 'changed since you saw it' }).waitFor();
    assert.equal(await format.locator('.seen-mark.viewed').isVisible(), false, 'the changed hunk still says viewed');
    assert.equal(await hunkOf('src/money.ts', 1).locator('.seen-mark.viewed').isVisible(), true, 'the fix cleared the mark of a hunk it left alone');
    await wb.screenshot('review-progress-dark');

    // A new panel knows only what the host kept: its marks survived the revision they should.
    await wb.runCommand('View: Close Editor');
    await openReview();
    await hunkOf('src/format.ts', 1).locator('.seen-mark.changed').waitFor();
    await hunkOf('src/money.ts', 1).locator('.seen-mark.viewed').waitFor();
    // Scrolled to, not focused: focusing a hunk would mark it here and prove nothing.
    const scrollTo = (top: 'top' | 'bottom') =>
      review.locator('main.hunks').evaluate((el, where) => {
        el.scrollTop = where === 'top' ? 0 : el.scrollHeight;
      }, top);
    await scrollTo('bottom');
    await hunkOf('test/cart.test.ts', 1).waitFor();
    assert.equal(await hunkOf('test/cart.test.ts', 1).locator('.seen-mark.viewed').isVisible(), true, 'the flagged hunk lost its mark');
    await scrollTo('top');
    await hunkOf('src/cart.ts', 1).waitFor();
    assert.equal(await hunkOf('src/cart.ts', 1).locator('.seen-mark.viewed').isVisible(), true, 'the accepted hunk lost its mark');

    // Looked at again and left: viewed as it is now.
    await keys('g', 'n', 'n');
    assert.equal(await where(), 'src/format.ts · hunk 1 of 1 · 3 / 7');
    await wb.page.keyboard.press('n');
    await hunkOf('src/format.ts', 1).locator('.seen-mark.viewed').waitFor();
    assert.equal(await hunkOf('src/format.ts', 1).locator('.seen-mark.changed').isVisible(), false);
  });

  it('screenshots: the header and the marks in the light theme', async () => {
    await wb.setTheme(LIGHT);
    await keys('g', 'n', 'n');
    await wb.screenshot('review-progress-light');
    await wb.setTheme(DARK);
  });
});
