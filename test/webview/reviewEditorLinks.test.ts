// What the ordinary editor asks of the Review panel webview, in the standalone harness: the
// *Review* lens puts a hunk in focus in an open panel; decided hunks offer no Accept/Reject.
import * as assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, startHarnessServer } from '../fixtures/review/server.mjs';

interface Hunk {
  id: string;
  state: string;
  [key: string]: unknown;
}

describe('Review panel webview: links from the editor', function () {
  let server: { url: string; close(): Promise<void> };
  let browser: Browser;
  let page: Page;
  let state: { hunks: Hunk[]; header: unknown };

  before(async () => {
    server = await startHarnessServer();
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });
  beforeEach(async () => {
    page = await browser.newPage({ viewport: { width: 1200, height: 800 } });
    await page.goto(`${server.url}?theme=dark`);
    state = (await page.evaluate(
      '(() => { const s = __synth.state({ hunks: 40, files: 8 }); __harness.send({ type: "state", state: s }); return s; })()',
    )) as typeof state;
    await page.locator('.hunk.focused').waitFor();
  });
  afterEach(async () => {
    await page?.close();
  });

  const send = (message: unknown) => page.evaluate(`__harness.send(${JSON.stringify(message)})`);
  const focusedId = () => page.locator('.hunk.focused').getAttribute('data-id');

  it('a focus message from the host moves focus to that hunk; an unknown or malformed one changes nothing', async () => {
    assert.equal(await focusedId(), 'h0');
    await send({ type: 'focus', hunkId: 'h23' });
    await page.locator('.hunk.focused[data-id="h23"]').waitFor();
    await send({ type: 'focus', hunkId: 'no-such-hunk' });
    await send({ type: 'focus' });
    await send({ type: 'focus', hunkId: 'h2' });
    await page.locator('.hunk.focused[data-id="h2"]').waitFor();
    assert.equal(await page.locator('.hunk.focused').count(), 1, 'exactly one hunk is in focus');
  });

  it('a decided hunk shows no Accept or Reject button; a pending one does', async () => {
    const h0 = { ...state.hunks[0]!, state: 'accepted' };
    await send({ type: 'hunks', hunks: [h0], removed: [], header: state.header });
    await page.locator('.hunk[data-id="h0"].st-accepted').waitFor();
    const actions = (id: string) =>
      page.locator(`.hunk[data-id="${id}"] .actions [data-action]`).evaluateAll((els) => els.map((e) => e.getAttribute('data-action')));
    assert.deepEqual(await actions('h0'), ['split', 'fix', 'open'], 'an accepted hunk still offers accept or reject');
    assert.deepEqual(await actions('h1'), ['accept', 'reject', 'edit', 'split', 'fix', 'open'], 'a pending hunk lost its buttons');
  });
});
