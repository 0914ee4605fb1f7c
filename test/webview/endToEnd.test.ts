import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { FrameLocator } from 'playwright-core';
import { sidebarWidth } from './support/layout';
import { DARK, LIGHT, editorWebviewFrame, openRedlineSidebar, openWorkbench, repoRoot, screenshotOnFailure, type Workbench } from './support/workbench';

const DEMO = path.join(repoRoot, 'examples', 'demo-workspace');
const REJECT_REASON = 'Keep the accent test running; it is not flaky.';
const LAST_REASON = 'The README can wait for the release notes.';
const FIX_COMMENT = 'Reject a maxLength below 1 with a RangeError';

/** The demo's files after the scripted proposals, computed from the script itself (not typed twice). */
function expectedFiles(): Map<string, string> {
  const script = JSON.parse(fs.readFileSync(path.join(repoRoot, 'examples', 'demo-model.json'), 'utf8')) as {
    rules: { match: { lastUserContains?: string }; reply: { content?: { type: string; name?: string; input?: Record<string, string> }[] } }[];
  };
  const isFix = (r: (typeof script.rules)[number]) => r.match.lastUserContains?.includes("reviewer's comment") === true;
  const uses = [...script.rules.filter((r) => !isFix(r)), ...script.rules.filter(isFix)]
    .flatMap((r) => r.reply.content ?? [])
    .filter((b) => b.name === 'create_file' || b.name === 'propose_edit');
  const files = new Map<string, string>();
  for (const { input } of uses) {
    const file = input!.path!;
    if (input!.content !== undefined) files.set(file, input!.content);
    else if (file === 'test/slugify.test.ts' && input!.new_string!.includes('.skip'))
      continue; // rejected in the review
    else files.set(file, (files.get(file) ?? original(file)).replace(input!.old_string!, input!.new_string!));
  }
  files.set('test/slugify.test.ts:accepted-new-test', files.get('test/slugify.test.ts')!);
  return files;
}

const original = (file: string): string => fs.readFileSync(path.join(DEMO, file), 'utf8');

/** Every file under `dir` with its bytes, for a before/after comparison. */
function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const entry of fs.readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) out[path.relative(dir, path.join(entry.parentPath, entry.name))] = fs.readFileSync(path.join(entry.parentPath, entry.name), 'base64');
  }
  return out;
}

/** File and hunk number of a hunk's label ("src/a.ts, hunk 1 of 2, Pending, …" → "src/a.ts, hunk 1 of 2"). */
const hunkPlace = (label: string | null): string => (label ?? '').split(', ').slice(0, 2).join(', ');

/** Pages with j until the focused hunk's label matches (the label names file, state and flags). */
async function focusHunk(review: FrameLocator, label: RegExp): Promise<void> {
  await review.locator('article.hunk.focused').waitFor();
  for (let i = 0; i < 30; i++) {
    const current = (await review.locator('article.hunk.focused').getAttribute('aria-label')) ?? '';
    if (label.test(current)) return;
    await review.locator('article.hunk.focused').press(i < 15 ? 'j' : 'k');
  }
  throw new Error(`no hunk labelled ${label}`);
}

/**
 * `npm run screenshots` sets REDLINE_DOCS_IMAGES: the README's pictures are taken here, in the dark
 * and the light theme, from the same moments of the loop the test checks.
 */
async function docImage(w: Workbench, name: string): Promise<void> {
  const dir = process.env.REDLINE_DOCS_IMAGES;
  if (!dir) return;
  fs.mkdirSync(dir, { recursive: true });
  await w.page.mouse.move(0, 0);
  await w.page.screenshot({ path: path.join(dir, `${name}-dark.png`) });
  await w.setTheme(LIGHT);
  await w.page.screenshot({ path: path.join(dir, `${name}-light.png`) });
  await w.setTheme(DARK);
}

/** The same moment in a side bar at its narrowest (170 px), both themes, then the width it had. */
async function narrowDocImage(w: Workbench, name: string): Promise<void> {
  if (!process.env.REDLINE_DOCS_IMAGES) return;
  const before = (await w.page.locator('#workbench\\.parts\\.sidebar').boundingBox())?.width ?? 300;
  await sidebarWidth(w.page, 170);
  await docImage(w, `${name}-narrow`);
  await sidebarWidth(w.page, Math.round(before));
}

