// Review Working Tree in the real workbench: a repository with 200 changed files, the command run
// from the palette, the time until the first hunk is on screen, and staging lines picked with the
// mouse in the Review panel (checked with `git diff --cached`).
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { FrameLocator } from 'playwright-core';
import { openWorkbench, screenshotOnFailure, type Workbench } from './support/workbench';

const FILES = 200;
const lines = (n: number, f: (i: number) => string) => Array.from({ length: n }, (_, i) => `${f(i + 1)}\n`).join('');
const half = lines(20, (i) => `line ${i}`);

/** A repository with 200 changed files (two hunks each), one file with a four-line insertion, and a changed binary file. */
function makeRepository(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'redline-wt-template-'));
  const git = (...args: string[]) => execFileSync('git', args, { cwd: dir, encoding: 'utf8', env: { ...process.env, GIT_CONFIG_NOSYSTEM: '1' } });
  git('init', '-q', '-b', 'main');
  for (const [k, v] of [
    ['user.email', 'test@example.invalid'],
    ['user.name', 'Test'],
    ['core.autocrlf', 'false'],
  ] as const)
    git('config', k, v);
  fs.mkdirSync(path.join(dir, 'src'));
  const text = (n: number) => lines(60, (i) => `export const v${n}_${i} = ${i};`);
  for (let n = 1; n <= FILES; n++) fs.writeFileSync(path.join(dir, 'src', `file${String(n).padStart(3, '0')}.ts`), text(n));
  fs.writeFileSync(path.join(dir, 'a-half.txt'), half);
  fs.writeFileSync(path.join(dir, 'zz.bin'), new Uint8Array([0, 1, 2, 3]));
  git('add', '-A');
  git('commit', '-q', '-m', 'base');
  for (let n = 1; n <= FILES; n++) {
    fs.writeFileSync(
      path.join(dir, 'src', `file${String(n).padStart(3, '0')}.ts`),
      text(n).replace(`v${n}_5 = 5;`, `v${n}_5 = 500;`).replace(`v${n}_50 = 50;`, `v${n}_50 = 5000;`),
    );
  }
  fs.writeFileSync(path.join(dir, 'a-half.txt'), half.replace('line 10\n', 'line 10\nnew a\nnew b\nnew c\nnew d\n'));
  fs.writeFileSync(path.join(dir, 'zz.bin'), new Uint8Array([0, 9, 9, 9]));
  return dir;
}

describe('Review Working Tree in the workbench', function () {
  let wb: Workbench;
  let template: string;
  let frame: FrameLocator;
  const git = (...args: string[]) => execFileSync('git', args, { cwd: wb.workspace, encoding: 'utf8' });

  before(async () => {
    template = makeRepository();
    wb = await openWorkbench({ workspaceTemplate: template });
  });
  after(async () => {
    await wb?.close();
    fs.rmSync(template, { recursive: true, force: true });
  });
  screenshotOnFailure(() => wb);

  it(`shows the first hunk of a working tree with ${FILES} changed files (timed from the command)`, async () => {
    await wb.page.keyboard.press('F1');
    const input = wb.page.locator('.quick-input-widget input');
    await input.fill('>Redline: Review Working Tree');
    const row = wb.page.locator('.quick-input-list .monaco-list-row', { hasText: 'Redline: Review Working Tree' }).first();
    await row.waitFor();
    const started = Date.now();
    await input.press('Enter');
    // The Review panel is the only webview open (its iframe carries no title to find it by).
    frame = wb.page.frameLocator('iframe.webview.ready').last().frameLocator('#active-frame');
    await frame.locator('.hunk.focused').first().waitFor({ timeout: 60_000 });
    const ms = Date.now() - started;
    console.log(`    command to first hunk, ${FILES} changed files (${FILES * 2 + 1} hunks): ${ms} ms`);
    assert.match(await frame.locator('.hunk.focused').first().innerText(), /new a/, "the first hunk is the first file's");
    assert.ok(ms < 20_000, `first hunk after ${ms} ms`);
    await wb.screenshot('working-tree-first-hunk');
  });

  it('stages half a hunk: two lines picked in the panel are in the index, the rest stays in the working tree', async () => {
    const rows = frame.locator('.hunk.focused .row[data-line]');
    await rows.nth(0).locator('.ln').first().click();
    await rows
      .nth(1)
      .locator('.ln')
      .first()
      .click({ modifiers: ['Shift'] });
    await frame.locator('.hunk.focused [data-action="acceptLines"]').click();
    const deadline = Date.now() + 15_000;
    while (!git('diff', '--cached').includes('+new b') && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    const staged = git('diff', '--cached', '--no-color');
    assert.match(staged, /^\+new a\n\+new b\n/m, `the picked lines are not staged:\n${staged}`);
    assert.doesNotMatch(staged, /new c|new d/, 'unpicked lines were staged');
    assert.match(git('diff', '--no-color', '--', 'a-half.txt'), /^\+new c\n\+new d\n/m, 'the rest must stay unstaged in the working tree');
  });

  it('keeps the reviewer on the hunk the agent rewrites underneath, marked as its next revision', async () => {
    await frame.locator('body').press('J');
    const focused = frame.locator('.hunk.focused');
    await focused.filter({ hasText: 'v1_5 = 500;' }).waitFor();
    const id = await focused.getAttribute('data-id');
    const file = path.join(wb.workspace, 'src', 'file001.ts');
    fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace('v1_5 = 500;', 'v1_5 = 555;'));
    await frame.locator('.hunk.focused .rev', { hasText: 'rev 2' }).waitFor({ timeout: 20_000 });
    assert.equal(await frame.locator('.hunk.focused').getAttribute('data-id'), id, 'the focus moved off the hunk');
    assert.match(await frame.locator('.hunk.focused').innerText(), /v1_5 = 555;/, 'the focused hunk does not show the new text');
  });

  it('lists the binary file with a note instead of hunks', async () => {
    await frame.locator('body').press('G');
    await frame.locator('.file-head', { hasText: 'zz.bin' }).waitFor({ timeout: 15_000 });
    assert.match(await frame.locator('.file-head', { hasText: 'zz.bin' }).innerText(), /binary: listed, not diffed/);
  });

  it('offers the command in the Source Control view title', async () => {
    await wb.page.keyboard.press('Control+Shift+G');
    await wb.page.locator('.scm-view, .pane-header[aria-label*="Source Control"]').first().waitFor({ timeout: 30_000 });
    await wb.page.locator('.action-label[aria-label="Review Working Tree"]').first().waitFor({ timeout: 30_000 });
  });
});
