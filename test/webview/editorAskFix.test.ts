import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Locator } from 'playwright-core';
import { DARK, openRedlineSidebar, openWorkbench, repoRoot, screenshotOnFailure, type Workbench } from './support/workbench';

const TEMPLATE = path.join(repoRoot, 'test', 'fixtures', 'reviewWorkspace');
const SCRIPT = path.join(repoRoot, 'test', 'fixtures', 'agent', 'reviewBuildScript.json');
const FILE = 'src/totals.ts';
const REQUEST = 'Round the tax to cents too';
// Run in the page. The reply box is a small Monaco editor: its keys go to a textarea or an EditContext div.
const IN_REPLY_BOX = `(() => {
  const active = document.activeElement;
  const editable = active?.tagName === 'TEXTAREA' || active?.classList.contains('native-edit-context') === true;
  return editable && active.closest('.review-widget .comment-form') !== null;
})()`;
const FOCUS_CHAIN = `(() => {
  const chain = [];
  for (let el = document.activeElement; el && chain.length < 6; el = el.parentElement) chain.push(el.tagName + '.' + el.className);
  return chain.join(' < ');
})()`;

// *Ask fix* on a hunk in the ordinary editor opens a comment thread at the hunk. The user's next
// keystrokes are the request: they belong in the thread's reply box, never in the source file.
describe('Ask fix from the editor', function () {
  let wb: Workbench;

  before(async () => {
    // Auto save off: a keystroke that lands in the file shows as a dirty tab and unsaved text.
    wb = await openWorkbench({ theme: DARK, workspaceTemplate: TEMPLATE, model: SCRIPT, settings: { 'files.autoSave': 'off' } });
    const sidebar = await openRedlineSidebar(wb.page);
    await sidebar.getByRole('button', { name: /^Cart totals by quantity/ }).click({ timeout: 30_000 });
    await sidebar.getByRole('button', { name: 'Build', exact: true }).click();
    await sidebar.getByText('Build · done').waitFor({ timeout: 60_000 });
  });
  after(async () => {
    await wb?.close();
  });
  screenshotOnFailure(() => wb);

  /** The lines Monaco draws for the open editor of `file`, top to bottom. */
  async function editorLines(editor: Locator): Promise<string> {
    // The comment widget's reply box is an editor of its own inside this one: its lines are not the file's.
    const lines = await editor.locator('.view-lines .view-line').evaluateAll((els) =>
      els
        .filter((el) => el.closest('.review-widget') === null)
        .map((el) => ({
          top: parseFloat(el.getAttribute('style')?.match(/top:\s*([\d.]+)px/)?.[1] ?? '0'),
          text: (el.textContent ?? '').replace(/\u00a0/g, ' '),
        })),
    );
    return lines
      .sort((a, b) => a.top - b.top)
      .map((l) => l.text)
      .join('\n');
  }

  it('puts the focus in the thread’s reply box, so the request is typed there and the file stays as it was', async () => {
    const page = wb.page;
    await page.keyboard.press('Control+P');
    await page.locator('.quick-input-widget input').fill(FILE);
    await page.locator('.quick-input-list .monaco-list-row', { hasText: 'totals.ts' }).first().click();
    const editor = page.locator(`.monaco-editor[data-uri$="/${FILE}"]`).first();
    const lens = editor.locator('.codelens-decoration a', { hasText: 'Ask fix' }).first();
    await lens.waitFor({ timeout: 30_000 });
    const before = await editorLines(editor);
    const onDisk = fs.readFileSync(path.join(wb.workspace, FILE), 'utf8');

    await lens.click();
    const replyBox = page.locator('.review-widget .comment-form').first();
    await replyBox.waitFor({ timeout: 30_000 });
    const focused = await page.waitForFunction(IN_REPLY_BOX, undefined, { timeout: 10_000 }).then(
      () => true,
      () => false,
    );
    const where = (await page.evaluate(FOCUS_CHAIN)) as string;
    assert.ok(focused, `after Ask fix the focus is not in the thread's reply box but in ${where}`);

    await page.keyboard.type(REQUEST);
    // Monaco paints the last keystroke a frame later: read until it shows, or give up after 5 s.
    let typed = '';
    for (const until = Date.now() + 5_000; Date.now() < until; await page.waitForTimeout(100)) {
      typed = (await replyBox.innerText()).replace(/\u00a0/g, ' ');
      if (typed.includes(REQUEST)) break;
    }
    assert.ok(typed.includes(REQUEST), `the request did not appear in the reply box (it shows ${JSON.stringify(typed)})`);
    assert.equal(await editorLines(editor), before, 'the keystrokes went into the source file');
    assert.equal(await page.locator('.tabs-container .tab.dirty', { hasText: 'totals.ts' }).count(), 0, 'the source file has unsaved changes');
    assert.equal(fs.readFileSync(path.join(wb.workspace, FILE), 'utf8'), onDisk, 'the file on disk changed');
  });
});
