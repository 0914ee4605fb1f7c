// The real Claude Code CLI, reviewed in the real workbench: *Connect Claude Code* from the palette,
// then `claude -p` in the workspace folder, outside VS Code (its environment is built from nothing,
// so the hook can only find this window through the registry in global storage). The Messages API
// double plays the model; each edit waits in the Review panel until a person decides it there.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { FrameLocator } from 'playwright-core';
import { runAgentCli, type AgentCliRun } from '../agentCli/agentCli';
import { answerToLastTurn, byTurn, editCall, writeCall } from '../double/claudeCode';
import { textReply, type ReplyBlock } from '../double/script';
import { MessagesDouble } from '../double/server';
import { DARK, LIGHT, openWorkbench, screenshotOnFailure, webviewFrame, type Workbench } from './support/workbench';
import { waitUntil } from './support/waits';

const lines = (from: number, to: number, f: (i: number) => string) => Array.from({ length: to - from + 1 }, (_, k) => `${f(from + k)}\n`).join('');
/** 30 lines; the Edit changes lines 3, 15 and 27, far enough apart to be three hunks. */
const ORIGINAL_A = lines(1, 30, (i) => `line ${i}`);
const ORIGINAL_B = 'export const mode = "strict";\nexport const retries = 3;\n';
/** The user's own settings, written compactly: put back by anything but the exact bytes, it would read differently. */
const USER_SETTINGS = '{"env": {"REDLINE_E2E": "1"},   "includeCoAuthoredBy": false}\n';
const NEW_FILE = 'héllo\r\nwörld ✓\n\n\ttail with no final newline';
const SETTINGS = '.claude/settings.local.json';

function makeWorkspace(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'redline-claude-e2e-'));
  fs.writeFileSync(path.join(dir, 'a.txt'), ORIGINAL_A);
  fs.writeFileSync(path.join(dir, 'b.ts'), ORIGINAL_B);
  fs.mkdirSync(path.join(dir, '.claude'));
  fs.writeFileSync(path.join(dir, SETTINGS), USER_SETTINGS);
  return dir;
}

