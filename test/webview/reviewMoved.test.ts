// Moved code in the real workbench: a patch moves a function from one file to another and
// re-indents a line elsewhere. The Review panel shows the move once, at its new place, "moved
// from", and one accept writes both files; `w` hides the whitespace-only hunk.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { FrameLocator } from 'playwright-core';
import { openInEditor, waitUntil } from './support/waits';
import { LIGHT, editorWebviewFrame, openWorkbench, screenshotOnFailure, type Workbench } from './support/workbench';

const fn = [
  'export function parseList(input: string): string[] {',
  "  const parts = input.split(',');",
  '  return parts.map((p) => p.trim()).filter((p) => p.length > 0);',
  '}',
];
const text = (lines: readonly string[]) => lines.map((l) => `${l}\n`).join('');
const PARSE = [
  '// Parsing helpers.',
  "export const SEPARATOR = ',';",
  '',
  ...fn,
  '',
  'export function parseNumber(input: string): number {',
  '  return Number(input);',
  '}',
];
const UTIL = ['// Small helpers.', 'export function clamp(n: number, lo: number, hi: number): number {', '  return Math.min(hi, Math.max(lo, n));', '}'];
const FORMAT = ['export function pad(n: number): string {', "    return String(n).padStart(2, '0');", '}'];

const PATCH = [
  'diff --git a/src/parse.ts b/src/parse.ts',
  '--- a/src/parse.ts',
  '+++ b/src/parse.ts',
  '@@ -2,10 +2,5 @@',
  " export const SEPARATOR = ',';",
  ' ',
  ...fn.map((l) => `-${l}`),
  '-',
  ' export function parseNumber(input: string): number {',
  '   return Number(input);',
  ' }',
  'diff --git a/src/util.ts b/src/util.ts',
  '--- a/src/util.ts',
  '+++ b/src/util.ts',
  '@@ -2,3 +2,8 @@',
  ' export function clamp(n: number, lo: number, hi: number): number {',
  '   return Math.min(hi, Math.max(lo, n));',
  ' }',
  '+',
  ...fn.map((l) => `+${l}`),
  'diff --git a/src/format.ts b/src/format.ts',
  '--- a/src/format.ts',
  '+++ b/src/format.ts',
  '@@ -1,3 +1,3 @@',
  ' export function pad(n: number): string {',
  "-    return String(n).padStart(2, '0');",
  "+  return String(n).padStart(2, '0');",
  ' }',
  '',
].join('\n');

function makeWorkspace(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'redline-moved-template-'));
  fs.mkdirSync(path.join(dir, 'src'));
  fs.writeFileSync(path.join(dir, 'src', 'parse.ts'), text(PARSE));
  fs.writeFileSync(path.join(dir, 'src', 'util.ts'), text(UTIL));
  fs.writeFileSync(path.join(dir, 'src', 'format.ts'), text(FORMAT));
  fs.writeFileSync(path.join(dir, 'move.diff'), PATCH);
  return dir;
}

describe('Moved code in the Review panel', function () {
  let wb: Workbench;
  let template: string;
  let frame: FrameLocator;
  const onDisk = (file: string) => fs.readFileSync(path.join(wb.workspace, file), 'utf8');

  before(async () => {
    template = makeWorkspace();
    wb = await openWorkbench({ workspaceTemplate: template });
    await openInEditor(wb.page, 'move.diff');
    await wb.page.locator('.tab.active', { hasText: 'move.diff' }).waitFor();
    await wb.runCommand('Redline: Review Patch…');
    await wb.page.locator('.quick-input-title', { hasText: 'Review which patch?' }).waitFor();
    await wb.page.locator('.quick-input-list .monaco-list-row').first().waitFor();
    await wb.page.locator('.quick-input-widget input').press('Enter');
    await wb.page.locator('.tab.active', { hasText: 'Review: Patch: move.diff' }).waitFor({ timeout: 30_000 });
    frame = editorWebviewFrame(wb.page);
    await frame.locator('.hunk.focused').first().waitFor({ timeout: 30_000 });
  });
  after(async () => {
    await wb?.close();
    fs.rmSync(template, { recursive: true, force: true });
  });
  screenshotOnFailure(() => wb);

  it('shows the moved function once, at its new place, "moved from src/parse.ts:4", dimmed', async () => {
    const moved = frame.locator('.hunk.moved');
    await moved.waitFor({ timeout: 20_000 });
    assert.equal(await frame.locator('.hunk').count(), 2, 'the move is one item, beside the whitespace-only hunk');
    assert.match((await moved.getAttribute('aria-label')) ?? '', /^src\/util\.ts/, 'the item is the added side');
    assert.equal((await moved.locator('.badge.moved').textContent())?.trim(), 'moved from src/parse.ts:4');
    assert.equal(
      await frame.locator('.hunk', { hasText: "padStart(2, '0')" }).locator('.badge.moved', { hasText: 'whitespace only' }).count(),
      1,
      'the re-indented line is marked',
    );
    assert.equal(await frame.locator('.file-head', { hasText: 'src/parse.ts' }).count(), 0, 'the source is not listed on its own');
    await moved.locator('.range').click();
    await wb.screenshot('review-moved-dark');
    await wb.setTheme(LIGHT);
    await moved.waitFor();
    await wb.screenshot('review-moved-light');
  });

  it('w hides the whitespace-only hunk and the header counts it', async () => {
    await frame.locator('.hunk.moved .range').click();
    await wb.page.keyboard.press('w');
    await frame.getByText('1 whitespace-only hidden').waitFor({ timeout: 10_000 });
    assert.equal(await frame.locator('.hunk').count(), 1, 'only the moved item is listed');
    await wb.page.keyboard.press('w');
    await waitUntil('the whitespace-only hunk back', async () => (await frame.locator('.hunk').count()) === 2, 10_000);
  });

  it('one accept writes both files (the function leaves src/parse.ts and arrives in src/util.ts), one undo takes both back', async () => {
    await frame.locator('.hunk.moved [data-action="accept"]').click();
    const parse = text(PARSE.filter((_, i) => !(i >= 3 && i <= 7)));
    const util = text([...UTIL, '', ...fn]);
    await waitUntil('both files written', () => onDisk('src/parse.ts') === parse && onDisk('src/util.ts') === util, 20_000);
    await frame.locator('.hunk.moved .badge.st-accepted').waitFor({ timeout: 10_000 });
    assert.equal(onDisk('src/format.ts'), text(FORMAT), 'the whitespace-only hunk is still undecided');

    // One decision, one step: `u` puts both files back.
    await frame.locator('.hunk.moved .range').click();
    await wb.page.keyboard.press('u');
    await waitUntil('both files back', () => onDisk('src/parse.ts') === text(PARSE) && onDisk('src/util.ts') === text(UTIL), 20_000);
    await frame.locator('.hunk.moved .badge.st-pending').waitFor({ timeout: 10_000 });
  });
});