describe('the whole loop on the demo workspace', function () {
  let wb: Workbench;
  let plan: FrameLocator;
  let outside: string;
  let outsideBefore: Record<string, string>;
  const expected = expectedFiles();
  const read = (file: string): string => fs.readFileSync(path.join(wb.workspace, file), 'utf8');

  before(async () => {
    wb = await openWorkbench({
      theme: DARK,
      workspaceTemplate: path.join(repoRoot, 'examples', 'demo-workspace'),
      model: path.join(repoRoot, 'examples', 'demo-model.json'),
      git: true,
    });
    plan = await openRedlineSidebar(wb.page);
    // A sibling of the workspace with files of its own: the loop must leave it as it is.
    outside = path.join(path.dirname(wb.workspace), 'outside');
    fs.mkdirSync(outside, { recursive: true });
    fs.writeFileSync(path.join(outside, 'notes.txt'), 'not part of the workspace\n');
    fs.cpSync(DEMO, path.join(outside, 'demo-copy'), { recursive: true });
    outsideBefore = snapshot(outside);
  });
  after(async () => {
    await wb?.close();
  });
  screenshotOnFailure(() => wb);

  it('drafts the plan from an intent', async () => {
    const intent = plan.getByLabel('Draft a new plan with the agent');
    await intent.waitFor({ timeout: 30_000 });
    await intent.fill('Cap slug length');
    await intent.press('Enter');
    await plan.getByText(/Plan draft · done/).waitFor({ timeout: 120_000 });
    await wb.screenshot('e2e-1-drafted');
  });

  it('keeps the draft from the review panel, comments on a step, gets the revision', async () => {
    await plan.getByText('Review 1 hunk waiting').click();
    const review = editorWebviewFrame(wb.page);
    await review
      .getByRole('button', { name: /Accept hunk/ })
      .first()
      .waitFor({ timeout: 30_000 });
    await wb.screenshot('e2e-2-review-draft');
    await wb.page.keyboard.press('a');
    await plan.locator('li.step').first().waitFor({ timeout: 30_000 });
    assert.equal(await plan.locator('li.step').count(), 3, 'the accepted draft does not show its three steps');

    const lastStep = plan.locator('li.step').last();
    // Picked, a step shows its comment button wherever the pointer rests, and keeps it when the
    // accepted draft is saved a moment later.
    await lastStep.locator('.step-text').click();
    await lastStep.locator('.comment-btn').click();
    await plan.getByPlaceholder('What should the agent change here?').fill('Also export truncateWords from src/index.ts');
    await plan.getByRole('button', { name: 'Add comment' }).click();
    await plan.getByRole('button', { name: /Send to agent/ }).click();
    await plan.getByText('Review 1 hunk waiting').click();
    await review.getByText('Plan revision', { exact: false }).first().waitFor({ timeout: 30_000 });
    await review.getByText('src/index.ts').first().waitFor({ timeout: 30_000 });
    await wb.page.keyboard.press('a');
    await waitFor(async () => (await plan.locator('li.step').count()) === 4, 'the revised plan does not show a fourth step', 30_000);
    await wb.screenshot('e2e-3-revised-plan');
  });

  it('approves and builds: steps tick, the check runs once allowed, the review waits', async () => {
    await openRedlineSidebar(wb.page);
    await plan.getByRole('button', { name: /Approve & build/ }).click();
    const allow = wb.page.locator('.monaco-dialog-box').getByRole('button', { name: 'Allow for this plan' });
    await allow.waitFor({ timeout: 60_000 });
    await wb.screenshot('e2e-4-check-approval');
    await allow.click();
    await plan.getByText(/Build · done/).waitFor({ timeout: 120_000 });
    await waitFor(async () => (await plan.locator('li.step[data-status="done"]').count()) === 4, 'the four steps are not ticked', 30_000);
    await plan.getByText(/Review \d+ hunks waiting/).waitFor();
    const told = wb.model?.allBodies() ?? '';
    assert.match(told, /npm test \(npm test\): exit code 0/, 'the model was not told that the check passed in the isolated copy');
    assert.match(told, /(# |ℹ )pass 7/, 'the check did not run the seven tests of the proposed code');
    await wb.screenshot('e2e-5-built');
    await docImage(wb, 'plan-panel');
    await narrowDocImage(wb, 'plan-panel');
  });

  it('reviews by keys: rejects the skipped test with a reason, accepts the rest, survives a reload', async () => {
    await plan.getByText(/Review 7 hunks waiting/).click();
    const review = editorWebviewFrame(wb.page);
    await review.locator('article.hunk.focused').waitFor({ timeout: 30_000 });
    await review.locator('article.hunk.focused').click();

    await focusHunk(review, /^test\/slugify\.test\.ts, .*flag/);
    await wb.page.keyboard.press('r');
    await review.getByLabel('Why reject it? (optional, sent to the agent)').fill(REJECT_REASON);
    await wb.page.keyboard.press('Enter');
    await review.locator('article.hunk.st-rejected').first().waitFor();

    for (const file of ['src/truncate.ts', 'test/truncate.test.ts', 'src/index.ts']) {
      await focusHunk(review, new RegExp(`^${file.replace(/[./]/g, '\\$&')}, .*pending`, 'i'));
      await wb.page.keyboard.press('a');
      await waitFor(
        async () => fs.existsSync(path.join(wb.workspace, file)) && read(file) === expected.get(file),
        `${file} is not on disk as proposed`,
        30_000,
      );
    }
    await focusHunk(review, /^test\/slugify\.test\.ts, .*pending/i);
    await wb.page.keyboard.press('a');
    await waitFor(
      async () => read('test/slugify.test.ts') === expected.get('test/slugify.test.ts:accepted-new-test'),
      'the new slugify test did not land alone',
      30_000,
    );
    await wb.screenshot('e2e-6-review-midway');
    await docImage(wb, 'review-panel');

    const focusedBefore = hunkPlace(await review.locator('article.hunk.focused').getAttribute('aria-label'));
    await wb.runCommand('Developer: Reload Window');
    await review.locator('article.hunk.focused').waitFor({ timeout: 60_000 });
    await review.getByText('5 / 7 decided').waitFor({ timeout: 30_000 });
    assert.equal(
      hunkPlace(await review.locator('article.hunk.focused').getAttribute('aria-label')),
      focusedBefore,
      'the review did not come back on the hunk it was on',
    );
  });

  it('asks for a fix, pages on while it runs, accepts the revision, then undoes one acceptance', async () => {
    const review = editorWebviewFrame(wb.page);
    await review.locator('article.hunk.focused').click();
    await focusHunk(review, /^src\/slugify\.ts, .*pending/i);
    await wb.page.keyboard.press('f');
    await review.getByLabel('What should the agent change in this hunk?').fill(FIX_COMMENT);
    await wb.page.keyboard.press('Enter');
    await wb.page.keyboard.press('j');
    await focusHunk(review, /^README\.md, .*pending/i);
    await review.locator('article.hunk', { hasText: 'RangeError' }).waitFor({ timeout: 60_000 });
    await focusHunk(review, /^src\/slugify\.ts, .*pending/i);
    await docImage(wb, 'review-fix');
    assert.ok(wb.model?.allBodies().includes(REJECT_REASON), 'the rejection reason never reached the model');
    await wb.page.keyboard.press('a');
    await waitFor(async () => read('src/slugify.ts') === expected.get('src/slugify.ts'), 'the fixed slugify did not land', 30_000);

    await focusHunk(review, /^README\.md, .*pending/i);
    await wb.page.keyboard.press('a');
    await waitFor(async () => read('README.md') === expected.get('README.md'), 'README was not accepted', 30_000);
    await wb.page.keyboard.press('u');
    await waitFor(async () => read('README.md') === original('README.md'), 'u did not undo the README acceptance', 30_000);
    await review.getByText('6 / 7 decided').waitFor({ timeout: 30_000 });
    await wb.screenshot('e2e-7-reviewed');
  });

  it('ends the review: the last decision moves the plan to done and says what came of it and what is next', async () => {
    const review = editorWebviewFrame(wb.page);
    await review.locator('article.hunk.focused').click();
    await focusHunk(review, /^README\.md, .*pending/i);
    await wb.page.keyboard.press('r');
    await review.getByLabel('Why reject it? (optional, sent to the agent)').fill(LAST_REASON);
    await wb.page.keyboard.press('Enter');
    await review.getByText('7 / 7 decided').waitFor({ timeout: 30_000 });

    // A toast hides itself after a while; the notification centre keeps it.
    const toast = wb.page.locator('.notification-list-item', { hasText: 'review complete' }).first();
    await toast.waitFor({ timeout: 15_000 }).catch(() => wb.runCommand('Notifications: Show Notifications'));
    await toast.waitFor({ timeout: 15_000 });
    assert.match(
      (await toast.textContent()) ?? '',
      /5 hunks accepted in 5 files \(\+\d+ −\d+\), 2 rejected\. The check passed\./,
      'the done moment does not say what came of the review',
    );
    assert.equal(await toast.getByRole('button', { name: 'Commit…' }).count(), 1, 'the done moment does not offer to commit');
    // The README accept undone at once a step earlier never reached a decided review's settling.
    await wb.runCommand('Notifications: Show Notifications');
    assert.equal(
      await wb.page.locator('.notifications-center .notification-list-item', { hasText: 'review complete' }).count(),
      1,
      'the done moment was announced for a review that an undo had reopened',
    );
    await waitFor(async () => /^status: done$/m.test(read('.redline/plans/cap-slug-length.md')), 'the plan did not move on to done', 30_000);

    plan = await openRedlineSidebar(wb.page);
    const done = plan.getByRole('region', { name: 'Review complete' });
    await done.waitFor({ timeout: 30_000 });
    const told = (await done.textContent()) ?? '';
    assert.ok(told.includes(REJECT_REASON) && told.includes(LAST_REASON), `the panel does not list each rejection with its reason: ${told}`);
    await plan.locator('.badge', { hasText: 'done' }).first().waitFor();
    assert.equal(await plan.getByRole('button', { name: /^Review \d+ hunks?$/ }).count(), 0, 'the review is still offered as the next step');
    await wb.screenshot('e2e-7b-done');
    await docImage(wb, 'plan-done');
  });

  it('leaves exactly the accepted bytes on disk, a truthful git status, and nothing touched outside', () => {
    for (const file of ['src/truncate.ts', 'test/truncate.test.ts', 'src/index.ts', 'src/slugify.ts']) {
      assert.equal(read(file), expected.get(file), `${file} is not byte for byte what was accepted`);
    }
    assert.equal(read('test/slugify.test.ts'), expected.get('test/slugify.test.ts:accepted-new-test'), 'the rejected .skip hunk landed');
    assert.equal(read('README.md'), original('README.md'), 'the undone README hunk is still on disk');
    assert.equal(read('package.json'), original('package.json'), 'a file nobody touched changed');
    const status = execFileSync('git', ['status', '--porcelain', '--untracked-files=all'], { cwd: wb.workspace, encoding: 'utf8' })
      .split('\n')
      .filter(Boolean)
      .sort();
    assert.deepEqual(
      status,
      [
        ' M src/index.ts',
        ' M src/slugify.ts',
        ' M test/slugify.test.ts',
        '?? .redline/plans/cap-slug-length.md',
        '?? src/truncate.ts',
        '?? test/truncate.test.ts',
      ],
      'git status of the demo repository',
    );
    assert.deepEqual(snapshot(outside), outsideBefore, 'a file outside the workspace changed');
  });

  it("walks one step off the script: another intent gets the demo model's honest answer and no plan", async () => {
    plan = await openRedlineSidebar(wb.page);
    await plan.getByRole('button', { name: 'Back to plans' }).click();
    const intent = plan.getByLabel('Draft a new plan with the agent');
    await intent.fill('Add a title-case helper');
    await intent.press('Enter');
    await plan.getByText(/the demo model only knows the README's walk-through/i).waitFor({ timeout: 120_000 });
    await plan.getByText(/Plan draft · done/).waitFor({ timeout: 60_000 });
    await wb.screenshot('e2e-8-off-script');
    assert.equal(await plan.getByText(/Review \d+ hunks? waiting/).count(), 0, 'a change was put up for review off the script');
    const plans = path.join(wb.workspace, '.redline', 'plans');
    for (const file of fs.readdirSync(plans).filter((f) => f !== 'cap-slug-length.md')) {
      const text = fs.readFileSync(path.join(plans, file), 'utf8');
      assert.doesNotMatch(text, /Cap slug length|truncateWords/, `the walk-through's plan went into ${file}`);
    }
  });
});

async function waitFor(probe: () => Promise<boolean>, message: string, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await probe())) {
    if (Date.now() > deadline) throw new Error(message);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