describe('Claude Code connected: its edits are reviewed in the workbench', function () {
  let wb: Workbench;
  let template: string;
  let double: MessagesDouble | undefined;
  let calls = 0;
  const onDisk = (file: string) => fs.readFileSync(path.join(wb.workspace, file), 'utf8');

  before(async () => {
    template = makeWorkspace();
    wb = await openWorkbench({ workspaceTemplate: template, git: true });
    const started = Date.now();
    await wb.runCommand('Redline: Connect Claude Code');
    await waitUntil('the hook in the settings', () => onDisk(SETTINGS).includes('redline-hook'));
    console.log(`    Connect Claude Code: ${Date.now() - started} ms`);
  });
  afterEach(async () => {
    await double?.close();
    double = undefined;
  });
  after(async () => {
    await wb?.close();
    fs.rmSync(template, { recursive: true, force: true });
  });
  screenshotOnFailure(() => wb);

  /**
   * Starts `claude -p` with one tool call then a closing text, and opens the review of that call
   * from the notification, as a person would. Returns the panel and the run, which ends once the
   * edit is decided.
   */
  async function propose(call: ReplyBlock, file: string, tool: 'Edit' | 'Write'): Promise<{ review: FrameLocator; run: Promise<AgentCliRun<'claude-code'>> }> {
    double = await MessagesDouble.start({
      // Each call an id of its own, as a model gives: Redline refuses a tool_use_id it answered before (a replay).
      script: byTurn([
        {
          kind: 'reply',
          content: [{ type: 'text', text: `Changing ${file}.` }, call.type === 'tool_use' ? { ...call, id: `toolu_e2e_${tool}_${++calls}` } : call],
        },
        textReply('Done.'),
      ]),
      thinking: {},
    });
    // A toast hides itself after a while (here at once, in a window without focus); the notification centre keeps it.
    await wb.runCommand('Notifications: Show Notifications');
    const started = Date.now();
    const run = runAgentCli('claude-code', { cwd: wb.workspace, prompt: `Change ${file}`, double, timeoutMs: 150_000 });
    const notice = wb.page.locator('.notification-list-item', { hasText: `Claude Code waits for your review of ${file}` }).first();
    try {
      // The first start of the CLI in a fresh clone's workbench layer once took over 60 s.
      await notice.getByRole('button', { name: 'Review' }).click({ timeout: 120_000 });
    } catch (err) {
      // What the CLI did instead says why no review came: its answer, its requests, its errors.
      const r = await run;
      throw new Error(
        `no review of ${file} was announced (${err instanceof Error ? err.message.split('\n')[0] : String(err)}); ` +
          `claude exit ${r.exitCode}, timed out ${r.timedOut}, ${r.requests.length} model request(s), ${r.durationMs} ms; ` +
          `stderr: ${r.stderr.slice(-1500)}; stdout: ${r.stdout.slice(-1500)}`,
      );
    }
    const review = await webviewFrame(wb.page, `Review: Claude Code: ${tool} ${file}`);
    await review.locator('.hunk').first().waitFor({ timeout: 30_000 });
    console.log(`    claude -p started → ${tool} of ${file} in the Review panel: ${Date.now() - started} ms`);
    return { review, run };
  }

  async function finished(run: Promise<AgentCliRun<'claude-code'>>): Promise<AgentCliRun<'claude-code'>> {
    const result = await run;
    assert.equal(result.timedOut, false, `the CLI finished: ${result.stderr}`);
    assert.equal(result.exitCode, 0, `claude exit code: ${result.stderr}${result.stdout}`);
    assert.deepEqual(result.otherRequests, [], 'only POST /v1/messages');
    assert.equal(result.requests.length, 2, 'the tool turn and the closing turn');
    console.log(`    claude printed: ${JSON.stringify(result.stdout.trim())} (${result.durationMs} ms)`);
    return result;
  }

  /** The one tool result the model read in its next request. */
  function toolResult(result: AgentCliRun<'claude-code'>): { isError: boolean; text: string } {
    const answer = answerToLastTurn(result.requests[1]!.body);
    assert.equal(answer.toolResults.length, 1, 'one tool result');
    return answer.toolResults[0]!;
  }

  async function reject(review: FrameLocator, hunk: string, reason: string): Promise<void> {
    await review.locator(hunk).locator('[data-action="reject"]').click();
    const box = review.getByRole('textbox', { name: /Why reject it/ });
    await box.fill(reason);
    await box.press('Enter');
    await review.locator(hunk).locator('.badge.st-rejected').waitFor();
  }

  it('an Edit of three hunks, two accepted and one rejected with a reason: the file holds those two, the model reads the reason', async () => {
    const file = path.join(wb.workspace, 'a.txt');
    const edited = ORIGINAL_A.replace('line 3\n', 'LINE 3\n').replace('line 15\n', 'LINE 15\n').replace('line 27\n', 'LINE 27\n');
    const { review, run } = await propose(
      editCall(
        file,
        lines(2, 28, (i) => `line ${i}`),
        lines(2, 28, (i) => `line ${i}`).replace(/^line (3|15|27)$/gm, 'LINE $1'),
      ),
      'a.txt',
      'Edit',
    );
    const hunk = (n: number) => `.hunk[aria-label^="a.txt, hunk ${n} of 3"]`;
    assert.equal(await review.locator('.hunk').count(), 3, 'the Edit must make three hunks');
    assert.match((await review.locator('.panel-head .source').textContent()) ?? '', /^Claude Code · [0-9a-f]{8}$/);
    await wb.runCommand('Redline: Focus on Changesets View');
    const row = wb.page.locator('.monaco-list-row', { hasText: 'Claude Code: Edit a.txt' }).first();
    await row.hover();
    const tooltip = wb.page.locator('.monaco-hover, .workbench-hover', { hasText: /Claude Code: Edit a\.txt \(Claude Code · [0-9a-f]{8}\): 1 file\(s\)/ });
    await tooltip.first().waitFor({ timeout: 10_000 });
    await wb.screenshot('claude-code-review-dark');
    await wb.setTheme(LIGHT);
    await row.hover();
    await wb.screenshot('claude-code-review-light');
    await wb.setTheme(DARK);

    // The Agents view: the connected agent and the edit it waits for, with how long it has waited.
    await wb.runCommand('Redline: Focus on Agents View');
    await wb.page
      .locator('.monaco-list-row', { hasText: /Claude Code.*connected · 1 waiting/ })
      .first()
      .waitFor({ timeout: 10_000 });
    await wb.page
      .locator('.monaco-list-row', { hasText: /a\.txt.*waiting < 1 min/ })
      .first()
      .waitFor({ timeout: 10_000 });
    await wb.screenshot('agents-view-dark');
    await wb.setTheme(LIGHT);
    await wb.screenshot('agents-view-light');
    await wb.setTheme(DARK);
    await docImages(wb, 'agent-review');

    const reason = 'Keep line 15 in lower case: the parser matches it';
    await review.locator(hunk(1)).locator('[data-action="accept"]').click();
    await review.locator(hunk(1)).locator('.badge.st-accepted').waitFor();
    await reject(review, hunk(2), reason);
    await new Promise((resolve) => setTimeout(resolve, 500));
    assert.equal(onDisk('a.txt'), ORIGINAL_A, 'the accepts are held for the agent’s own tool while it waits');
    await review.locator(hunk(3)).locator('[data-action="accept"]').click();

    const result = await finished(run);
    assert.equal(onDisk('a.txt'), edited.replace('LINE 15\n', 'line 15\n'), 'the file must hold exactly the two accepted hunks');
    const answer = answerToLastTurn(result.requests[1]!.body);
    console.log(`    the model read: ${JSON.stringify(answer)}`);
    assert.deepEqual(
      answer.toolResults.map((r) => r.isError),
      [false],
      'the edit landed: the tool result is a success',
    );
    assert.deepEqual(answer.notes, [
      `PreToolUse:Edit hook additional context: The user reviewed this edit in Redline and accepted only part of it: ${file} now holds hunk 1 of 3 (line 3), hunk 3 of 3 (line 27), and not the rest. Read ${file} before you edit it next.\nRejected: hunk 2 of 3 (line 15): ${reason}.`,
    ]);
    await review.locator(hunk(1)).locator('.badge.st-accepted').waitFor();
    await review.locator(hunk(2)).locator('.badge.st-rejected').waitFor();
    await review.locator(hunk(3)).locator('.badge.st-accepted').waitFor();
  });

  it('a Write to an existing file rejected with a reason: the file is untouched, the model reads the reason', async () => {
    const file = path.join(wb.workspace, 'b.ts');
    const { review, run } = await propose(writeCall(file, ORIGINAL_B.replace('"strict"', '"loose"')), 'b.ts', 'Write');
    const reason = 'Strict mode stays: loose lets bad input through';
    await reject(review, '.hunk[aria-label^="b.ts, hunk 1 of 1"]', reason);

    const result = await finished(run);
    assert.equal(onDisk('b.ts'), ORIGINAL_B, 'a rejected Write must leave the file as it was');
    const told = toolResult(result);
    console.log(`    the model read: ${JSON.stringify(told)}`);
    assert.equal(told.isError, true);
    assert.equal(
      told.text,
      `PreToolUse:Write hook error: The user rejected this edit in Redline; nothing was written to ${file}.\nRejected: hunk 1 of 1 (line 1): ${reason}.`,
    );
  });

  it('a Write of a new file accepted: written byte for byte', async () => {
    const { review, run } = await propose(writeCall(path.join(wb.workspace, 'src', 'new.txt'), NEW_FILE), 'src/new.txt', 'Write');
    await review.locator('.hunk[aria-label^="src/new.txt, hunk 1 of 1"]').locator('[data-action="accept"]').click();

    const result = await finished(run);
    assert.equal(fs.readFileSync(path.join(wb.workspace, 'src', 'new.txt'), 'latin1'), Buffer.from(NEW_FILE, 'utf8').toString('latin1'));
    const told = toolResult(result);
    console.log(`    the model read: ${JSON.stringify(told)}`);
    assert.equal(told.isError, false, 'the agent’s own Write created the file');
  });

  it('Disconnect Claude Code puts back the settings file byte for byte', async () => {
    assert.notEqual(onDisk(SETTINGS), USER_SETTINGS, 'Connect must have changed the file');
    await wb.runCommand('Redline: Disconnect Claude Code');
    await waitUntil('the settings as they were', () => !onDisk(SETTINGS).includes('redline-hook'));
    assert.equal(onDisk(SETTINGS), USER_SETTINGS);
  });
});

/** `npm run screenshots` sets REDLINE_DOCS_IMAGES: the README's pictures of an agent's edit under review. */
async function docImages(w: Workbench, name: string): Promise<void> {
  const dir = process.env.REDLINE_DOCS_IMAGES;
  if (!dir) return;
  fs.mkdirSync(dir, { recursive: true });
  await w.page.mouse.move(0, 0);
  await w.page.screenshot({ path: path.join(dir, `${name}-dark.png`) });
  await w.setTheme(LIGHT);
  await w.page.screenshot({ path: path.join(dir, `${name}-light.png`) });
  await w.setTheme(DARK);
}
