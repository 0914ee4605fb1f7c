import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { FrameLocator, Page } from 'playwright-core';
import { DARK, LIGHT, openRedlineSidebar, openWorkbench, repoRoot, screenshotOnFailure, webviewFrame, type Workbench } from './support/workbench';
import { waitUntil } from './support/waits';

const TEMPLATE = path.join(repoRoot, 'test', 'fixtures', 'reviewWorkspace');
const SCRIPT = path.join(repoRoot, 'test', 'fixtures', 'agent', 'reviewBuildScript.json');
const PANEL_TITLE = 'Review: Build: Cart totals by quantity';
const SUMMARY =
  'Subtotals multiply by quantity, tax is 21 % rounded to cents, and money shows two decimals. The quantity test is skipped until its fixture has quantities.';
const FILES = ['src/cart.ts', 'src/format.ts', 'src/money.ts', 'src/totals.ts', 'test/cart.test.ts'];

/** The text of an open editor as Monaco draws it (the fixture files fit on screen; a final newline is an empty last line). */
async function editorText(page: Page, file: string): Promise<string> {
  const lines = await page.locator(`.monaco-editor[data-uri$="/${file}"] .view-lines .view-line`).evaluateAll((els) =>
    els.map((el) => ({
      top: parseFloat(el.getAttribute('style')?.match(/top:\s*([\d.]+)px/)?.[1] ?? '0'),
      text: (el.textContent ?? '').replace(/\u00a0/g, ' '),
    })),
  );
  return lines
    .sort((a, b) => a.top - b.top)
    .map((l) => l.text)
    .join('\n');
}

