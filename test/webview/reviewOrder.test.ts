import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import type { FrameLocator } from 'playwright-core';
import { DARK, LIGHT, openRedlineSidebar, openWorkbench, repoRoot, screenshotOnFailure, webviewFrame, type Workbench } from './support/workbench';

const TEMPLATE = path.join(repoRoot, 'test', 'fixtures', 'readingOrderWorkspace');
const SCRIPT = path.join(repoRoot, 'test', 'fixtures', 'agent', 'readingOrderScript.json');
const PANEL_TITLE = 'Review: Build: Cart totals by quantity';
const INTENT = 'Count every unit in the subtotal';
const SECOND = 'Cover the empty cart and lock the new version';

// The reading order of a build whose four edits state two intents: a tripwire hunk (a lint
// suppression in src/totals.ts) and source for the first, a test and a lockfile for the second,
// which comes first in the files. The tests run in order.
describe('Review panel reading order in the workbench', function () {
  let wb: Workbench;
  let review: FrameLocator;
  const where = async () => (await review.locator('.where').textContent()) ?? '';
  const lockLine = () => review.locator('.collapsed-file');

  /** The list as the reader sees it, top to bottom: `# group`, `F file`, `= collapsed line`, `H hunk's file`. */
  async function shown(): Promise<string[]> {
    return review.locator('main.hunks').evaluate((main) => {
      const parts = [...main.querySelectorAll('.group-head, .file-head, .hunk')].sort((a, b) => a.getBoundingClientRect().top - b.getBoundingClientRect().top);
      return parts.map((el) => {
        if (el.classList.contains('group-head')) return `# ${[...el.querySelectorAll('h3, .reason')].map((e) => e.textContent).join(' · ')}`;
        if (el.classList.contains('collapsed-file')) return `= ${el.querySelector('.toggle-file')?.textContent ?? ''}`;
        if (el.classList.contains('file-head')) return `F ${el.querySelector('h2')?.getAttribute('title') ?? ''}`;
        return `H ${(el.getAttribute('aria-label') ?? '').split(',')[0]}`;
      });
    });
  }

  async function keys(...pressed: string[]): Promise<void> {
    await review.locator('.hunk.focused .range').click();
    for (const key of pressed) await wb.page.keyboard.press(key);
  }

  before(async () => {
    wb = await openWorkbench({ theme: DARK, workspaceTemplate: TEMPLATE, model: SCRIPT, settings: { 'files.autoSave': 'off' } });
    const sidebar = await openRedlineSidebar(wb.page);
    await sidebar.getByRole('button', { name: /^Cart totals by quantity/ }).click({ timeout: 30_000 });
    await sidebar.getByRole('button', { name: 'Build', exact: true }).click();
    await sidebar.getByText('Build · done').waitFor({ timeout: 60_000 });
    await sidebar.locator('.review-link').click();
    review = await webviewFrame(wb.page, PANEL_TITLE);
    await review.locator('.hunk.focused').waitFor({ timeout: 30_000 });
  });
  after(async () => {
    await wb?.close();
  });
  screenshotOnFailure(() => wb);

  it('reads the tripwire hunk first, then source, the test, and the lockfile as one line, each group saying why', async () => {
    // The list mounts what is off screen in idle time: wait for the last line to be there.
    await review.locator('.collapsed-file').waitFor({ timeout: 15_000 });
    assert.deepEqual(await shown(), [
      `# ${INTENT} · flagged: 1 tripwire`,
      'F src/totals.ts',
      'H src/totals.ts',
      `# ${INTENT} · source`,
      'F src/cart.ts',
      'H src/cart.ts',
      `# ${SECOND} · tests`,
      'F test/cart.test.ts',
      'H test/cart.test.ts',
      `# ${SECOND} · generated, collapsed`,
      '= package-lock.json: 2 lines, generated',
    ]);
    assert.equal(await review.locator('[data-action="order"]').getAttribute('aria-pressed'), 'true', 'reading order is not the default');
    assert.equal(await where(), 'src/totals.ts · hunk 1 of 1 · 1 / 3', 'the first hunk read is not the flagged one');
    await wb.screenshot('review-order-dark');
    await keys('j', 'j', 'j');
    assert.equal(await where(), 'test/cart.test.ts · hunk 1 of 1 · 3 / 3', 'paging went into the collapsed lockfile');
    await wb.screenshot('review-order-end-dark');
    await wb.setTheme(LIGHT);
    await keys('g');
    await wb.screenshot('review-order-light');
    await wb.setTheme(DARK);
  });

  it('opens the lockfile from its line into the paging, closes it again, and accepts it from there one by one', async () => {
    await lockLine().locator('.toggle-file').click();
    await review.locator('.where', { hasText: 'package-lock.json · hunk 1 of 1 · 4 / 4' }).waitFor();
    assert.equal(await lockLine().locator('.toggle-file').getAttribute('aria-expanded'), 'true');
    await keys('k');
    assert.equal(await where(), 'test/cart.test.ts · hunk 1 of 1 · 3 / 4');
    await lockLine().locator('.toggle-file').focus();
    await wb.page.keyboard.press('Enter');
    await review.locator('.where', { hasText: / · 3 \/ 3$/ }).waitFor();
    assert.equal(await lockLine().locator('.toggle-file').getAttribute('aria-expanded'), 'false', 'Enter did not close the line');
    assert.equal((await lockLine().locator('.badge.flag').textContent())?.trim(), '2 flagged', 'the line hides the lockfile flags');
    // A lockfile is a protected path: accepted one by one, so the line shows it instead of accepting.
    await lockLine().getByRole('button', { name: 'Accept every hunk of package-lock.json' }).click();
    await review.locator('.notice', { hasText: 'package-lock.json is a protected path: accept its hunks one by one (a).' }).waitFor();
    await review.locator('.where', { hasText: 'package-lock.json · hunk 1 of 1 · 4 / 4' }).waitFor();
    await keys('a');
    await review.locator('.progress-text', { hasText: /^1 \/ 4 decided/ }).waitFor();
    await lockLine().locator('.count', { hasText: '0 open' }).waitFor();
  });

  it('o switches to file order and back, and the key list says so', async () => {
    await keys('o');
    assert.deepEqual(await shown(), [
      'F package-lock.json',
      'H package-lock.json',
      'F src/cart.ts',
      'H src/cart.ts',
      'F src/totals.ts',
      'H src/totals.ts',
      'F test/cart.test.ts',
      'H test/cart.test.ts',
    ]);
    assert.equal(await review.locator('[data-action="order"]').getAttribute('aria-pressed'), 'false');
    await keys('o');
    assert.equal((await shown())[0], `# ${INTENT} · flagged: 1 tripwire`, 'o did not switch back to reading order');
    await wb.page.keyboard.press('?');
    const row = review.locator('.help tr', { has: review.locator('kbd', { hasText: /^o$/ }) });
    assert.match((await row.locator('td').textContent()) ?? '', /^Switch between reading order .* and file order$/);
    await wb.page.keyboard.press('Escape');
  });

  it('keeps the choice of file order when the hidden panel comes back', async () => {
    await keys('o');
    assert.equal(await review.locator('[data-action="order"]').getAttribute('aria-pressed'), 'false');
    // Another tab in front: the review's webview is dropped (no retained context) and rebuilt from its saved view.
    await wb.page.keyboard.press('Control+P');
    await wb.page.keyboard.type('cart.ts');
    await wb.page.locator('.quick-input-list .monaco-list-row', { hasText: 'cart.ts' }).first().click();
    await wb.page.locator('.monaco-editor[data-uri$="/src/cart.ts"]').waitFor();
    await wb.page.locator('.tabs-container .tab', { hasText: PANEL_TITLE }).click();
    review = await webviewFrame(wb.page, PANEL_TITLE);
    await review.locator('.hunk.focused').waitFor({ timeout: 30_000 });
    assert.equal(await review.locator('[data-action="order"]').getAttribute('aria-pressed'), 'false', 'the panel came back in reading order');
    assert.equal((await shown())[0], 'F package-lock.json');
  });
});
