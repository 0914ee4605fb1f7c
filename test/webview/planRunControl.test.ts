import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { FrameLocator } from 'playwright-core';
import { CONTINUE_MESSAGE, LONG_LOG_LINES, planFlowsScript } from '../fixtures/agent/planFlows';
import { focusTrail, type FocusStop } from './support/focus';
import { logRows, runTitle, scrollLog, usePlanWorkbench, waitFor, webviewTheme } from './support/planPanel';
import { DARK, LIGHT, repoRoot, type Workbench } from './support/workbench';

const PLANS = path.join('.redline', 'plans');

// Runs under the user's control: Stop mid-stream, a log of thousands of lines, the keyboard, themes.
describe('Plan panel: stop, long logs, keyboard and themes', function () {
  const suite = usePlanWorkbench({ workspaceTemplate: path.join(repoRoot, 'test', 'webview', 'planFixtures', 'agentWorkspace'), model: planFlowsScript });
  let wb: Workbench;
  let frame: FrameLocator;
  before(() => {
    ({ wb, frame } = suite);
  });

  it('stops a run mid-stream: the stream is cut, and the panel says so', async () => {
    await frame.getByRole('button', { name: /^Slow stream/ }).click({ timeout: 30_000 });
    await frame.getByRole('button', { name: /^Build$/ }).click();
    await waitFor(
      async () => (await logRows(frame)).some((r) => r.startsWith('Explaining the parser at length.')),
      'the slow reply did not start streaming',
      30_000,
    );
    assert.equal(await runTitle(frame).textContent(), 'Build · running', 'the run is not running while its reply streams');
    const asked = wb.model?.messageRequests().length ?? 0;
    const stream = wb.model?.messageRequests().at(-1);
    assert.ok(stream && stream.closed === undefined, 'the slow reply is not streaming when Stop is pressed');

    await frame.getByRole('button', { name: 'Stop the run' }).click();
    // Generous: this is liveness (Stop does not hang), not speed. A run that does not wind down is
    // declared cancelled after a grace period anyway, so the stream is checked at the double: the
    // extension cut it mid-message rather than letting it run on.
    await runTitle(frame).filter({ hasText: 'Build · cancelled' }).waitFor({ timeout: 30_000 });
    await waitFor(() => stream.closed !== undefined, 'the stream was still open after Stop');
    assert.equal(stream.closed, 'cut', 'the stream ran to its end: Stop did not cut it');
    await waitFor(async () => (await logRows(frame)).includes('Run stopped'), 'the log does not say the run stopped');
    await frame.locator('.badge', { hasText: 'approved' }).first().waitFor();
    assert.match(fs.readFileSync(path.join(wb.workspace, PLANS, 'slow-stream.md'), 'utf8'), /status: approved/, 'a stopped build left the plan building');
    await new Promise((r) => setTimeout(r, 1_500));
    assert.equal(wb.model?.messageRequests().length, asked, 'the model was asked again after Stop');
    await wb.screenshot('plan-run-stopped-dark');
  });

  it(`keeps a log of ${LONG_LOG_LINES} lines responsive: a bounded DOM, the end and the start in reach`, async () => {
    await openPlan(frame, /^Long log/);
    await frame.getByRole('button', { name: /^Build$/ }).click();
    await runTitle(frame).filter({ hasText: 'Build · done' }).waitFor({ timeout: 90_000 });
    const rows = await frame.locator('.log-sizer').evaluate((el) => Math.round(el.getBoundingClientRect().height / 18));
    assert.ok(rows >= LONG_LOG_LINES, `the log holds ${rows} rows, fewer than the ${LONG_LOG_LINES} lines streamed`);
    const inDom = await frame.locator('.log-row').count();
    console.log(`    log: ${rows} rows, ${inDom} in the DOM`);
    assert.ok(inDom <= 80, `${inDom} log rows are in the DOM for ${rows} rows`);

    // The log followed the tail while it streamed: the end is in view without scrolling.
    let shown = await logRows(frame);
    assert.equal(shown[shown.length - 1], 'Run finished', 'the log does not end with its last line in view');
    assert.ok(shown.includes(`thinking, line ${LONG_LOG_LINES}`), 'the last streamed line is not near the end of the log');

    // The start and the end are in reach; how fast the log paints is bench/planLog.ts's to measure.
    const jump = async (to: 'top' | 'bottom', expect: string) => {
      await scrollLog(frame, to);
      await waitFor(async () => (await logRows(frame)).includes(expect), `after scrolling to the ${to}, "${expect}" is not shown`);
    };
    await jump('top', 'thinking, line 1');
    await jump('bottom', 'Run finished');
    shown = await logRows(frame);
    assert.ok((await frame.locator('.log-row').count()) <= 80, 'scrolling grew the DOM');
    await wb.screenshot('plan-run-long-log-dark');
  });

  it('continues an ended run from the run view: the message reaches the model and the run goes on', async () => {
    await runTitle(frame).filter({ hasText: 'Build · done' }).waitFor({ timeout: 30_000 });
    const asked = wb.model?.messageRequests().length ?? 0;
    const box = frame.getByLabel('Tell the agent what to do next');
    await box.fill(CONTINUE_MESSAGE);
    await wb.screenshot('plan-run-continue-dark');
    await box.press('Enter');
    await waitFor(async () => (await logRows(frame)).some((r) => r.startsWith('Summed up:')), 'the continued run did not answer in the log', 60_000);
    await runTitle(frame).filter({ hasText: 'Build · done' }).waitFor({ timeout: 30_000 });
    const sent = wb.model?.messageRequests().slice(asked) ?? [];
    assert.equal(sent.length, 1, `the continuation asked the model ${sent.length} times`);
    assert.match(JSON.stringify(sent[0]?.body), /thinking, line 5000/, "the continuation did not carry the run's earlier turns");
    assert.equal(await box.inputValue(), '', 'the sent message stays in the box');
  });

  it('goes through plan, actions, run and list with Tab, every stop visibly focused and named', async () => {
    // A hovered button has another background; the outline must show without the mouse's help.
    await wb.page.mouse.move(700, 500);
    const back = frame.getByRole('button', { name: 'Back to plans' });
    const trail = await focusTrail(frame, wb.page, back, 16);
    assertEveryStop(trail);
    const names = trail.map((s) => s.name);
    console.log(`    Tab order: ${names.join(' → ')}`);
    const order = ['Back to plans', 'Open in editor', 'Edit plan', 'Build again', 'Draft this plan with the agent', 'Draft with agent'];
    assert.deepEqual(names.slice(0, order.length), order, `the plan's toolbar and actions are out of order: ${names.join(' → ')}`);
    const doc = names.findIndex((n) => n.startsWith('Long log: arrow keys'));
    const log = names.indexOf('Run log');
    assert.ok(doc > order.length - 1 && log > doc, `Tab does not go from the actions to the plan and then the run: ${names.join(' → ')}`);

    // Enter on Back returns to the list with the focus on the plan just left; Tab goes on from there.
    await back.focus();
    await wb.page.keyboard.press('Enter');
    await waitFor(
      async () =>
        (await frame
          .locator(':focus')
          .getAttribute('data-id')
          .catch(() => null)) === 'long-log.md',
      'the list does not focus the plan that was open',
    );
    const list = await focusTrail(frame, wb.page, frame.locator('button.plan[data-id="long-log.md"]'), 4);
    assertEveryStop(list);
    assert.deepEqual(
      list.slice(0, 3).map((s) => s.name.split(',')[0]),
      ['Long log', 'Rename Long log', 'Delete Long log'],
      'Tab does not go from a plan to its row actions',
    );
    assert.match(list[3]?.name ?? '', /^Slow stream/, 'Tab does not go on to the next plan');

    // Enter on a plan opens it with the focus at the start of the plan.
    await frame.locator('button.plan[data-id="long-log.md"]').focus();
    await wb.page.keyboard.press('Enter');
    await waitFor(
      async () =>
        (await frame
          .locator(':focus')
          .getAttribute('aria-label')
          .catch(() => null)) === 'Back to plans',
      'opening a plan with Enter leaves the focus nowhere',
    );
    await wb.screenshot('plan-keyboard-dark');
  });

  it('asks before building a plan with no steps, and builds only when told to', async () => {
    await openPlan(frame, /^Without steps/);
    const file = path.join(wb.workspace, PLANS, 'without-steps.md');
    const before = fs.readFileSync(file, 'utf8');
    const asked = wb.model?.messageRequests().length ?? 0;
    const dialog = wb.page.locator('.monaco-dialog-box', { hasText: 'This plan has no steps.' });
    await frame.getByRole('button', { name: /^Build$/ }).click();
    await dialog.waitFor({ timeout: 20_000 });
    await wb.screenshot('plan-no-steps-warning-dark');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'detached' });
    await new Promise((r) => setTimeout(r, 1_000));
    assert.equal(wb.model?.messageRequests().length, asked, 'a build of a plan with no steps started without asking');
    assert.equal(fs.readFileSync(file, 'utf8'), before, 'cancelling the build changed the plan');

    await frame.getByRole('button', { name: /^Build$/ }).click();
    await dialog.getByRole('button', { name: 'Build Anyway' }).click();
    await runTitle(frame)
      .filter({ hasText: /^Build · (done|failed)$/ })
      .waitFor({ timeout: 60_000 });
    assert.ok((wb.model?.messageRequests().length ?? 0) > asked, 'Build Anyway did not build');
  });

  it('discards a draft of an open plan: the file stays as it was', async () => {
    await openPlan(frame, /^Slow stream/);
    const file = path.join(wb.workspace, PLANS, 'slow-stream.md');
    const before = fs.readFileSync(file, 'utf8');
    const intent = frame.getByLabel('Draft this plan with the agent');
    await intent.fill('Rewrite it for CSV parsing');
    await intent.press('Enter');
    const card = frame.getByRole('region', { name: 'Changes the agent proposes to this plan' });
    await card.waitFor({ timeout: 60_000 });
    await card.getByRole('button', { name: 'Discard the draft' }).click();
    await card.waitFor({ state: 'detached' });
    await new Promise((r) => setTimeout(r, 500));
    assert.equal(fs.readFileSync(file, 'utf8'), before, 'discarding the draft changed the plan');
    assert.equal(await frame.getByRole('button', { name: /^Build$/ }).isEnabled(), true, 'the plan cannot be built after the draft was discarded');
  });

  it('shows code spans clearly in the light theme', async () => {
    await openPlan(frame, /^Slow stream/);
    await wb.setTheme(LIGHT);
    await webviewTheme(frame, 'light');
    const edit = frame.getByRole('button', { name: 'Edit plan' });
    await edit.click();
    const editor = frame.locator('textarea.editor');
    await editor.fill((await editor.inputValue()).replace('A build whose model', 'A build whose `model` in `src/csv.js`'));
    await frame.getByRole('button', { name: 'Save plan' }).click();
    const code = frame.locator('.doc-content code').first();
    await code.waitFor({ timeout: 20_000 });
    // WCAG contrast of the chip against the side bar and of the text on the chip. Runs in the
    // webview; its globals are reached through the element (no DOM library here).
    // The plan re-renders after the save: an element read while it is being replaced has no
    // computed style, so read again until the colours are there.
    const measure = () =>
      code.evaluate((el) => {
        const view = el.ownerDocument.defaultView;
        if (!view) return { chip: 0, text: 0, raw: '', styled: false };
        const rgba = (c: string) => (c.match(/[\d.]+/g) ?? []).map(Number);
        const lum = (c: number[]) => {
          const f = (v: number) => ((v /= 255) <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4);
          return 0.2126 * f(c[0] ?? 0) + 0.7152 * f(c[1] ?? 0) + 0.0722 * f(c[2] ?? 0);
        };
        const over = (fg: number[], bg: number[]) => [0, 1, 2].map((i) => (fg[i] ?? 0) * (fg[3] ?? 1) + (bg[i] ?? 0) * (1 - (fg[3] ?? 1)));
        const ratio = (a: number[], b: number[]) => (Math.max(lum(a), lum(b)) + 0.05) / (Math.min(lum(a), lum(b)) + 0.05);
        // The webview's own background is transparent: the side bar's colour is behind it.
        const hex = view.getComputedStyle(el.ownerDocument.documentElement).getPropertyValue('--vscode-sideBar-background').trim();
        const panel = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));
        const style = view.getComputedStyle(el);
        const chip = over(rgba(style.backgroundColor), panel);
        return {
          chip: ratio(chip, panel),
          text: ratio(over(rgba(style.color), chip), chip),
          raw: `${style.color} on ${style.backgroundColor} over ${hex}`,
          styled: style.color !== '' && hex !== '',
        };
      });
    let measured = await measure();
    for (let i = 0; i < 40 && !measured.styled; i++) {
      await new Promise((resolve) => setTimeout(resolve, 250));
      measured = await measure();
    }
    const { chip, text, raw } = measured;
    console.log(`    light theme code span (${raw}): chip ${chip.toFixed(2)}:1 against the panel, text ${text.toFixed(2)}:1 on the chip`);
    await wb.screenshot('plan-code-spans-light');
    await wb.setTheme(DARK);
    assert.ok(chip >= 1.2, `a code span's background is barely there in the light theme (${chip.toFixed(2)}:1)`);
    assert.ok(text >= 4.5, `a code span's text is faint in the light theme (${text.toFixed(2)}:1)`);
  });
});

/** Opens a plan from the list, going back to the list first when a plan is open. */
async function openPlan(frame: FrameLocator, name: RegExp): Promise<void> {
  const back = frame.getByRole('button', { name: 'Back to plans' });
  if ((await back.count()) > 0) await back.click();
  await frame.getByRole('button', { name }).click();
}

function assertEveryStop(trail: readonly FocusStop[]): void {
  for (const stop of trail) {
    assert.ok(stop.name !== '', `a focusable ${stop.tag} has no accessible name`);
    assert.ok(stop.outline, `"${stop.name}" (${stop.tag}) shows no focus outline`);
  }
}
