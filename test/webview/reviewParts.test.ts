// A large changeset reaches the Review panel in parts (`stateParts`): the first hunks paint while
// the rest is on its way, bulk decisions wait for every hunk, and a focus restored after a reload
// lands on its hunk when that hunk's part comes. The built bundle in headless Chromium with the
// fake VS Code host (test/fixtures/review/), parts cut by the extension's own `stateParts`.
import * as assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import { stateParts } from '../../src/core/review/stateParts';
import { launchChromium, startHarnessServer } from '../fixtures/review/server.mjs';

interface State {
  changesetId: string;
  hunks: { id: string }[];
}

/** Posts `state` as the host does: its first part as the state, the others as `moreHunks`, all at once. */
async function sendInParts(page: Page, opts: { hunks: number; files: number; focus?: string }): Promise<State> {
  // The synthetic changeset leaves some files without hunks: cut the hunks it has.
  const count = (await page.evaluate(`(window.__state = __synth.state(${JSON.stringify(opts)})).hunks.length`)) as number;
  const sizes = stateParts(Array.from({ length: count })).map((p) => p.length);
  const script = `(() => {
    const o = ${JSON.stringify(opts)};
    const state = { ...window.__state, ...(o.focus ? { focus: o.focus } : {}) };
    let at = 0;
    ${JSON.stringify(sizes)}.forEach((size, i) => {
      const hunks = state.hunks.slice(at, at + size);
      at += size;
      const more = state.hunks.length - at;
      __harness.send(i === 0 ? { type: 'state', state: { ...state, hunks, ...(more > 0 ? { more } : {}) } } : { type: 'moreHunks', changesetId: state.changesetId, hunks, more });
    });
    return state;
  })()`;
  return (await page.evaluate(script)) as State;
}

describe('Review panel webview: a large changeset in parts', function () {
  let server: { url: string; close(): Promise<void> };
  let browser: Browser;
  let page: Page;
  let problems: string[];

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
    problems = [];
    page.on('pageerror', (e) => problems.push(e.message));
    page.on('console', (m) => m.type() === 'error' && problems.push(m.text()));
    await page.goto(`${server.url}?theme=dark`);
  });
  afterEach(async () => {
    await page.close();
    assert.deepEqual(problems, [], 'the page logged errors');
  });

  const progress = async () => (await page.locator('.progress-text').textContent()) ?? '';

  it('shows every hunk once the parts are in, counts them all, and decides them all only then', async () => {
    await sendInParts(page, { hunks: 3000, files: 300 });
    await page.locator('.hunk.focused').waitFor();
    await page
      .locator('.progress-text')
      .filter({ hasNotText: /loading/ })
      .waitFor({ timeout: 30_000 });
    assert.match(await progress(), /\/ 2990 decided/, 'the count is of every hunk');
    assert.equal(await page.locator('[data-action="acceptAll"]').isDisabled(), false, 'Accept all is on once every hunk is here');
    await page.keyboard.press('G');
    const last = await page.locator('.hunk.focused').getAttribute('data-id');
    assert.equal(last, (await page.evaluate('window.__state.hunks.at(-1).id')) as string, 'the last hunk of the last part is reachable');
    assert.equal(await page.locator(`.hunk[data-id="${last}"]`).count(), 1, 'the last hunk is listed once');
  });

  it('keeps Accept all off and says how many are loading while parts are on their way', async () => {
    // Only the first part: the rest never comes, as if the host were still sending.
    await page.evaluate(`(() => {
      const state = __synth.state({ hunks: 1000, files: 100 });
      __harness.send({ type: 'state', state: { ...state, hunks: state.hunks.slice(0, 150), more: 850 } });
    })()`);
    await page.locator('.hunk.focused').waitFor();
    assert.match(await progress(), /\/ 1000 decided.*loading 850/, 'the header counts what is still coming');
    assert.equal(await page.locator('[data-action="acceptAll"]').isDisabled(), true, 'Accept all waits for every hunk');
    assert.equal(await page.locator('[data-action="rejectAll"]').isDisabled(), true, 'so does Reject all');
  });

  it('focuses the hunk a reload restores when its part comes, unless the user moved on', async () => {
    await sendInParts(page, { hunks: 3000, files: 300, focus: 'h2500' });
    await page.locator('.hunk.focused[data-id="h2500"]').waitFor({ timeout: 30_000 });
    assert.ok(await page.locator('.hunk.focused').isVisible(), 'the restored hunk is on screen');
  });
});
