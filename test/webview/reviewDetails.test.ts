import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import type { FrameLocator } from 'playwright-core';
import { ADDED_STEP, LONG_LINE, PLAN_TITLE, reviewDetailsScript, STEP_TITLES } from '../fixtures/agent/reviewDetails';
import { DARK, LIGHT, openRedlineSidebar, openWorkbench, repoRoot, screenshotOnFailure, webviewFrame, type Workbench } from './support/workbench';
import { waitUntil } from './support/waits';

const TEMPLATE = path.join(repoRoot, 'test', 'fixtures', 'reviewDetailsWorkspace');
const REASON = 'Keep the heading short';
const NEXT_TURN = 'The agent reads the reason at its next turn on this plan (Continue Run or the next build); Ask fix on a hunk here sends it at once.';

// The details of a review a person reads before deciding: which plan step a hunk serves, what a
// tripwire found, which claims of the agent the diff does not back, a long line side by side, when
// a rejection's reason reaches the agent, and whose proposal a ghost in the editor is. A plan
// revision, then two builds of one plan, reviewed in the real workbench; the tests run in order.
describe('Review details in the workbench', function () {
  let wb: Workbench;
  let sidebar: FrameLocator;
  let review: FrameLocator;
  const hunkOf = (file: string) => review.locator(`.hunk[aria-label^="${file}, hunk 1 of "]`);

  /** Puts keyboard focus on the panel's focused hunk and pages with `g` and `j` to the hunk of `file`. */
  async function focusHunk(file: string): Promise<void> {
    await review.locator('.hunk.focused .range').click();
    await wb.page.keyboard.press('g');
    for (let i = 0; i < 5 && !((await review.locator('.where').textContent()) ?? '').startsWith(file); i++) await wb.page.keyboard.press('j');
    assert.match((await review.locator('.where').textContent()) ?? '', new RegExp(`^${file.replace(/[./]/g, '\\$&')} `), `no hunk of ${file} to page to`);
  }

  before(async () => {
    wb = await openWorkbench({ theme: DARK, workspaceTemplate: TEMPLATE, model: reviewDetailsScript(), settings: { 'files.autoSave': 'off' } });
    sidebar = await openRedlineSidebar(wb.page);
    await sidebar.getByRole('button', { name: new RegExp(`^${PLAN_TITLE}`) }).click({ timeout: 30_000 });
  });
  after(async () => {
    await wb?.close();
  });
  screenshotOnFailure(() => wb);

  it('sums a plan revision up in one line, not the whole plan', async () => {
    const step = sidebar.locator('li.step').last();
    await step.locator('.step-text').click();
    await step.locator('.comment-btn').click();
    await sidebar.getByPlaceholder('What should the agent change here?').fill('Also show the best day');
    await sidebar.getByRole('button', { name: 'Add comment' }).click();
    await sidebar.getByRole('button', { name: /Send to agent/ }).click();
    await sidebar.getByRole('button', { name: 'Review the draft hunk by hunk' }).click({ timeout: 60_000 });
    const revision = await webviewFrame(wb.page, `Review: Plan revision: ${PLAN_TITLE}`);
    await revision.locator('.hunk.focused').waitFor({ timeout: 30_000 });
    assert.equal(await revision.locator('.panel-head .summary').textContent(), 'Plan revision: 1 step added.');
    await revision.locator('.hunk.focused .range').click();
    await wb.page.keyboard.press('a');
    await waitUntil('the revised plan in the panel', async () => (await sidebar.locator('li.step', { hasText: ADDED_STEP }).count()) === 1);
  });

  it('builds, and names each hunk’s plan step by its title, grouped in the plan’s order', async () => {
    await sidebar.getByRole('button', { name: /^(Approve & build|Build)$/ }).click();
    await sidebar.getByText('Build · done').waitFor({ timeout: 90_000 });
    await sidebar.locator('.review-link').click();
    review = await webviewFrame(wb.page, `Review: Build: ${PLAN_TITLE}`);
    await review.locator('.hunk.focused').waitFor({ timeout: 30_000 });
    const chips = await review.locator('.hunk .chip').allTextContents();
    assert.deepEqual([...chips].sort(), [...STEP_TITLES].sort(), 'the step badges do not show the steps’ titles');
    await review.getByRole('button', { name: 'Group hunks by plan step' }).click();
    const groups = await review.locator('.step-head h2').allTextContents();
    assert.deepEqual(
      groups,
      STEP_TITLES.map((t, i) => `Step ${i + 1} · ${t}`),
      'the groups do not follow the plan (the build proposed the last step first)',
    );
    await review.getByRole('button', { name: 'Group hunks by plan step' }).click();
  });

  it('shows what the tripwire found on the hunk, with its code quoted whole', async () => {
    const note = hunkOf('test/report.test.ts').locator('.note.flag');
    assert.equal(
      await note.textContent(),
      ' Tests skipped or focused: added it.skip(. .skip, xit and @pytest.mark.skip turn a test off; .only silently skips all the others.',
    );
    assert.deepEqual(await note.locator('code').allTextContents(), ['it.skip(', '.skip', 'xit', '@pytest.mark.skip', '.only']);
  });

  it('quotes the claim the diff does not back as the agent wrote it, never cut inside its code', async () => {
    const claims = review.locator('.banner.claims li');
    assert.deepEqual(await claims.allTextContents(), ['"npm test passes" is claimed, but no tests check ran.']);
    assert.deepEqual(await claims.locator('code').allTextContents(), ['npm test'], 'the agent’s `npm test` is not shown as code');
  });

  it('wraps a long line side by side, so all of it is on screen', async () => {
    await focusHunk('src/report.ts');
    await wb.page.keyboard.press('l');
    const hunk = hunkOf('src/report.ts');
    await hunk.locator('.sbs').waitFor();
    const cut = await hunk.locator('.sbs .row').evaluateAll((rows) => {
      const box = rows[0]?.closest('.sbs')?.getBoundingClientRect();
      return rows
        .filter((r) => box === undefined || r.getBoundingClientRect().right > box.right + 1 || r.scrollWidth > r.clientWidth + 1)
        .map((r) => r.textContent ?? '');
    });
    assert.deepEqual(cut, [], 'rows reach past the side by side view');
    const longRow = hunk.locator('.sbs .row.k-add', { hasText: 'refunds already taken off' });
    assert.equal(await longRow.locator('.code').textContent(), LONG_LINE);
    const [left, right] = await hunk
      .locator('.pair')
      .filter({ hasText: 'refunds already taken off' })
      .locator('.row')
      .evaluateAll((rows) => rows.map((r) => r.getBoundingClientRect().height));
    assert.ok(left !== undefined && left === right && left > 30, `the long line's pair is not as tall as its wrapped line (${left} / ${right})`);
    await wb.screenshot('review-details-split-dark');
    await wb.setTheme(LIGHT);
    await wb.screenshot('review-details-split-light');
    await wb.setTheme(DARK);
  });

  it('says when a rejection’s reason reaches the agent, in the reject box and on the rejected hunk', async () => {
    await focusHunk('src/report.ts');
    await wb.page.keyboard.press('r');
    assert.equal(await review.locator('.box-fate').textContent(), NEXT_TURN);
    await review.getByRole('textbox', { name: /Why reject it/ }).fill(REASON);
    await wb.page.keyboard.press('Enter');
    const rejected = hunkOf('src/report.ts');
    await rejected.locator('.badge.st-rejected').waitFor();
    assert.equal(await rejected.locator('.note.fate').textContent(), ` ${NEXT_TURN}`);
    await wb.page.keyboard.press('l');
    await wb.screenshot('review-details-dark');

    // What the note says is what happens: the next build's first request carries the reason.
    const before = wb.model?.messageRequests().length ?? 0;
    await sidebar.getByRole('button', { name: 'Build again', exact: true }).click();
    await waitUntil('the next request to the model', () => (wb.model?.messageRequests().length ?? 0) > before, 60_000);
    assert.ok(wb.model?.messageRequests()[before]?.raw.includes(REASON), 'the next build did not hear the reason');
    await sidebar.getByText('Build · done').waitFor({ timeout: 90_000 });
  });

  it('labels each ghost in the editor with its changeset when two builds change one file', async () => {
    await wb.page.keyboard.press('Control+P');
    await wb.page.keyboard.type('format.ts');
    await wb.page.locator('.quick-input-list .monaco-list-row', { hasText: 'format.ts' }).first().click();
    const editor = wb.page.locator('.monaco-editor[data-uri$="/src/format.ts"]');
    await editor.waitFor();
    const ghosts = async () =>
      editor.locator('.view-line span').evaluateAll((spans) =>
        spans
          .map((s) => s.ownerDocument.defaultView?.getComputedStyle(s, '::after').content ?? 'none')
          .filter((c) => c !== 'none' && c !== 'normal' && c !== '')
          .map((c) => JSON.parse(c.replace(/^'|'$/g, '"')) as string)
          .map((c) => c.replace(/\u00a0/g, ' ')),
      );
    await waitUntil('two ghosts on the changed line', async () => (await ghosts()).length === 2);
    assert.deepEqual(
      (await ghosts()).sort(),
      // The ghost keeps the proposed line's indent.
      [`→ [Build: ${PLAN_TITLE} (1)]   return n.toLocaleString('en-US');`, `→ [Build: ${PLAN_TITLE} (2)]   return n.toLocaleString('fr-FR');`],
      'the ghosts do not say which build each belongs to',
    );
    await wb.screenshot('review-details-ghosts-dark');
  });
});
