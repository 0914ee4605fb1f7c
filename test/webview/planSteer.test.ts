import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import type { FrameLocator } from 'playwright-core';
import { asArray, field, type Json, withoutCacheControl } from '../double/json';
import { lastUserText, messagesOf, textReply, toolReply, turnOf, type ScriptFn } from '../double/script';
import { focusTrail } from './support/focus';
import { sidebarWidth } from './support/layout';
import { allLogEntries, runTitle, screenshotInBothThemes, squeezed, usePlanWorkbench, waitFor } from './support/planPanel';
import { repoRoot, type Workbench } from './support/workbench';

const KEPT = 'Prefer a regex split over a loop.';
const EDITED = 'Prefer a regex split over a loop, and keep the export.';
const WITHDRAWN = 'Ignore the tests for now.';
const LEFT_OVER = 'Handle CRLF line endings too.';

/** The first turn of "Steer the agent" answers only when the test has queued its messages. */
let releaseFirstTurn: () => void = () => undefined;
const firstTurn = new Promise<void>((resolve) => (releaseFirstTurn = resolve));

const script: ScriptFn = ({ body }) => {
  const plan = JSON.stringify(field(body, 'system'));
  if (plan.includes('Steer after stop')) {
    if (lastUserText(body).includes(LEFT_OVER)) return textReply('CRLF handled.');
    if (turnOf(body) === 0) return toolReply([{ name: 'read_file', input: { path: 'src/csv.js' } }]);
    // A long, slow answer: the run is still in its second turn when the user presses Stop.
    return textReply('Working through the parser. '.repeat(40), { eventDelayMs: 2_000 });
  }
  if (turnOf(body) === 0) return toolReply([{ name: 'read_file', input: { path: 'src/csv.js' } }], 'Reading the parser.', { hold: firstTurn });
  return textReply('Done.');
};

/** The last message of a request as `type:text` (or `type:tool_use_id`) per block, cache marks left out. */
function lastBlocks(body: Json): string[] {
  const last = withoutCacheControl(messagesOf(body).at(-1) ?? null);
  return asArray(field(last, 'content')).map((b) => `${String(field(b, 'type'))}:${String(field(b, 'text') ?? field(b, 'tool_use_id'))}`);
}

