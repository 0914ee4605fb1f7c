import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import type { FrameLocator, Locator } from 'playwright-core';
import { DARK, LIGHT, openRedlineSidebar, openWorkbench, repoRoot, screenshotOnFailure, webviewFrame, type Workbench } from './support/workbench';

const TEMPLATE = path.join(repoRoot, 'test', 'fixtures', 'reviewWorkspace');
const SCRIPT = path.join(repoRoot, 'test', 'fixtures', 'agent', 'reviewBuildScript.json');
const PANEL_TITLE = 'Review: Build: Cart totals by quantity';
const UNSAVED = 'Unsaved changes in the editor are shown here';

interface Contrast {
  fg: string;
  bg: string;
  ratio: number;
}

/**
 * The contrast ratio (WCAG 2) of an element's text on what lies behind it, from the computed
 * colours: the first opaque background up the tree (or the view's own background when the page
 * is transparent), the text blended by its alpha and the opacity of its ancestors.
 */
async function contrast(locator: Locator, fallbackVar: string): Promise<Contrast> {
  return locator.evaluate((el, fallbackVar) => {
    // Runs in the webview; its globals are reached through the element (no DOM library here).
    const view = el.ownerDocument.defaultView!;
    const parse = (c: string): number[] => {
      const srgb = /^color\(srgb ([\d.e-]+) ([\d.e-]+) ([\d.e-]+)(?: \/ ([\d.e-]+))?\)$/.exec(c);
      if (srgb) return [Number(srgb[1]) * 255, Number(srgb[2]) * 255, Number(srgb[3]) * 255, srgb[4] === undefined ? 1 : Number(srgb[4])];
      const rgb = /^rgba?\(([\d.]+),? ([\d.]+),? ([\d.]+)(?:,? \/? ?([\d.]+))?\)$/.exec(c);
      if (rgb) return [Number(rgb[1]), Number(rgb[2]), Number(rgb[3]), rgb[4] === undefined ? 1 : Number(rgb[4])];
      const hex = /^#([\da-f]{2})([\da-f]{2})([\da-f]{2})([\da-f]{2})?$/i.exec(c.trim());
      if (hex) return [parseInt(hex[1]!, 16), parseInt(hex[2]!, 16), parseInt(hex[3]!, 16), hex[4] === undefined ? 1 : parseInt(hex[4], 16) / 255];
      throw new Error(`cannot read the colour ${c}`);
    };
    const over = (top: number[], under: number[]): number[] => {
      const a = top[3]!;
      return [0, 1, 2].map((i) => top[i]! * a + under[i]! * (1 - a)).concat(1);
    };
    const layers: number[][] = [];
    let opacity = 1;
    for (let n: typeof el | null = el; n; n = n.parentElement) {
      const style = view.getComputedStyle(n);
      opacity *= Number(style.opacity);
      const bg = parse(style.backgroundColor);
      if (n !== el && bg[3]! > 0) layers.push(bg);
      if (bg[3] === 1 && n !== el) break;
    }
    let bg =
      layers.length > 0 && layers[layers.length - 1]![3] === 1
        ? [...layers.pop()!]
        : parse(view.getComputedStyle(el.ownerDocument.documentElement).getPropertyValue(fallbackVar));
    for (const layer of layers.reverse()) bg = over(layer, bg);
    const fg = parse(view.getComputedStyle(el).color);
    const text = over([fg[0]!, fg[1]!, fg[2]!, fg[3]! * opacity], bg);
    const lum = (c: number[]) =>
      [0, 1, 2]
        .map((i) => c[i]! / 255)
        .map((v) => (v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4))
        .reduce((sum, v, i) => sum + v * [0.2126, 0.7152, 0.0722][i]!, 0);
    const [hi, lo] = [lum(text), lum(bg)].sort((a, b) => b - a);
    const css = (c: number[]) => `rgb(${c.slice(0, 3).map(Math.round).join(', ')})`;
    return { fg: css(text), bg: css(bg), ratio: (hi! + 0.05) / (lo! + 0.05) };
  }, fallbackVar);
}

/** Drags the sash at the side bar's right edge until the side bar is `px` wide. */
async function sidebarWidth(wb: Workbench, px: number): Promise<void> {
  const part = wb.page.locator('#workbench\\.parts\\.sidebar');
  const box = (await part.boundingBox())!;
  const y = box.y + box.height / 2;
  await wb.page.mouse.move(box.x + box.width + 1, y);
  await wb.page.mouse.down();
  await wb.page.mouse.move(box.x + px + 1, y, { steps: 5 });
  await wb.page.mouse.up();
  const now = (await part.boundingBox())!.width;
  assert.ok(Math.abs(now - px) <= 2, `the side bar is ${now} px wide, not ${px}`);
}

