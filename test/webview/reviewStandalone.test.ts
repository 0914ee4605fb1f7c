// The Review panel webview on its own: the built bundle (dist/webview/review.js) in headless
// Chromium with a fake VS Code host (test/fixtures/review/), under the webview's CSP. The host side
// is faked by posting protocol messages and reading what the panel posted back.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchChromium, repoRoot, startHarnessServer } from '../fixtures/review/server.mjs';

interface Posted {
  type: string;
  [key: string]: unknown;
}
type Line = [number, string, number[]?];
interface Hunk {
  id: string;
  file: number;
  state: string;
  lines: Line[];
  flags: { id: string; reason: string }[];
  [key: string]: unknown;
}
interface State {
  changesetId: string;
  header: Record<string, unknown>;
  files: { path: string }[];
  hunks: Hunk[];
  layout: string;
}

/** The webview's messages that can be refused, each with a request id. */
const ACTIONS = new Set(['decide', 'decideLines', 'decideFile', 'decideAll', 'split', 'refresh', 'undo', 'requestFix']);

async function js<T>(page: Page, expression: string): Promise<T> {
  return (await page.evaluate(expression)) as T;
}

/**
 * Polls `probe` until it holds, for a state the panel reaches on its own time (an idle callback, a
 * debounced save), where a fixed delay is a race a busy machine loses; fails with `message()`.
 */