// The Review panel in the real workbench: a scripted build run proposes hunks across five files,
// one of them flagged by a tripwire (a test switched off with `.skip`), and the reviewer works
// through them by keys, as a person would. The tests run in order on one changeset.
describe('Review panel in the workbench', function () {
  let wb: Workbench;
  let sidebar: FrameLocator;
  let review: FrameLocator;
  const onDisk = (file: string) => fs.readFileSync(path.join(wb.workspace, file), 'utf8');
  const original = (file: string) => fs.readFileSync(path.join(TEMPLATE, file), 'utf8');
  const where = async () => (await review.locator('.where').textContent()) ?? '';
  const progress = async () => (await review.locator('.progress-text').textContent()) ?? '';
  const hunkOf = (file: string, n: number) => review.locator(`.hunk[aria-label^="${file}, hunk ${n} of "]`);
  const editorTab = (name: string) => wb.page.locator('.tabs-container .tab', { hasText: name });

  /** Puts keyboard focus in the panel, on the hunk in focus, and presses the keys one by one. */
  async function keys(...pressed: string[]): Promise<void> {
    await review.locator('.hunk.focused .range').click();
    for (const key of pressed) await wb.page.keyboard.press(key);
  }

  /** Pages to the hunk whose position line reads `expected`, from the first hunk, by keys. */
  async function goTo(expected: RegExp, ...pressed: string[]): Promise<void> {
    await keys('g', ...pressed);
    const now = await where();
    assert.match(now, expected, `paging ${pressed.join(' ')} from the first hunk ended at "${now}"`);
  }

  before(async () => {
    // The web workbench saves after a delay by default; the desktop default keeps unsaved edits unsaved.
    wb = await openWorkbench({ theme: DARK, workspaceTemplate: TEMPLATE, model: SCRIPT, settings: { 'files.autoSave': 'off' } });
    sidebar = await openRedlineSidebar(wb.page);
  });
  after(async () => {
    await wb?.close();
  });
  screenshotOnFailure(() => wb);

  it('builds the plan and opens its changeset: progress, the run summary and its cost in the header', async () => {
    await sidebar.getByRole('button', { name: /^Cart totals by quantity/ }).click({ timeout: 30_000 });
    await sidebar.getByRole('button', { name: 'Build', exact: true }).click();
    await sidebar.getByText('Build · done').waitFor({ timeout: 60_000 });
    await sidebar.locator('.review-link').click();
    review = await webviewFrame(wb.page, PANEL_TITLE);
    await review.locator('.hunk.focused').waitFor({ timeout: 30_000 });
    assert.equal(await review.locator('.panel-head h1').textContent(), 'Build: Cart totals by quantity');
    assert.equal(await review.locator('.panel-head .summary').textContent(), SUMMARY, 'the run summary is not in the header');
    const runCost = await sidebar.locator('.run-stats .cost').textContent();
    assert.match(runCost ?? '', /^\$0\.0*[1-9]/, `the run cost nothing? "${runCost}"`);
    assert.equal(await review.locator('.panel-head .cost').textContent(), runCost, 'the header shows another cost than the run');
    assert.equal(await progress(), '0 / 7 decided');
    assert.equal(await where(), 'src/cart.ts · hunk 1 of 2 · 1 / 7');
    // Context offered as far as the file goes: 7 lines above line 8, none around all of format.ts.
    assert.equal(await hunkOf('src/cart.ts', 1).locator('.expand.above').textContent(), ' 7 more lines above');
    assert.equal(await hunkOf('src/cart.ts', 1).locator('.expand.below').textContent(), ' 10 more lines below');
    assert.equal(await hunkOf('src/format.ts', 1).locator('.expand').count(), 0, 'more context offered around a whole file');
    for (const file of FILES) assert.equal(onDisk(file), original(file), `${file} changed on disk before any accept`);
  });

  it('refuses Accept all while the flagged hunk has not been looked at, and shows it', async () => {
    await review.getByRole('button', { name: 'Accept every open hunk' }).click();
    await review.locator('.notice', { hasText: /flagged hunks/ }).waitFor();
    assert.match(await where(), /^test\/cart\.test\.ts · hunk 1 of 1/, 'the refusal does not show the flagged hunk');
    const flag = hunkOf('test/cart.test.ts', 1).locator('.badge.flag');
    assert.equal(await flag.textContent(), 'tests-disabled', 'the .skip is not flagged');
    assert.match((await flag.getAttribute('title')) ?? '', /added `it\.skip\(`/, 'the flag does not say what it found');
    // The refusal is the host's answer to the Accept all: whatever it did, it did before answering.
    assert.equal(await progress(), '0 / 7 decided', 'hunks were decided');
    for (const file of FILES) assert.equal(onDisk(file), original(file), `${file} was written by a refused Accept all`);
  });

  it('pages hunk by hunk with j / k and file by file with J / K, the hunk in view and in focus', async () => {
    const steps: [string, string][] = [
      ['g', 'src/cart.ts · hunk 1 of 2 · 1 / 7'],
      ['j', 'src/cart.ts · hunk 2 of 2 · 2 / 7'],
      ['j', 'src/format.ts · hunk 1 of 1 · 3 / 7'],
      ['k', 'src/cart.ts · hunk 2 of 2 · 2 / 7'],
      ['J', 'src/format.ts · hunk 1 of 1 · 3 / 7'],
      ['J', 'src/money.ts · hunk 1 of 2 · 4 / 7'],
      ['J', 'src/totals.ts · hunk 1 of 1 · 6 / 7'],
      ['J', 'test/cart.test.ts · hunk 1 of 1 · 7 / 7'],
      ['K', 'src/totals.ts · hunk 1 of 1 · 6 / 7'],
      ['K', 'src/money.ts · hunk 1 of 2 · 4 / 7'],
      ['k', 'src/format.ts · hunk 1 of 1 · 3 / 7'],
      ['K', 'src/cart.ts · hunk 1 of 2 · 1 / 7'],
    ];
    await keys();
    for (const [key, expected] of steps) {
      await wb.page.keyboard.press(key);
      assert.equal(await where(), expected, `after ${key}`);
      const focused = review.locator('.hunk.focused');
      assert.equal(await focused.count(), 1, `after ${key}: ${await focused.count()} hunks look focused`);
      assert.ok((await focused.getAttribute('aria-label'))?.startsWith(expected.split(' · ')[0] ?? '?'), `after ${key} the focus ring is on another hunk`);
      assert.ok(await focused.evaluate((el) => el === el.ownerDocument.activeElement), `after ${key} the keyboard focus is not on the hunk`);
      const box = await focused.evaluate((el) => {
        const r = el.getBoundingClientRect();
        return { top: r.top, bottom: Math.min(r.bottom, r.top + 80), height: el.ownerDocument.documentElement.clientHeight };
      });
      assert.ok(box.top >= 0 && box.bottom <= box.height, `after ${key} the focused hunk is off screen (${JSON.stringify(box)})`);
    }
  });

  it('accepts a hunk: the file on disk and the open document change, one Undo in the editor restores', async () => {
    await goTo(/^src\/cart\.ts · hunk 1 of 2/);
    await wb.page.keyboard.press('Enter');
    await wb.page.locator('.monaco-editor[data-uri$="/src/cart.ts"]').waitFor();
    assert.equal(await editorText(wb.page, 'src/cart.ts'), original('src/cart.ts'));
    await keys('a');
    await waitUntil('the accept on disk', () => onDisk('src/cart.ts').includes('sum += item.price * item.quantity;'));
    const accepted = original('src/cart.ts').replace('sum += item.price;', 'sum += item.price * item.quantity;');
    assert.equal(onDisk('src/cart.ts'), accepted, 'the file holds more or less than the hunk');
    await waitUntil('the open document to follow', async () => (await editorText(wb.page, 'src/cart.ts')) === accepted);
    await waitUntil('the accepted file to be saved', async () => !(await editorTab('cart.ts').evaluate((el) => el.classList.contains('dirty'))));
    await review.locator('.progress-text', { hasText: /^1 \/ 7 decided/ }).waitFor();
    assert.match(await where(), /^src\/cart\.ts · hunk 2 of 2/, 'the accept did not move on to the next pending hunk');

    await wb.page.locator('.monaco-editor[data-uri$="/src/cart.ts"] .view-line', { hasText: 'export function itemCount' }).click();
    await wb.page.keyboard.press('Control+Z');
    await waitUntil('the undo', async () => (await editorText(wb.page, 'src/cart.ts')) === original('src/cart.ts'));
    // Taking the accept back in the editor gives the hunk back to the review, pending.
    await review.locator('.hunk.st-pending', { has: review.locator('.row.k-add', { hasText: 'item.price * item.quantity' }) }).waitFor();
    assert.match(await progress(), /^0 \/ 7 decided/);
  });

  it('splits a hunk with s and accepts its first half', async () => {
    await goTo(/^src\/totals\.ts · hunk 1 of 1/, 'J', 'J', 'J');
    assert.equal(await review.locator('.hunk.focused .row.k-add').count(), 2, 'the totals hunk should add two lines');
    await wb.page.keyboard.press('s');
    await review.locator('.where', { hasText: /^src\/totals\.ts · hunk 1 of 2 · \d+ \/ 8$/ }).waitFor();
    const first = hunkOf('src/totals.ts', 1);
    await first.waitFor();
    assert.deepEqual(await first.locator('.row.k-add .code').allTextContents(), ['export const TAX_RATE = 0.21;'], 'the first half of the split');
    await keys('a');
    await waitUntil('the half accept on disk', () => onDisk('src/totals.ts').includes('TAX_RATE = 0.21;'));
    assert.equal(onDisk('src/totals.ts'), original('src/totals.ts').replace('TAX_RATE = 0.2;', 'TAX_RATE = 0.21;'), 'more than the first half was written');
    await hunkOf('src/totals.ts', 2).locator('.badge.st-pending').waitFor();
  });

  it('asks for a fix with f: the user pages on while it runs, then the hunk shows revision 2 and its previous one', async () => {
    const comment = 'Use Intl.NumberFormat for the currency';
    await goTo(/^src\/format\.ts · hunk 1 of 1 · 3 \/ 8/, 'j', 'j');
    await wb.page.keyboard.press('f');
    const box = review.getByRole('textbox', { name: 'What should the agent change in this hunk?' });
    await box.waitFor();
    await box.fill(comment);
    await box.press('Enter');
    const format = hunkOf('src/format.ts', 1);
    await format.locator('.fixing').waitFor();
    await wb.page.keyboard.press('j');
    await wb.page.keyboard.press('j');
    await wb.page.keyboard.press('k');
    assert.equal(await where(), 'src/money.ts · hunk 1 of 2 · 4 / 8', 'paging did not go on while the fix runs');
    assert.equal(await format.locator('.fixing').count(), 1, 'the fix was no longer running while the user paged: the test proves nothing');
    assert.match(await progress(), /1 fixing/);

    await format.locator('.rev', { hasText: 'rev 2' }).waitFor({ timeout: 30_000 });
    assert.equal(await where(), 'src/money.ts · hunk 1 of 2 · 4 / 8', 'the revision pulled the focus away');
    assert.equal(await format.locator('.fixing').count(), 0);
    assert.match((await format.locator('.row.k-add .code').allTextContents()).join('\n'), /Intl\.NumberFormat/, 'the revision is not shown');
    assert.equal(onDisk('src/format.ts'), original('src/format.ts'), 'a fix is a proposal: nothing on disk');
    assert.ok(wb.model?.allBodies().includes(comment), 'the comment never reached the model');

    await wb.page.keyboard.press('k');
    await wb.page.keyboard.press('p');
    await format.locator('.note.prev', { hasText: 'Showing revision 1, before the fix' }).waitFor();
    const previous = (await format.locator('.row.k-add .code').allTextContents()).join('\n');
    assert.ok(previous.includes('amount.toFixed(2)') && !previous.includes('Intl'), `the previous revision shows "${previous}"`);
    await wb.page.keyboard.press('p');
    await format.locator('.note.prev').waitFor({ state: 'detached' });
  });

  it("keeps the user's unsaved edit in the same file through an accept", async () => {
    await goTo(/^src\/money\.ts · hunk 1 of 2/, 'J', 'J');
    await wb.page.keyboard.press('Enter');
    const editor = wb.page.locator('.monaco-editor[data-uri$="/src/money.ts"]');
    await editor.locator('.view-line', { hasText: '// Money helpers.' }).click();
    await wb.page.keyboard.press('End');
    await wb.page.keyboard.type(' Amounts are in dollars.');
    await editorTab('money.ts').and(wb.page.locator('.dirty')).waitFor();
    await keys('a');
    const expected = original('src/money.ts')
      .replace('// Money helpers.', '// Money helpers. Amounts are in dollars.')
      .replace('return amount * 100;', 'return Math.round(amount * 100);');
    await waitUntil('the accept in the document', async () => (await editorText(wb.page, 'src/money.ts')) === expected);
    // The panel shows the decision once the host has applied it (and saved, if it were to).
    await hunkOf('src/money.ts', 1).locator('.badge.st-accepted').waitFor();
    assert.equal(onDisk('src/money.ts'), original('src/money.ts'), "a file with the user's unsaved text was saved by the accept");
    assert.ok(await editorTab('money.ts').evaluate((el) => el.classList.contains('dirty')), 'the document lost its unsaved state');
  });

  it('marks a hunk stale when the user edits its lines, and refuses to accept it', async () => {
    const editor = wb.page.locator('.monaco-editor[data-uri$="/src/money.ts"]');
    await editor.locator('.view-line', { hasText: 'return cents / 100;' }).click();
    await wb.page.keyboard.press('End');
    await wb.page.keyboard.type(' // exact');
    const stale = hunkOf('src/money.ts', 2);
    await stale.locator('.badge.st-stale').waitFor();
    await stale.locator('.range').click();
    await wb.page.keyboard.press('a');
    // The refusal is the host's answer to the accept: whatever it did, it did before answering.
    await review.locator('.notice', { hasText: /stale and cannot be accepted/ }).waitFor();
    const text = await editorText(wb.page, 'src/money.ts');
    assert.ok(text.includes('return cents / 100; // exact') && !text.includes('Math.round(cents)'), `the stale hunk was applied:\n${text}`);
    assert.equal(await stale.locator('.badge.st-stale').count(), 1, 'the hunk is no longer marked stale');
    assert.match(await progress(), /· 1 stale/);
  });

  it('screenshots: unified and side by side, dark and light', async () => {
    await goTo(/^src\/format\.ts/, 'j', 'j');
    // The panel shares the editor area with the file now: titles and paths still read in full.
    const clipped = (selector: string) =>
      review.locator(selector).evaluateAll((els) => els.filter((el) => el.scrollWidth > el.clientWidth).map((el) => el.textContent));
    assert.deepEqual(await clipped('.panel-head h1'), [], 'the title is cut short');
    assert.deepEqual(await clipped('.file-head h2'), [], 'file paths are cut short');
    await wb.screenshot('review-panel-unified-dark');
    await wb.page.keyboard.press('l');
    await review.locator('.hunk.focused .sbs').waitFor();
    await wb.screenshot('review-panel-split-dark');
    await wb.setTheme(LIGHT);
    await keys();
    await wb.screenshot('review-panel-split-light');
    await wb.page.keyboard.press('l');
    await wb.screenshot('review-panel-unified-light');
    await wb.setTheme(DARK);
  });

  it("refreshes the stale hunk: it shows the user's line as what it replaces, and then accepts", async () => {
    await goTo(/^src\/money\.ts · hunk 2 of 2/, 'J', 'J', 'j');
    const stale = hunkOf('src/money.ts', 2);
    await stale.getByRole('button', { name: /^Refresh/ }).click();
    await stale.locator('.badge.st-pending').waitFor();
    assert.equal(await stale.locator('.rev').textContent(), 'rev 2', 'a refresh is a new revision');
    assert.deepEqual(
      await stale.locator('.row.k-del .code').allTextContents(),
      ['  return cents / 100; // exact'],
      "the refreshed hunk does not replace the user's line",
    );
    await keys('a');
    await waitUntil('the refreshed hunk in the document', async () =>
      (await editorText(wb.page, 'src/money.ts')).includes('  return Math.round(cents) / 100;\n}'),
    );
    assert.ok(!(await editorText(wb.page, 'src/money.ts')).includes('// exact'), 'the accept left the line it replaced');
  });

  it('rejects with a reason, and the model hears the reason in its next request', async () => {
    const reason = 'Keep itemCount() and the word items';
    await goTo(/^src\/cart\.ts · hunk 2 of 2/, 'j');
    await wb.page.keyboard.press('r');
    const box = review.getByRole('textbox', { name: /Why reject it/ });
    await box.fill(reason);
    await box.press('Enter');
    const rejected = hunkOf('src/cart.ts', 2);
    await rejected.locator('.badge.st-rejected').waitFor();
    assert.equal(await rejected.locator('.note.reason').textContent(), `Rejected: ${reason}`);
    assert.ok(onDisk('src/cart.ts').includes('${itemCount(items)} items'), 'a rejection wrote the file');
    assert.match(await progress(), /^4 \/ 8 decided$/);

    const before = wb.model?.messageRequests().length ?? 0;
    assert.ok(!wb.model?.allBodies().includes(reason), 'the reason reached the model before anything asked it');
    await sidebar.getByRole('button', { name: 'Build again', exact: true }).click();
    await waitUntil('the next request to the model', () => (wb.model?.messageRequests().length ?? 0) > before, 60_000);
    const next = wb.model?.messageRequests()[before]?.raw ?? '';
    assert.ok(next.includes(reason), 'the rejection reason is missing from the next request');
    assert.ok(next.includes('in src/cart.ts'), 'the next request does not say which file the rejection was in');
  });
});
