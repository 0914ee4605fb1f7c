// Review Patch… in the real workbench: a patch file opened in the editor, the command run from
// the palette, the patch's own source picked, a hunk accepted in the Review panel (checked on
// disk), and the changeset's pictures in both themes.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { FrameLocator } from 'playwright-core';
import { openInEditor } from './support/waits';
import { LIGHT, editorWebviewFrame, openWorkbench, screenshotOnFailure, type Workbench } from './support/workbench';

const greet = [
  'export function greet(name: string): string {',
  "  return 'Hello, ' + name;",
  '}',
  '',
  'export const greetings = [',
  "  'Hello',",
  "  'Hi',",
  "  'Hey',",
  '];',
  '',
  'export function farewell(name: string): string {',
  "  return 'Bye, ' + name;",
  '}',
  '',
].join('\n');
const spec = ["import { greet } from '../src/greet';", '', "it('greets', () => {", "  expect(greet('Ada')).toBe('Hello, Ada');", '});', ''].join('\n');

/** What a colleague's `git diff` might hand over: two hunks in the source (far enough apart to stay two), one test skipped (a tripwire). */
const PATCH = [
  'diff --git a/src/greet.ts b/src/greet.ts',
  'index 1111111..2222222 100644',
  '--- a/src/greet.ts',
  '+++ b/src/greet.ts',
  '@@ -1,3 +1,3 @@',
  ' export function greet(name: string): string {',
  "-  return 'Hello, ' + name;",
  '+  return `Hello, ${name}!`;',
  ' }',
  '@@ -11,3 +11,3 @@',
  ' export function farewell(name: string): string {',
  "-  return 'Bye, ' + name;",
  '+  return `Goodbye, ${name}.`;',
  ' }',
  'diff --git a/test/greet.test.ts b/test/greet.test.ts',
  'index 3333333..4444444 100644',
  '--- a/test/greet.test.ts',
  '+++ b/test/greet.test.ts',
  '@@ -1,5 +1,5 @@',
  " import { greet } from '../src/greet';",
  ' ',
  "-it('greets', () => {",
  "+it.skip('greets', () => {",
  "   expect(greet('Ada')).toBe('Hello, Ada');",
  ' });',
  '',
].join('\n');

function makeWorkspace(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'redline-patch-template-'));
  fs.mkdirSync(path.join(dir, 'src'));
  fs.mkdirSync(path.join(dir, 'test'));
  fs.writeFileSync(path.join(dir, 'src', 'greet.ts'), greet);
  fs.writeFileSync(path.join(dir, 'test', 'greet.test.ts'), spec);
  fs.writeFileSync(path.join(dir, 'fix.diff'), PATCH);
  return dir;
}

describe('Review Patch… in the workbench', function () {
  let wb: Workbench;
  let template: string;
  let frame: FrameLocator;

  before(async () => {
    template = makeWorkspace();
    wb = await openWorkbench({ workspaceTemplate: template });
  });
  after(async () => {
    await wb?.close();
    fs.rmSync(template, { recursive: true, force: true });
  });
  screenshotOnFailure(() => wb);

  it('runs Review Patch… from the palette on the open patch file: its hunks in the Review panel, the skipped test flagged, nothing written', async () => {
    // The tab shows before its editor has the text; the extension host learns of the editor after that.
    await openInEditor(wb.page, 'fix.diff');
    await wb.page.locator('.tab.active', { hasText: 'fix.diff' }).waitFor();

    await wb.runCommand('Redline: Review Patch…');
    // The palette's own rows stay in the list until the pick replaces them: wait for the pick.
    await wb.page.locator('.quick-input-title', { hasText: 'Review which patch?' }).waitFor();
    const input = wb.page.locator('.quick-input-widget input');
    const first = wb.page.locator('.quick-input-list .monaco-list-row').first();
    await first.waitFor();
    assert.match(await first.innerText(), /fix\.diff/, 'the open patch is offered first');
    assert.equal(await wb.page.locator('.quick-input-list .monaco-list-row', { hasText: 'Clipboard' }).count(), 1, 'the clipboard is offered');
    await input.press('Enter');

    await wb.page.locator('.tab.active', { hasText: 'Review: Patch: fix.diff' }).waitFor({ timeout: 30_000 });
    frame = editorWebviewFrame(wb.page);
    await frame.locator('.hunk.focused').first().waitFor({ timeout: 30_000 });
    assert.equal(await frame.locator('.hunk').count(), 3, 'the three hunks of the patch');
    const skipped = frame.locator('.hunk', { hasText: "it.skip('greets'" });
    assert.equal(await skipped.locator('.badge.flag').count(), 1, 'a tripwire flags the skipped test, as in any changeset');
    assert.equal(await frame.locator('.hunk .badge.flag').count(), 1, 'and nothing else');
    assert.equal(fs.readFileSync(path.join(wb.workspace, 'src', 'greet.ts'), 'utf8'), greet, 'nothing is written before a decision');
    await wb.screenshot('review-patch-dark');
  });

  it('accepts the focused hunk in the Review panel: exactly that hunk is on disk', async () => {
    const focused = frame.locator('.hunk.focused');
    assert.match(await focused.innerText(), /Hello, \$\{name\}!/, 'the first hunk is in focus');
    await focused.locator('[data-action="accept"]').click();
    const file = path.join(wb.workspace, 'src', 'greet.ts');
    const expected = greet.replace("return 'Hello, ' + name;", 'return `Hello, ${name}!`;');
    const deadline = Date.now() + 15_000;
    while (fs.readFileSync(file, 'utf8') !== expected && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    assert.equal(fs.readFileSync(file, 'utf8'), expected, 'the accepted hunk alone is written');
    await frame.locator('.hunk.focused', { hasText: 'Goodbye' }).waitFor({ timeout: 15_000 });

    // The panel's title menu carries the patch commands, and they act on the changeset in front.
    await wb.page.locator('.editor-actions .action-label[aria-label="More Actions..."]').first().click();
    const menu = wb.page.locator('.context-view .monaco-menu');
    await menu.getByText('Save Open Hunks as Patch…').waitFor();
    await menu.getByText('Copy Accepted as Patch').click();
    const toast = wb.page.locator('.notification-list-item', { hasText: 'copied the accepted hunks of "Patch: fix.diff"' }).first();
    await toast.waitFor({ timeout: 15_000 }).catch(() => wb.runCommand('Notifications: Show Notifications'));
    await toast.waitFor({ timeout: 15_000 });

    await wb.setTheme(LIGHT);
    await frame.locator('.hunk.focused').first().waitFor();
    await wb.screenshot('review-patch-light');
  });
});