async function eventually(probe: () => Promise<boolean>, message: () => Promise<string>, ms = 20_000): Promise<void> {
  const until = Date.now() + ms;
  while (!(await probe())) {
    if (Date.now() > until) assert.fail(await message());
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('Review panel webview (standalone harness)', function () {
  let server: { url: string; close(): Promise<void> };
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let problems: string[];

  before(async () => {
    assert.ok(fs.existsSync(path.join(repoRoot, 'dist', 'webview', 'review.js')), 'dist/webview/review.js is missing: run node scripts/build.mjs');
    server = await startHarnessServer();
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });

  async function open(opts: { theme?: 'dark' | 'light'; width?: number; height?: number } = {}): Promise<void> {
    context = await browser.newContext({ viewport: { width: opts.width ?? 1200, height: opts.height ?? 800 } });
    page = await context.newPage();
    problems = [];
    // A CSP violation (an inline style, say) or an exception shows up here and fails the test.
    page.on('console', (m) => {
      if (m.type() === 'error') problems.push(m.text());
    });
    page.on('pageerror', (e) => problems.push(e.message));
    await page.goto(`${server.url}?theme=${opts.theme ?? 'dark'}`);
  }

  afterEach(async function () {
    const seen = problems;
    await context?.close();
    if (this.currentTest?.state === 'passed') assert.deepEqual(seen, [], 'the page logged errors');
  });

  async function load(opts: Record<string, unknown> = {}): Promise<State> {
    const state = await js<State>(
      page,
      `(() => { const s = __synth.state(${JSON.stringify(opts)}); __harness.send({ type: 'state', state: s }); return s; })()`,
    );
    await page.locator('.hunk.focused').waitFor();
    return state;
  }

  const posted = () => js<Posted[]>(page, '__harness.posted');
  // `focus` is posted on its own (debounced) as the user pages; the tests look at the actions.
  // An action must carry a request id (checked here); the tests compare the rest.
  const lastPosted = async () => {
    const last = (await posted()).filter((m) => m.type !== 'focus').at(-1);
    if (!last || !ACTIONS.has(last.type)) return last;
    const { requestId, ...rest } = last;
    assert.ok(Number.isSafeInteger(requestId), `${last.type} was posted without a request id`);
    return rest;
  };
  const focusedId = () => page.locator('.hunk.focused').getAttribute('data-id');
  const send = (message: unknown) => page.evaluate(`__harness.send(${JSON.stringify(message)})`);

  it('renders the header, files and the first pending hunk in focus, and says ready', async () => {
    await open();
    await load({ hunks: 40, files: 8 });
    assert.deepEqual((await posted())[0], { type: 'ready' }, 'the first message is not ready');
    await page.getByRole('heading', { name: 'Add a streaming CSV parser' }).waitFor();
    const progress = await page.locator('.progress-text').textContent();
    assert.match(progress ?? '', /^\d+ \/ 35 decided/, `progress reads "${progress}"`);
    assert.equal(await page.locator('.banner.claims li').count(), 1, 'the claim mismatch banner is missing');
    assert.equal(await focusedId(), 'h0', 'the first pending hunk is not in focus');
    const first = page.locator('.hunk[data-id="h0"]');
    assert.ok((await first.locator('.row .ln').first().textContent())?.match(/^\d+$/), 'no line numbers');
    assert.ok((await first.locator('.em-add').count()) > 0, 'no word emphasis on added lines');
    assert.ok((await first.locator('.tk-kw').count()) > 0, 'no syntax colours');
    assert.equal(await page.evaluate('document.activeElement?.dataset?.id'), 'h0', 'the focused hunk does not hold keyboard focus');
  });

  it('pages with j / k and by file with J / K', async () => {
    await open();
    const state = await load({ hunks: 40, files: 8 });
    await page.keyboard.press('j');
    assert.equal(await focusedId(), 'h1', 'j did not move to the next hunk');
    await page.keyboard.press('j');
    await page.keyboard.press('k');
    assert.equal(await focusedId(), 'h1', 'k did not move back');
    await page.keyboard.press('J');
    const firstOfFile1 = state.hunks.find((h) => h.file === 1)?.id;
    assert.equal(await focusedId(), firstOfFile1, 'J did not move to the first hunk of the next file');
    await page.keyboard.press('K');
    assert.equal(await focusedId(), 'h0', 'K did not move to the first hunk of the previous file');
  });

  it('a posts decide for the focused hunk and moves to the next pending hunk', async () => {
    await open();
    await load({ hunks: 40, files: 8 });
    await page.keyboard.press('a');
    assert.deepEqual(await lastPosted(), { type: 'decide', hunkId: 'h0', decision: 'accept' });
    assert.equal(await focusedId(), 'h1', 'focus did not move on to the next pending hunk');
    assert.equal(await page.locator('.hunk[data-id="h0"] .flight').textContent(), 'Accepting…');
  });

  it("an error for one request lands that request's hunk only; another decision stays in flight", async () => {
    await open();
    await load({ hunks: 40, files: 8 });
    await page.keyboard.press('a');
    await page.keyboard.press('a');
    const decided = (await posted()).filter((m) => m.type === 'decide');
    const first = decided.find((m) => m.hunkId === 'h0');
    const second = decided.find((m) => m.hunkId === 'h1');
    assert.ok(first && second && first.requestId !== second.requestId, `two decisions, two request ids: ${JSON.stringify(decided)}`);
    await send({ type: 'notice', level: 'error', message: 'the document changed', requestId: first.requestId });
    await page.locator('.hunk[data-id="h0"] .flight').waitFor({ state: 'detached' });
    assert.equal(
      await page.locator('.hunk[data-id="h1"] .flight').textContent(),
      'Accepting…',
      'the other request stopped waiting on a refusal that was not its own',
    );
  });

  it('r opens a reason box; keys type into it; Enter rejects with the reason; Esc cancels', async () => {
    await open();
    await load({ hunks: 40, files: 8 });
    await page.keyboard.press('r');
    const box = page.locator('.hunk[data-id="h0"] textarea.box-input');
    await box.waitFor();
    assert.equal(await page.evaluate('document.activeElement?.classList.contains("box-input")'), true, 'the reason box is not focused');
    await page.keyboard.type('just a rename, keep it');
    assert.equal(await focusedId(), 'h0', 'typing j in the box paged');
    await page.keyboard.press('Enter');
    assert.deepEqual(await lastPosted(), { type: 'decide', hunkId: 'h0', decision: 'reject', reason: 'just a rename, keep it' });
    assert.equal(await focusedId(), 'h1', 'focus did not move on after the reject');
    await page.keyboard.press('r');
    await page.keyboard.type('no');
    await page.keyboard.press('Escape');
    assert.equal(await page.locator('textarea.box-input').count(), 0, 'Esc did not close the box');
    assert.equal((await lastPosted())?.type, 'decide', 'Esc posted something');
    assert.equal((await posted()).filter((m) => m.type === 'decide').length, 1, 'Esc rejected the hunk');
  });

  it('s splits a hunk with context inside; on one that cannot split it selects lines', async () => {
    await open();
    await load({ hunks: 40, files: 8 });
    await page.keyboard.press('j'); // h1 has two change blocks (synthetic: k % 3 === 1)
    await page.keyboard.press('s');
    assert.deepEqual(await lastPosted(), { type: 'split', hunkId: 'h1' });
    await page.keyboard.press('k');
    await page.keyboard.press('s');
    await page.locator('.hunk[data-id="h0"] .selbar').waitFor();
  });

  it('line selection by keys and by mouse posts decideLines with indexes into the hunk lines', async () => {
    await open();
    const state = await load({ hunks: 40, files: 8 });
    const changed = (state.hunks[0] as Hunk).lines.flatMap((l, i) => (l[0] !== 0 ? [i] : []));
    await page.keyboard.press('v');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press(' ');
    await page.keyboard.press('Shift+ArrowDown');
    await page.keyboard.press('a');
    assert.deepEqual(await lastPosted(), { type: 'decideLines', hunkId: 'h0', lines: [changed[1], changed[2]], decision: 'accept' });
    // Mouse: a click in the gutter of a changed line of the next hunk, then Shift+click.
    await page.keyboard.press('j');
    const h1 = (state.hunks[1] as Hunk).lines.flatMap((l, i) => (l[0] !== 0 ? [i] : []));
    const rows = page.locator('.hunk[data-id="h1"] .row[data-line]');
    await rows.nth(0).locator('.ln').first().click();
    await rows
      .nth(2)
      .locator('.ln')
      .first()
      .click({ modifiers: ['Shift'] });
    await page.locator('.hunk[data-id="h1"] [data-action="rejectLines"]').click();
    assert.deepEqual(await lastPosted(), { type: 'decideLines', hunkId: 'h1', lines: h1.slice(0, 3), decision: 'reject' });
  });

  it('f sends a fix request, paging goes on, and the running fix shows on the hunk', async () => {
    await open();
    const state = await load({ hunks: 40, files: 8 });
    await page.keyboard.press('f');
    await page.keyboard.type('use a Map here');
    await page.keyboard.press('Control+Enter');
    assert.deepEqual(await lastPosted(), { type: 'requestFix', hunkId: 'h0', comment: 'use a Map here' });
    await page.keyboard.press('j');
    await page.keyboard.press('j');
    assert.equal(await focusedId(), 'h2', 'paging stopped after the fix request');
    const h0 = { ...(state.hunks[0] as Hunk), fixing: true };
    await send({ type: 'hunks', hunks: [h0], removed: [], header: state.header });
    await page.locator('.hunk[data-id="h0"] .fixing').waitFor();
    assert.equal(await focusedId(), 'h2', 'the update moved the focus');
  });

  it('u posts undo and brings focus back to the last decided hunk', async () => {
    await open();
    await load({ hunks: 40, files: 8 });
    await page.keyboard.press('a');
    await page.keyboard.press('u');
    assert.deepEqual(await lastPosted(), { type: 'undo' });
    assert.equal(await focusedId(), 'h0');
  });

  it('the layout toggle posts setLayout and renders side by side', async () => {
    await open();
    await load({ hunks: 40, files: 8 });
    await page.getByRole('button', { name: 'Side-by-side layout' }).click();
    assert.deepEqual(await lastPosted(), { type: 'setLayout', layout: 'split' });
    await page.locator('.hunk[data-id="h0"] .sbs .pair').first().waitFor();
    // Each line of the grid holds one row of each side, so the sides line up whatever wraps.
    const pairs = await page
      .locator('.hunk[data-id="h0"] .sbs .pair')
      .evaluateAll((els) =>
        els.map((p) => [...p.children].map((c) => (c.classList.contains('left') ? 'left' : c.classList.contains('right') ? 'right' : '?')).join(' ')),
      );
    assert.ok(pairs.length > 0 && pairs.every((p) => p === 'left right'), `the sides do not line up: ${JSON.stringify(pairs)}`);
    await page.keyboard.press('l');
    assert.deepEqual(await lastPosted(), { type: 'setLayout', layout: 'unified' });
    assert.equal(await page.locator('.sbs').count(), 0, 'still side by side');
  });

  it('? lists every key in a dialog; Esc closes it', async () => {
    await open();
    await load();
    await page.keyboard.press('?');
    const dialog = page.getByRole('dialog', { name: 'Keyboard' });
    await dialog.waitFor();
    for (const key of ['j', 'k', 'Shift+J', 'Shift+K', 'a', 'r', 's', 'f', 'Shift+A', 'Shift+R', 'u', 'Enter', '?']) {
      assert.equal(await dialog.locator('kbd', { hasText: new RegExp(`^${key.replace(/[?+]/g, '\\$&')}$`) }).count(), 1, `the overlay does not list ${key}`);
    }
    await page.keyboard.press('j');
    assert.equal(await focusedId(), 'h0', 'keys act behind the overlay');
    await page.keyboard.press('Escape');
    assert.equal(await dialog.count(), 0, 'Esc did not close the overlay');
  });

  it('an incremental hunks update repaints only those hunks and a split inserts the pieces in place', async () => {
    await open();
    const state = await load({ hunks: 40, files: 8 });
    // The first paint holds a window of hunks; the rest arrive when the page is idle.
    await page.locator('.hunk[data-id="h2"]').waitFor({ state: 'attached' });
    await page.evaluate('document.querySelector(\'.hunk[data-id="h2"]\').__marker = 1');
    const h0 = { ...(state.hunks[0] as Hunk), state: 'accepted' };
    await send({ type: 'hunks', hunks: [h0], removed: [], header: state.header });
    await page.locator('.hunk[data-id="h0"].st-accepted').waitFor();
    assert.equal(await page.evaluate('document.querySelector(\'.hunk[data-id="h2"]\').__marker'), 1, 'an unchanged hunk was re-rendered');
    assert.match((await page.locator('.progress-text').textContent()) ?? '', /^5 \/ 35/, 'progress did not count the accepted hunk');
    const h1 = state.hunks[1] as Hunk;
    const pieceA = { ...h1, id: 'h1a', lines: h1.lines.slice(0, 5) };
    const pieceB = { ...h1, id: 'h1b', lines: h1.lines.slice(5), oldStart: (h1.oldStart as number) + 4, newStart: (h1.newStart as number) + 4 };
    await send({ type: 'hunks', hunks: [pieceA, pieceB], removed: ['h1'], header: state.header });
    await page.locator('.hunk[data-id="h1b"]').waitFor();
    // The rest mounts when idle. A locator, not waitForFunction: polling a string predicate is an
    // eval, which the page's CSP refuses.
    await page.locator('.hunk').nth(3).waitFor({ state: 'attached' });
    const order = await js<string[]>(page, '[...document.querySelectorAll(".hunk")].map((e) => e.dataset.id).slice(0, 4)');
    assert.deepEqual(order, ['h0', 'h1a', 'h1b', 'h2'], 'the split pieces are not where the hunk was');
  });

  it('a split at the end of the list keeps the focused piece in view', async () => {
    // Few hunks in a tall panel: all are mounted, so a rebuild briefly empties the list and the
    // browser clamps its scroll position to the top.
    await open({ height: 1400 });
    const state = await load({ hunks: 8, files: 3 });
    await page.keyboard.press('G');
    await page.keyboard.press('k');
    const id = await focusedId();
    const hunk = state.hunks.find((h) => h.id === id) as Hunk;
    const pieceA = { ...hunk, id: `${hunk.id}a`, lines: hunk.lines.slice(0, 5) };
    const pieceB = { ...hunk, id: `${hunk.id}b`, lines: hunk.lines.slice(5), oldStart: (hunk.oldStart as number) + 4, newStart: (hunk.newStart as number) + 4 };
    await send({ type: 'hunks', hunks: [pieceA, pieceB], removed: [hunk.id], header: state.header });
    await page.locator(`.hunk[data-id="${pieceA.id}"].focused`).waitFor();
    const box = () =>
      page.locator('.hunk.focused').evaluate((el) => {
        const r = el.getBoundingClientRect();
        const list = el.closest('main.hunks')?.getBoundingClientRect();
        return { top: r.top, listTop: list?.top ?? NaN, listBottom: list?.bottom ?? NaN };
      });
    const inView = async () => {
      const b = await box();
      return b.top >= b.listTop && b.top < b.listBottom;
    };
    // The list measures and fills on idle callbacks after the rebuild: wait for the piece in view,
    // then for two painted frames more, and it must still be there (the clamp to the top is for good).
    const outOfView = async () => `the focused piece is out of view after the split: ${JSON.stringify(await box())}`;
    await eventually(inView, outOfView);
    for (let i = 0; i < 2; i++) await js(page, '__harness.afterPaint()');
    assert.ok(await inView(), await outOfView());
  });

  it('expands context above with the host reply, numbered in place', async () => {
    await open();
    const state = await load({ hunks: 40, files: 8 });
    const h0 = state.hunks[0] as Hunk & { newStart: number; oldStart: number };
    await page.locator('.hunk[data-id="h0"] [data-action="expandAbove"]').click();
    assert.deepEqual(await lastPosted(), { type: 'expandContext', hunkId: 'h0', direction: 'above', count: 10 });
    const lines = Array.from({ length: 10 }, (_, i) => [0, `// line ${h0.newStart - 10 + i}`]);
    await send({ type: 'context', hunkId: 'h0', direction: 'above', lines, startLine: h0.newStart - 10 });
    await page.locator('.hunk[data-id="h0"] .row.ctx-x').first().waitFor();
    assert.equal(await page.locator('.hunk[data-id="h0"] .row.ctx-x').count(), 10);
    const numbers = await page.locator('.hunk[data-id="h0"] .row').first().locator('.ln').allTextContents();
    assert.deepEqual(numbers, [String(h0.oldStart - 10), String(h0.newStart - 10)], 'expanded lines are misnumbered');
  });

  it('ignores forged or unknown messages and keeps working', async () => {
    await open();
    const state = await load({ hunks: 40, files: 8 });
    await send({ type: 'evil', script: 'alert(1)' });
    await send({ type: 'state', state: { changesetId: 'x' } });
    await send({ type: 'hunks', hunks: [{ id: 'h0', lines: 'oops' }], removed: [], header: state.header });
    await send({ type: 'state', state: { ...state, hunks: [{ ...(state.hunks[0] as Hunk), file: 99 }] } });
    await send('just a string');
    // Messages arrive in order: once a valid one after them is handled, the forged ones were too.
    await send({ type: 'focus', hunkId: 'h2' });
    await page.locator('.hunk.focused[data-id="h2"]').waitFor();
    problems = problems.filter((p) => !p.includes('ignored a message'));
    assert.equal(await page.locator('.hunk[data-id="h0"]').count(), 1, 'a forged message changed the list');
    await page.keyboard.press('j');
    assert.equal(await focusedId(), 'h3', 'the panel stopped responding');
  });

  it('read-only: the banner shows and decisions are not posted', async () => {
    await open();
    const state = await js<State>(page, '__synth.state({ hunks: 10, files: 2 })');
    state.header.readOnlyReason = 'Restricted Mode: trust the workspace to accept hunks';
    await send({ type: 'state', state });
    await page.locator('.banner.readonly').waitFor();
    await page.keyboard.press('a');
    assert.ok(!(await posted()).some((m) => m.type === 'decide'), 'a decision was posted while read-only');
    assert.equal(await page.locator('.hunk[data-id="h0"] [data-action="accept"]').isDisabled(), true, 'the accept button is enabled');
  });

  it('a terminal agent’s changeset: the header says the agent waits, then that it is gone, and the review stays decidable', async () => {
    await open();
    const state = await js<State>(page, '__synth.state({ hunks: 3, files: 1 })');
    state.header.agentState = 'waiting';
    await send({ type: 'state', state });
    await page.locator('.banner.agent.waiting').waitFor();
    assert.match((await page.locator('.banner.agent').textContent()) ?? '', /The agent waits for these decisions/);
    state.header.agentState = 'gone';
    await send({ type: 'state', state });
    await page.locator('.banner.agent.gone').waitFor();
    assert.match((await page.locator('.banner.agent').textContent()) ?? '', /Agent gone: the agent stopped waiting for this review\. It stays reviewable/);
    assert.equal(await page.locator('.banner.agent').count(), 1, 'one agent banner at a time');
    assert.equal(await page.locator('.hunk[data-id="h0"] [data-action="accept"]').isDisabled(), false, 'an agent gone must leave the review decidable');
    delete state.header.agentState;
    await send({ type: 'state', state });
    await page.locator('.banner.agent').waitFor({ state: 'detached' });
  });

  it('Accept all is refused while a flagged hunk has not been looked at', async () => {
    await open();
    await load({ hunks: 40, files: 8 });
    await page.getByRole('button', { name: 'Accept every open hunk' }).click();
    assert.ok(!(await posted()).some((m) => m.type === 'decideAll'), 'decideAll was posted');
    assert.equal(await focusedId(), 'h5', 'focus did not go to the unseen flagged hunk');
    const flag = page.locator('.hunk[data-id="h5"] .badge.flag');
    assert.match((await flag.getAttribute('aria-label')) ?? '', /test-skipped: A test is marked \.skip/, 'the flag has no accessible reason');
    await page.getByRole('button', { name: 'Accept every open hunk' }).click();
    assert.equal(await focusedId(), 'h9', 'focus did not go to the next unseen flagged hunk');
    await page.getByRole('button', { name: 'Accept every open hunk' }).click();
    assert.deepEqual(await lastPosted(), { type: 'decideAll', decision: 'accept' });
  });

  it('restores focus and scroll after a reload', async () => {
    await open();
    await load({ hunks: 200, files: 20 });
    for (let i = 0; i < 12; i++) await page.keyboard.press('j');
    const before = await focusedId();
    const scrollTop = await js<number>(page, 'document.querySelector("main.hunks").scrollTop');
    // The view is saved (vscode.setState) a moment after the last key: wait for the save itself.
    const saved = () => js<{ focus?: string; scrollTop?: number } | null>(page, 'JSON.parse(sessionStorage.getItem("vscode-state") ?? "null")');
    await eventually(
      async () => {
        const view = await saved();
        return view?.focus === before && Math.abs((view.scrollTop ?? NaN) - scrollTop) < 2;
      },
      async () => `the view was not saved before the reload: ${JSON.stringify(await saved())}, focus ${before}, scroll ${scrollTop}`,
    );
    await page.reload();
    await load({ hunks: 200, files: 20 });
    assert.equal(await focusedId(), before, 'focus was not restored');
    const after = await js<number>(page, 'document.querySelector("main.hunks").scrollTop');
    assert.ok(Math.abs(after - scrollTop) < 2, `scroll was ${scrollTop}, restored ${after}`);
  });

  it('with 2,000 hunks across 200 files only a window of hunks is in the DOM', async () => {
    await open();
    await load({ hunks: 2000, files: 200 });
    const count = () => page.locator('.hunk').count();
    const initial = await count();
    assert.ok(initial > 0 && initial < 40, `${initial} hunk elements rendered at first`);
    await page.keyboard.press('G');
    const last = await focusedId();
    assert.ok(last === 'h1999', `G focused ${last}`);
    assert.ok((await count()) < 40, `${await count()} hunk elements after jumping to the end`);
    for (let i = 0; i < 30; i++) await page.keyboard.press('k');
    assert.equal(await focusedId(), 'h1969');
    assert.ok(await page.locator('.hunk.focused').isVisible(), 'the focused hunk is not on screen');
  });

  describe('screenshots', () => {
    for (const theme of ['dark', 'light'] as const) {
      for (const layout of ['unified', 'split'] as const) {
        it(`${theme}, ${layout}`, async () => {
          await open({ theme, width: 1280, height: 900 });
          await load({ hunks: 40, files: 8, layout });
          // h2 is a pending hunk at its second revision; h3 accepted, h4 rejected, h5 flagged.
          await page.keyboard.press('j');
          await page.keyboard.press('j');
          assert.equal(await focusedId(), 'h2');
          await page.keyboard.press('r');
          await page.locator('textarea.box-input').waitFor();
          await page.keyboard.type('Keep the old name: the CLI docs use it');
          const dir = path.join(repoRoot, 'test-results', 'screenshots');
          fs.mkdirSync(dir, { recursive: true });
          await page.screenshot({ path: path.join(dir, `review-${theme}-${layout}.png`) });
        });
      }
    }
  });
});
