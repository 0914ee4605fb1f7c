import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { FrameLocator, Locator } from 'playwright-core';
import { DRAFT_TITLE, planFlowsScript } from '../fixtures/agent/planFlows';
import { runTitle, sidebarAfterReload, usePlanWorkbench, waitFor, webviewTheme } from './support/planPanel';
import { sidebarWidth } from './support/layout';
import { DARK, LIGHT, repoRoot, webviewFrame, type Workbench } from './support/workbench';

const PLAN_FILE = path.join('.redline', 'plans', 'parse-quoted-csv-fields.md');

// Room for the plan: the draft's decision in reach at a small height, the plan in an editor tab
// kept in step with the side bar, and a 170 px side bar that still shows the title and the stats.
describe('Plan panel: room for the plan', function () {
  const suite = usePlanWorkbench({ workspaceTemplate: path.join(repoRoot, 'test', 'webview', 'planFixtures', 'agentWorkspace'), model: planFlowsScript });
  let wb: Workbench;
  let frame: FrameLocator;
  before(() => {
    ({ wb, frame } = suite);
  });
  const planText = () => fs.readFileSync(path.join(wb.workspace, PLAN_FILE), 'utf8');

  it("shows a draft's Keep and Discard in its header without scrolling, in a short view", async () => {
    const intent = frame.getByLabel('Draft a new plan with the agent');
    await intent.waitFor({ timeout: 30_000 });
    await intent.fill(DRAFT_TITLE);
    await intent.press('Enter');
    await runTitle(frame).filter({ hasText: 'Plan draft · done' }).waitFor({ timeout: 60_000 });
    const card = frame.getByRole('region', { name: 'Changes the agent proposes to this plan' });
    await card.locator('.diff-line.added', { hasText: 'Split on commas outside quotes' }).waitFor({ timeout: 20_000 });

    // A laptop's short window: the Plan view is about 400 px tall.
    await wb.page.setViewportSize({ width: 1400, height: 520 });
    try {
      for (const name of ['Keep the draft', 'Discard the draft']) {
        const button = card.getByRole('button', { name });
        await waitFor(async () => inView(button), `"${name}" is not in view without scrolling in a 400 px tall Plan view`);
      }
      const diff = await card.locator('.proposal-diff').evaluate((el) => ({ scroll: el.scrollHeight, client: el.clientHeight }));
      assert.ok(diff.scroll <= diff.client + 1, `the draft's diff scrolls in a box of its own (${diff.scroll} px in ${diff.client} px)`);
      await wb.screenshot('plan-room-draft-short-dark');
    } finally {
      await wb.page.setViewportSize({ width: 1400, height: 900 });
    }
  });

  it('opens the plan in an editor tab, and a decision taken there shows in the side bar', async () => {
    await wb.runCommand('Redline: Open Plan in Editor');
    const tab = await webviewFrame(wb.page, 'Plan in editor');
    await tab.locator('.doc-title', { hasText: DRAFT_TITLE }).waitFor({ timeout: 30_000 });
    await runTitle(tab).filter({ hasText: 'Plan draft · done' }).waitFor({ timeout: 30_000 });
    await wb.page.locator('.tabs-container .tab', { hasText: `Plan: ${DRAFT_TITLE}` }).waitFor({ timeout: 10_000 });
    const tabCard = tab.getByRole('region', { name: 'Changes the agent proposes to this plan' });
    await tabCard.waitFor({ timeout: 20_000 });
    await wb.screenshot('plan-room-editor-tab-dark');
    await wb.setTheme(LIGHT);
    await webviewTheme(tab, 'light');
    await wb.screenshot('plan-room-editor-tab-light');
    await wb.setTheme(DARK);
    await webviewTheme(tab, 'dark');

    await tabCard.getByRole('button', { name: 'Keep the draft' }).click();
    await waitFor(() => planText().includes('- [ ] Split on commas outside quotes'), 'keeping the draft in the editor tab did not write it into the plan');
    // The side bar shows the same plan: the draft is gone there too and the kept steps are in.
    await frame.getByRole('region', { name: 'Changes the agent proposes to this plan' }).waitFor({ state: 'detached', timeout: 20_000 });
    await waitFor(async () => (await frame.locator('li.step').count()) === 2, 'the side bar does not show the steps kept in the editor tab');
    await waitFor(async () => (await tab.locator('li.step').count()) === 2, 'the editor tab does not show the steps it kept');
  });

  it('keeps the title and one line per stat in a 170 px side bar', async () => {
    const page = wb.page;
    await wb.runCommand('View: Close All Editors');
    await sidebarWidth(page, 170);
    await frame.locator('.doc-title', { hasText: DRAFT_TITLE }).waitFor();
    const title = await frame.locator('.doc-title').evaluate((el) => ({ width: el.getBoundingClientRect().width, tip: el.getAttribute('title') ?? '' }));
    assert.ok(title.width >= 60, `the plan title has ${title.width} px at 170 px wide`);
    assert.ok(title.tip.startsWith(DRAFT_TITLE), `the title's tooltip does not hold the full title: ${title.tip}`);
    await assertStatsRead(frame);
    await screenshotsBothThemes(wb, frame, 'plan-room-170');
    await sidebarWidth(page, 300);
    await assertStatsRead(frame);
    // Tokens, cache hits and cost read as one line at the side bar's usual width.
    const rows = await statRows(frame);
    assert.equal(rows.size, 1, `at 300 px tokens, cache hits and cost take ${rows.size} rows`);
    await screenshotsBothThemes(wb, frame, 'plan-room-300');

    // Folded, the run card is one line that still says what the run cost, and the plan has the rest.
    const run = frame.getByRole('region', { name: 'Agent run' });
    await run.getByRole('button', { name: 'Run details' }).click();
    await waitFor(async () => ((await run.boundingBox())?.height ?? 99) <= 48, 'the folded run card is taller than one line');
    assert.match((await run.locator('.run-brief').innerText()) ?? '', /tokens · \$/, 'the folded run card does not say its tokens and cost');
    await wb.screenshot('plan-room-run-folded-dark');
    await run.getByRole('button', { name: 'Run details' }).click();
    await run.locator('.run-stats').waitFor();
  });

  it('opens Changesets with room of its own, and leaves the plan most of the side bar', async () => {
    const page = wb.page;
    const sidebar = await page.locator('#workbench\\.parts\\.sidebar').boundingBox();
    await page.locator('.pane-header', { hasText: 'Changesets' }).click();
    const body = (title: string) => page.locator('.pane', { has: page.locator('.pane-header', { hasText: title }) }).locator('.pane-body');
    await waitFor(async () => ((await body('Changesets').boundingBox())?.height ?? 0) >= 100, 'Changesets opened less than 100 px tall');
    const plan = (await body('Plan').boundingBox())?.height ?? 0;
    assert.ok(sidebar && plan >= sidebar.height * 0.5, `with Changesets open the plan has ${plan} px of a ${sidebar?.height} px side bar`);
    await wb.screenshot('plan-room-changesets-dark');
  });

  it('brings the plan back in its editor tab after a window reload, in one tab', async () => {
    await wb.runCommand('Redline: Open Plan in Editor');
    const tabs = wb.page.locator('.tabs-container .tab', { hasText: `Plan: ${DRAFT_TITLE}` });
    await tabs.first().waitFor({ timeout: 20_000 });
    await wb.runCommand('Developer: Reload Window');
    frame = suite.frame = await sidebarAfterReload(wb.page);
    const tab = await webviewFrame(wb.page, 'Plan in editor', 90_000);
    await tab.locator('.doc-title', { hasText: DRAFT_TITLE }).waitFor({ timeout: 60_000 });
    await runTitle(tab).filter({ hasText: 'Plan draft · done' }).waitFor({ timeout: 30_000 });
    await frame.locator('.doc-title', { hasText: DRAFT_TITLE }).waitFor({ timeout: 30_000 });
    // The restored tab takes the plan's title once the plan is open again, a message after the frame.
    await waitFor(async () => (await tabs.count()) >= 1, 'the restored tab never took the plan title');
    const planTabs = wb.page.locator('.tabs-container .tab', { hasText: /Plan: |Redline Plans/ });
    assert.equal(await planTabs.count(), 1, 'the reload brought the plan tab back more than once');
  });
});

