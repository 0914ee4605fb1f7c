import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { FrameLocator } from 'playwright-core';
import { COMMENT, DRAFT_TITLE, holdBuildTurns, planFlowsScript, TEST_REPORT } from '../fixtures/agent/planFlows';
import { lastUserText } from '../double/script';
import {
  allLogEntries,
  logEntries,
  findLogRow,
  logRows,
  runTitle,
  screenshotInBothThemes,
  scrollLog,
  sidebarAfterReload,
  squeezed,
  toggleLogEntry,
  usePlanWorkbench,
  waitFor,
  waitForFile,
  withSidebarWidth,
} from './support/planPanel';
import { repoRoot, type Workbench } from './support/workbench';

const PLAN_FILE = path.join('.redline', 'plans', 'parse-quoted-csv-fields.md');

// The Plan panel's agent flows end to end, as a person would go through them: draft a plan from
// one line, keep the draft after seeing it, revise it by a comment, approve and build it, reload.
describe('Plan panel: draft, revise, build with the scripted model', function () {
  const suite = usePlanWorkbench({ workspaceTemplate: path.join(repoRoot, 'test', 'webview', 'planFixtures', 'agentWorkspace'), model: planFlowsScript });
  let wb: Workbench;
  let frame: FrameLocator;
  before(() => {
    ({ wb, frame } = suite);
  });
  const planText = () => fs.readFileSync(path.join(wb.workspace, PLAN_FILE), 'utf8');

  it('drafts a plan and shows what the draft changes before it is kept', async () => {
    const intent = frame.getByLabel('Draft a new plan with the agent');
    await intent.waitFor({ timeout: 30_000 });
    await intent.fill(DRAFT_TITLE);
    await intent.press('Enter');
    await frame.locator('.doc-title', { hasText: DRAFT_TITLE }).waitFor({ timeout: 30_000 });
    await runTitle(frame).filter({ hasText: 'Plan draft · done' }).waitFor({ timeout: 60_000 });
    await scrollLog(frame, 'top');
    await waitFor(
      async () => (await logEntries(frame)).some((e) => /^▸ Read src\/csv\.js 1–24$/.test(e)),
      'the log does not show the read as one line with its file and lines',
    );

    const card = frame.getByRole('region', { name: 'Changes the agent proposes to this plan' });
    await card.waitFor({ timeout: 20_000 });
    await card.locator('.diff-line.added', { hasText: 'Split on commas outside quotes' }).waitFor();
    assert.ok(!planText().includes('Split on commas outside quotes'), 'the draft was written into the plan before the user kept it');
    assert.ok(await frame.getByRole('button', { name: /^Approve & build/ }).isDisabled(), 'the plan can be built while the draft waits');
    await screenshotInBothThemes(suite, 'plan-flow-draft-waiting');

    await card.getByRole('button', { name: 'Keep the draft' }).click();
    await waitFor(() => planText().includes('- [ ] Split on commas outside quotes'), 'keeping the draft did not write it into the plan');
    await waitFor(async () => (await frame.locator('li.step').count()) === 2, 'the panel does not show the kept steps');
    await card.waitFor({ state: 'detached' });
    assert.match(planText(), /^---\ntitle: Parse quoted CSV fields\nstatus: draft\n/, 'the front matter changed');
  });

  it('revises the plan from a comment on one of its lines', async () => {
    const step = frame.locator('li.step').nth(1);
    const line = Number(await step.getAttribute('data-line'));
    await step.hover();
    await step.locator('.comment-btn').click();
    await frame.getByPlaceholder('What should the agent change here?').fill(COMMENT);
    await frame.getByRole('button', { name: 'Add comment' }).click();
    await frame.getByRole('button', { name: 'Send to agent' }).click();

    const card = frame.getByRole('region', { name: 'Changes the agent proposes to this plan' });
    await card.locator('.diff-line.added', { hasText: 'Accept CRLF line endings' }).waitFor({ timeout: 60_000 });
    const asked = (wb.model?.messageRequests() ?? []).map((r) => lastUserText(r.body));
    assert.ok(
      asked.some((t) => t.includes(`(line ${line + 1}, section Steps) ${COMMENT}`)),
      'the comment did not reach the model with its line and section',
    );
    await frame.locator('.comments-bar').waitFor({ state: 'detached' });
    await wb.screenshot('plan-flow-revision-dark');
    await card.getByRole('button', { name: 'Keep the draft' }).click();
    await waitFor(() => planText().includes('- [ ] Accept CRLF line endings'), 'the revision was not written into the plan');
    await waitFor(async () => (await frame.locator('li.step').count()) === 3, 'the panel does not show the revised steps');
  });

  it('approves and builds: steps tick in the panel and the file, cost rises, the log opens files', async () => {
    // Each build turn answers only when released, so every state between turns is looked at
    // while it lasts, however busy the machine is.
    const turns = holdBuildTurns();
    await frame.getByRole('button', { name: /^Approve & build/ }).click();
    const costs: number[] = [];
    const tokens: number[] = [];
    const sampleStats = async (turn: number) => {
      // Until the build shows, the run view still shows the revision's numbers.
      await waitFor(async () => (await runTitle(frame).textContent())?.startsWith('Build') === true, 'the build did not start');
      await waitFor(async () => {
        const shown = parseCount((await frame.locator('.run-stats .tokens').textContent()) ?? '');
        return shown > (tokens[tokens.length - 1] ?? 0);
      }, `the tokens did not rise after build turn ${turn}`);
      tokens.push(parseCount((await frame.locator('.run-stats .tokens').textContent()) ?? ''));
      costs.push(Number(((await frame.locator('.run-stats .cost').textContent()) ?? '').replace(/[^0-9.]/g, '')));
    };
    for (const turn of [1, 2, 3, 4]) {
      await sampleStats(turn - 1);
      if (turn === 3) {
        // Turn 2 ticked step 1; step 3 is turn 3's, which is held.
        const marks = () => frame.locator('li.step').evaluateAll((lis) => lis.map((li) => li.getAttribute('data-agent') ?? li.getAttribute('data-status')));
        await waitFor(async () => {
          const shown = await marks();
          return shown[0] === 'done' && shown[2] !== 'done';
        }, 'the panel never showed step 1 done while step 3 was still open');
        await waitFor(
          () =>
            /- \[x\] Split on commas outside quotes <!-- id: s1 -->/.test(planText()) && /- \[ \] Accept CRLF line endings <!-- id: s3 -->/.test(planText()),
          'the plan file never had step 1 ticked while step 3 was still open',
        );
      }
      turns.release(turn);
    }
    await runTitle(frame).filter({ hasText: 'Build · done' }).waitFor({ timeout: 90_000 });
    await sampleStats(4);

    assert.ok(
      costs.every((c, i) => i === 0 || c > (costs[i - 1] ?? 0)),
      `the cost did not rise turn by turn: ${costs.join(', ')}`,
    );
    for (const id of ['s1', 's2', 's3']) {
      assert.equal(await frame.locator(`li.step[data-step="${id}"][data-status="done"]`).count(), 1, `step ${id} is not shown done`);
    }
    assert.match(planText(), /- \[x\] Accept CRLF line endings <!-- id: s3 -->/, 'step 3 is not ticked in the file');
    assert.match(planText(), /status: in review/, 'the plan is not in review after the build');
    await frame.getByRole('button', { name: 'Review 2 hunks waiting' }).waitFor();
    assert.match((await frame.locator('.run-stats .context').textContent()) ?? '', /^(<1|\d+)% of context$/, 'the run card shows no context gauge');

    // At the end of the run the log shows its end: the run card grew, the log did not stay behind.
    await waitFor(async () => (await logRows(frame)).at(-1) === 'Run finished', 'the log of the ended run does not show its last line');
    const gap = await frame.locator('.log').evaluate((el) => el.scrollHeight - el.clientHeight - el.scrollTop);
    assert.ok(gap < 18, `the log of the ended run is ${gap} px short of its end`);

    const entries = await allLogEntries(frame);
    for (const line of ['▸ Set step s1 in progress', '▸ Set step s2 done — quotes are dropped by the splitter', '▸ Edited src/csv.js (+10 −3), step s1']) {
      assert.ok(entries.map(squeezed).includes(squeezed(line)), `the log does not show "${line}": ${JSON.stringify(entries)}`);
    }
    // An edit opens to its input, with the old text's real lines.
    await toggleLogEntry(frame, '▸ Edited src/csv.js');
    await waitFor(async () => (await logRows(frame)).includes('old_string:'), 'the edit did not open to its input');
    const rows = await logRows(frame);
    assert.ok(
      rows.some((r) => r.startsWith('function splitLine(line) {')),
      `the input's lines are not lines of their own: ${JSON.stringify(rows)}`,
    );
    assert.ok(!rows.some((r) => r.includes('\\n')), 'the opened input shows escaped newlines');
    await toggleLogEntry(frame, '▾ Edited src/csv.js');
    await waitFor(async () => !(await logRows(frame)).includes('old_string:'), 'the edit did not close again');
    await scrollLog(frame, 'top');
    await screenshotInBothThemes(suite, 'plan-flow-build');

    await frame.locator('.log-row .path', { hasText: 'src/csv.js' }).first().click();
    await wb.page.locator('.tabs-container .tab.active', { hasText: 'csv.js' }).waitFor({ timeout: 20_000 });
  });

  it('opens a clipped result to its whole text, and writes it whole to the Output channel', async () => {
    await toggleLogEntry(frame, `▸ Read ${TEST_REPORT}`);
    const more = await findLogRow(frame, '.log-row .more', /^… \d+ more lines \(show all\)$/);
    const rowsNow = () => frame.locator('.log-sizer').evaluate((el) => Math.round(el.getBoundingClientRect().height / 18));
    const before = await rowsNow();
    await more.click();
    // The report's whole text is asked of the host: its 264 hidden lines come into the log, the last one with them.
    await waitFor(async () => (await rowsNow()) >= before + 264, 'the clipped result did not open to its whole text');
    await findLogRow(frame, '.log-row .more', '▴ Show less');
    const end = await logRows(frame);
    assert.ok(
      end.some((r) => r.endsWith('# skipped 1')),
      `the opened result does not end with its last line: ${JSON.stringify(end)}`,
    );
    // The opened report's end in view, in both themes and in a narrow side bar.
    await screenshotInBothThemes(suite, 'plan-flow-log-opened');
    await withSidebarWidth(wb.page, 170, async () => {
      await findLogRow(frame, '.log-row .more', '▴ Show less');
      await wb.screenshot('plan-flow-log-narrow-dark');
    });
    // Closed again, as the reload test expects to find it.
    await (await findLogRow(frame, '.log-row .more', '▴ Show less')).click();
    await toggleLogEntry(frame, `▾ Read ${TEST_REPORT}`);

    const logFile = await waitForFile(wb.runDir, 'Redline.log');
    await waitFor(() => {
      const text = fs.readFileSync(logFile, 'utf8');
      const read = text.indexOf(`: Read \`${TEST_REPORT}\` 1–304`);
      return read !== -1 && text.indexOf('# skipped 1', read) !== -1 && /run [^:\s]+: Edited `src\/csv\.js` \(\+10 −3\), step s1\n/.test(text);
    }, 'the Output channel does not hold the read with its whole result and the edit with its run id');
  });

  it('finds the same plan, its run and its log after a window reload', async () => {
    const before = { title: await runTitle(frame).textContent(), stats: await frame.locator('.run-stats').textContent(), rows: await logHeight(frame) };
    await wb.runCommand('Developer: Reload Window');
    frame = suite.frame = await sidebarAfterReload(wb.page);
    await frame.locator('.doc-title', { hasText: DRAFT_TITLE }).waitFor({ timeout: 60_000 });
    await runTitle(frame).filter({ hasText: 'Build · done' }).waitFor({ timeout: 30_000 });
    assert.equal(await frame.locator('.run-stats').textContent(), before.stats, 'tokens and cost changed over the reload');
    await waitFor(async () => (await logHeight(frame)) === before.rows, `the log has ${before.rows} rows before the reload and not after`);
    await scrollLog(frame, 'top');
    await waitFor(async () => (await logRows(frame)).some((r) => r.includes('Reading the parser first.')), 'the log after the reload lacks its first text');
    assert.equal(await frame.locator('li.step[data-status="done"]').count(), 3, 'the ticked steps are not shown after the reload');
    await wb.screenshot('plan-flow-reloaded-dark');
  });
});

/** Rows the log holds (its height in rows), not only the ones in the DOM. */
function logHeight(frame: FrameLocator): Promise<number> {
  return frame.locator('.log-sizer').evaluate((el) => Math.round(el.getBoundingClientRect().height / 18));
}

/** "1.6k tokens" → 1600. */
function parseCount(text: string): number {
  const m = /([\d.]+)\s*([kM]?)/.exec(text);
  return m ? Number(m[1]) * (m[2] === 'k' ? 1e3 : m[2] === 'M' ? 1e6 : 1) : NaN;
}