// The sharp edges a new user meets around a build: a banner about unsaved changes nobody made,
// state colours that cannot be read in the light theme, and a Source Control button that looks
// like the list/tree toggle next to it. One scripted build in a git repository serves them all.
describe('Sharp edges around a build', function () {
  let wb: Workbench;
  let sidebar: FrameLocator;

  before(async () => {
    wb = await openWorkbench({ theme: DARK, workspaceTemplate: TEMPLATE, model: SCRIPT, git: true, settings: { 'files.autoSave': 'off' } });
    sidebar = await openRedlineSidebar(wb.page);
  });
  after(async () => {
    await wb?.close();
  });
  screenshotOnFailure(() => wb);

  it('a build shows no "unsaved changes" banner when nothing is unsaved, while it runs or after', async () => {
    await sidebar.getByRole('button', { name: /^Cart totals by quantity/ }).click({ timeout: 30_000 });
    await sidebar.locator('.doc-title').waitFor({ timeout: 30_000 });
    // Watched from inside the view: a banner shown for a moment between two polls is seen too.
    await sidebar.locator('body').evaluate((body, text) => {
      const seen = globalThis as unknown as { unsavedBannerSeen?: string };
      const look = () => {
        if (seen.unsavedBannerSeen === undefined && (body.textContent ?? '').includes(text)) seen.unsavedBannerSeen = new Date().toISOString();
      };
      new body.ownerDocument.defaultView!.MutationObserver(look).observe(body, { subtree: true, childList: true, characterData: true });
    }, UNSAVED);
    await sidebar.getByRole('button', { name: 'Build', exact: true }).click();
    await sidebar.getByText('Build · done').waitFor({ timeout: 60_000 });
    // The plan's status and step marks are written as the run ends: give them time to land.
    await wb.page.waitForTimeout(3_000);
    const seen = await sidebar.locator('body').evaluate(() => (globalThis as unknown as { unsavedBannerSeen?: string }).unsavedBannerSeen);
    assert.equal(seen, undefined, `the banner "${UNSAVED}" showed during the build (at ${seen}) though nothing was typed`);
    assert.equal(await wb.page.locator('.tabs-container .tab.dirty').count(), 0, 'a file is left unsaved after the build');
  });

  it('the Accepted badge and the check rows of the run log read at 4.5:1 or more in the light and the dark theme', async () => {
    await sidebar.locator('.review-link').click();
    const review = await webviewFrame(wb.page, PANEL_TITLE);
    await review.locator('.hunk.focused .range').click();
    await wb.page.keyboard.press('a');
    const badge = review.locator('.badge.st-accepted').first();
    await badge.waitFor({ timeout: 20_000 });
    await sidebarWidth(wb, 170);
    // A passed and a failed check as rows of the real log, in view at its top (this build runs no
    // check): the rows around them are hidden, so a screenshot shows the two alone.
    await sidebar.locator('.log-row').first().waitFor();
    await sidebar.locator('.log').evaluate((log) => {
      log.scrollTop = 0;
      const rows = [...log.querySelectorAll<typeof log>('.log-row')];
      for (const row of rows) row.style.visibility = 'hidden';
      ['check', 'error'].forEach((kind, i) => {
        const row = rows[0]!.cloneNode(true) as typeof log;
        row.className = `log-row ${kind}`;
        row.setAttribute('data-probe', kind);
        row.style.top = `${18 * i}px`;
        row.style.visibility = 'visible';
        row.lastElementChild!.textContent = `check npm test ${kind === 'check' ? 'passed (exit 0)' : 'failed (exit 1)'}`;
        rows[0]!.parentElement!.append(row);
      });
    });
    const measured: string[] = [];
    for (const theme of [LIGHT, DARK]) {
      await wb.setTheme(theme);
      const kind = theme === LIGHT ? 'light' : 'dark';
      await review.locator(`body.vscode-${kind}`).waitFor({ state: 'attached', timeout: 20_000 });
      await sidebar.locator(`body.vscode-${kind}`).waitFor({ state: 'attached', timeout: 20_000 });
      await wb.screenshot(`sharp-edges-contrast-${kind}`);
      await sidebar.locator('.log').screenshot({ path: path.join(repoRoot, 'test-results', 'screenshots', `sharp-edges-log-${kind}.png`) });
      const probes: [string, Locator, string][] = [
        ['the Accepted badge', badge, '--vscode-editor-background'],
        ['a passed check row', sidebar.locator('[data-probe="check"] > :last-child'), '--vscode-sideBar-background'],
        ['a failed check row', sidebar.locator('[data-probe="error"] > :last-child'), '--vscode-sideBar-background'],
      ];
      for (const [what, locator, fallback] of probes) {
        const c = await contrast(locator, fallback);
        measured.push(`${theme}: ${what} ${c.fg} on ${c.bg} = ${c.ratio.toFixed(2)}:1`);
      }
    }
    console.log(`    ${measured.join('\n    ')}`);
    const low = measured.filter((m) => Number(/= ([\d.]+):1$/.exec(m)?.[1]) < 4.5);
    assert.deepEqual(low, [], 'text below 4.5:1');
  });

  it('the Source Control view’s Review Working Tree button has an icon of its own, not one that reads as a list', async () => {
    await wb.page.keyboard.press('Control+Shift+G');
    const button = wb.page.locator('.action-item a[aria-label="Review Working Tree"]').first();
    await button.waitFor({ timeout: 30_000 });
    await wb.screenshot('sharp-edges-scm-title');
    const icon = (await button.getAttribute('class')) ?? '';
    assert.doesNotMatch(icon, /codicon-(checklist|list-\w+)\b/, `the button's icon reads as a list: ${icon}`);
    assert.match(icon, /codicon-diff-multiple\b/, `the button's icon is not the changes-across-files icon: ${icon}`);
  });
});