/** The element is in the webview's viewport, not scrolled away, and nothing covers its middle. */
function inView(locator: Locator): Promise<boolean> {
  return locator.evaluate((el) => {
    const r = el.getBoundingClientRect();
    const view = el.ownerDocument.defaultView;
    if (!view || r.height === 0 || r.top < 0 || r.bottom > view.innerHeight) return false;
    const hit = el.ownerDocument.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
    return hit !== null && el.contains(hit);
  });
}

/** Each stat is one line of text: it may move to the next line, never wrap inside itself. */
async function assertStatsRead(frame: FrameLocator): Promise<void> {
  const stats = await frame.locator('.run-stats > span').evaluateAll((els) =>
    els.map((el) => {
      const r = el.getBoundingClientRect();
      const box = el.parentElement?.getBoundingClientRect();
      return { text: el.textContent ?? '', lines: el.getClientRects().length, height: r.height, outside: box === undefined || r.right > box.right + 1 };
    }),
  );
  assert.ok(stats.length >= 3, `expected tokens, cache and cost, got ${stats.length} stats`);
  const lineHeight = await frame.locator('.run-stats').evaluate((el) => parseFloat(el.ownerDocument.defaultView?.getComputedStyle(el).lineHeight ?? '') || 18);
  for (const s of stats) {
    assert.ok(s.lines === 1 && s.height < lineHeight * 1.5, `the stat "${s.text}" wraps inside itself (${s.height} px tall)`);
    assert.ok(!s.outside, `the stat "${s.text}" runs out of the run card instead of moving to the next line`);
  }
}

/** The distinct rows the first three stats (tokens, cache hits, cost) sit on. */
async function statRows(frame: FrameLocator): Promise<Set<number>> {
  const tops = await frame.locator('.run-stats > span').evaluateAll((els) => els.slice(0, 3).map((el) => Math.round(el.getBoundingClientRect().top)));
  return new Set(tops);
}

async function screenshotsBothThemes(wb: Workbench, frame: FrameLocator, name: string): Promise<void> {
  await wb.screenshot(`${name}-dark`);
  await wb.setTheme(LIGHT);
  await webviewTheme(frame, 'light');
  await wb.screenshot(`${name}-light`);
  await wb.setTheme(DARK);
  await webviewTheme(frame, 'dark');
}