// Steering a running agent from the run card: messages queued, edited, withdrawn, sent at a turn boundary.
describe('Plan panel: messages for a running agent', function () {
  const suite = usePlanWorkbench({ workspaceTemplate: path.join(repoRoot, 'test', 'webview', 'planFixtures', 'steerWorkspace'), model: script });
  let wb: Workbench;
  let frame: FrameLocator;
  before(() => {
    ({ wb, frame } = suite);
  });

  const queued = () => frame.locator('.queued-message');

  it('queues messages during a turn, sends the edited one at the boundary after the tool results, never the withdrawn one', async () => {
    await frame.getByRole('button', { name: /^Steer the agent/ }).click({ timeout: 30_000 });
    await frame.getByRole('button', { name: /^Build$/ }).click();
    await runTitle(frame).filter({ hasText: 'Build · running' }).waitFor({ timeout: 30_000 });
    await waitFor(() => (wb.model?.messageRequests().length ?? 0) >= 1, 'the first turn was not asked');

    const box = frame.getByRole('textbox', { name: 'Message the agent' });
    const trail = await focusTrail(frame, wb.page, frame.getByRole('button', { name: 'Stop the run' }), 8);
    assert.ok(
      trail.some((s) => s.name === 'Message the agent' && s.outline),
      `Tab does not reach the message box, visibly: ${trail.map((s) => s.name).join(' → ')}`,
    );

    // Refused, the text kept: whitespace only, and a message over the limit.
    await box.fill('   \n ');
    await box.press('Enter');
    await frame.getByRole('alert').filter({ hasText: 'A message for the agent cannot be empty.' }).waitFor();
    await box.fill('x'.repeat(20_001));
    await box.press('Enter');
    await frame.getByRole('alert').filter({ hasText: 'at most 20,000 characters; this one has 20,001' }).waitFor();
    assert.equal((await box.inputValue()).length, 20_001, 'the refused message was not kept in the box');
    assert.equal(await queued().count(), 0, 'a refused message was queued');

    // Shift+Enter is a new line; Enter queues. Markup in a message is text.
    await box.fill('');
    await box.pressSequentially(WITHDRAWN.slice(0, 10));
    await box.press('Shift+Enter');
    await box.pressSequentially(WITHDRAWN.slice(10));
    assert.equal(await box.inputValue(), `${WITHDRAWN.slice(0, 10)}\n${WITHDRAWN.slice(10)}`, 'Shift+Enter did not start a new line');
    await box.fill(WITHDRAWN);
    await box.press('Enter');
    await box.fill('<img src=x onerror="document.title=1"> <b>bold</b>');
    await box.press('Enter');
    await box.fill(KEPT);
    await box.press('Enter');
    await waitFor(async () => (await queued().count()) === 3, 'the three messages are not shown as queued');
    assert.equal(await box.inputValue(), '', 'a queued message stays in the box');
    assert.deepEqual(await queued().locator('.badge').allTextContents(), ['queued', 'queued', 'queued']);
    assert.equal(await queued().nth(1).locator('img, b').count(), 0, 'a message was rendered as HTML');
    assert.equal(await queued().nth(1).locator('.queued-text').textContent(), '<img src=x onerror="document.title=1"> <b>bold</b>');
    await queued().nth(1).getByRole('button', { name: 'Withdraw the queued message' }).click();
    await waitFor(async () => (await queued().count()) === 2, 'the withdrawn message is still shown');

    await screenshotInBothThemes(suite, 'plan-steer-queued');
    const wide = (await wb.page.locator('#workbench\\.parts\\.sidebar').boundingBox())?.width ?? 300;
    await sidebarWidth(wb.page, 170);
    await wb.screenshot('plan-steer-queued-narrow-dark');
    await sidebarWidth(wb.page, Math.round(wide));

    // Withdraw the first, edit the last in place.
    await queued().first().getByRole('button', { name: 'Withdraw the queued message' }).click();
    await waitFor(async () => (await queued().count()) === 1, 'the withdrawn message is still shown');
    await queued().first().getByRole('button', { name: 'Edit the queued message' }).click();
    const editor = frame.getByRole('textbox', { name: 'Edit the queued message' });
    await editor.fill(EDITED);
    await editor.press('Enter');
    await queued().first().locator('.queued-text', { hasText: EDITED }).waitFor();
    assert.equal(wb.model?.messageRequests().length, 1, 'the model was asked again before the turn ended');

    releaseFirstTurn();
    await runTitle(frame).filter({ hasText: 'Build · done' }).waitFor({ timeout: 60_000 });
    const requests = wb.model?.messageRequests() ?? [];
    const second = requests[1];
    assert.ok(second, 'the run asked the model only once');
    const blocks = lastBlocks(second.body);
    assert.match(blocks[0] ?? '', /^tool_result:/, `the turn's tool result does not come first: ${blocks.join(' | ')}`);
    assert.deepEqual(blocks.slice(1), [`text:${EDITED}`], 'the edited message is not what the next request carries after the tool result');
    for (const r of requests) {
      const raw = JSON.stringify(r.body);
      assert.ok(!raw.includes(WITHDRAWN) && !raw.includes('onerror') && !raw.includes(KEPT), 'a withdrawn message, or the text before the edit, was sent');
    }
    assert.equal(await queued().count(), 0, 'the sent message still shows as queued');
    const log = await allLogEntries(frame);
    const sentAt = log.findIndex((e) => squeezed(e).includes(squeezed(`You: ${EDITED}`)));
    const readAt = log.findIndex((e) => e.includes('Read'));
    assert.ok(sentAt > readAt && readAt !== -1, `the log does not show the message after the turn it followed: ${log.join(' | ')}`);
    await wb.screenshot('plan-steer-sent-dark');
  });

  it('keeps a message the run was stopped before sending; Continue Run sends it', async () => {
    await frame.getByRole('button', { name: 'Back to plans' }).click();
    await frame.getByRole('button', { name: /^Steer after stop/ }).click();
    const asked = wb.model?.messageRequests().length ?? 0;
    await frame.getByRole('button', { name: /^Build$/ }).click();
    // The second turn streams slowly: queued now, the message waits for its end.
    await waitFor(() => (wb.model?.messageRequests().length ?? 0) >= asked + 2, 'the second turn did not start');
    const box = frame.getByRole('textbox', { name: 'Message the agent' });
    await box.fill(LEFT_OVER);
    await box.press('Enter');
    await queued().first().waitFor();
    await frame.getByRole('button', { name: 'Stop the run' }).click();
    await runTitle(frame).filter({ hasText: 'Build · cancelled' }).waitFor({ timeout: 30_000 });
    const notice = frame.locator('.steer-notice', { hasText: 'The run ended before this was sent — Continue Run sends it.' });
    await notice.waitFor();
    assert.deepEqual(await queued().locator('.badge').allTextContents(), ['not sent']);
    assert.equal(await box.isVisible(), false, 'the box for a running agent shows on an ended run');
    await screenshotInBothThemes(suite, 'plan-steer-not-sent');

    const before = wb.model?.messageRequests().length ?? 0;
    await notice.getByRole('button', { name: 'Continue the run with the queued message' }).click();
    await runTitle(frame).filter({ hasText: 'Build · done' }).waitFor({ timeout: 60_000 });
    const sent = wb.model?.messageRequests().slice(before) ?? [];
    assert.equal(sent.length, 1, `the continued run asked the model ${sent.length} times`);
    assert.equal(lastBlocks(sent[0]!.body).at(-1), `text:${LEFT_OVER}`, 'Continue Run did not send the queued message');
    assert.equal(await queued().count(), 0, 'the sent message is still in the box');
  });
});
