// Helpers for the Plan panel's workbench tests: waiting on conditions, reading the run view, and
// finding the panel again after a window reload.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { FrameLocator, Page } from 'playwright-core';
import { DARK, LIGHT, openRedlineSidebar, openWorkbench, screenshotOnFailure, type Workbench, type WorkbenchOptions } from './workbench';

export interface PlanWorkbench {
  readonly wb: Workbench;
  /** The Plan view's content; replaced after a window reload. */
  frame: FrameLocator;
}

/**
 * Registers the suite's hooks: a workbench opened before the tests with the Plan view shown,
 * closed after them, and a screenshot of a failure. The tests read `wb` and `frame` from it.
 */
export function usePlanWorkbench(options: WorkbenchOptions): PlanWorkbench {
  const suite = {} as { wb: Workbench; frame: FrameLocator };
  before(async () => {
    suite.wb = await openWorkbench({ theme: DARK, ...options });
    suite.frame = await openRedlineSidebar(suite.wb.page);
  });
  after(async () => {
    await suite.wb?.close();
  });
  screenshotOnFailure(() => suite.wb);
  return suite;
}

/** Screenshots `<name>-dark` and `<name>-light`, each once the webview has the theme's colours. */
export async function screenshotInBothThemes(suite: PlanWorkbench, name: string): Promise<void> {
  await suite.wb.screenshot(`${name}-dark`);
  await suite.wb.setTheme(LIGHT);
  await webviewTheme(suite.frame, 'light');
  await suite.wb.screenshot(`${name}-light`);
  await suite.wb.setTheme(DARK);
  await webviewTheme(suite.frame, 'dark');
}

/** Polls `check` until it holds; fails with `message` after `ms`. */
export async function waitFor(check: () => Promise<boolean> | boolean, message: string, ms = 20_000): Promise<void> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  assert.fail(message);
}

/** The run view's title, e.g. "Build · running". */
export function runTitle(frame: FrameLocator) {
  return frame.locator('.run-title .label');
}

/** Text of the rows the windowed log has in the DOM now, top to bottom. */
export async function logRows(frame: FrameLocator): Promise<string[]> {
  return (await rowsInDom(frame)).map((r) => r.text);
}

/**
 * The log entries that have rows in the DOM now, each as its rows' text joined: a long line is
 * wrapped into rows by column, so an entry's text is found whole only this way.
 */
export async function logEntries(frame: FrameLocator): Promise<string[]> {
  const byEntry = new Map<string, string>();
  for (const row of await rowsInDom(frame)) byEntry.set(row.entry, (byEntry.get(row.entry) ?? '') + row.text);
  return [...byEntry.values()];
}

/** Every log entry, read by scrolling the windowed log from top to bottom. */
export async function allLogEntries(frame: FrameLocator): Promise<string[]> {
  const rows = new Map<number, { entry: string; text: string }>();
  const log = frame.locator('.log');
  const { height, view } = await log.evaluate((el) => ({ height: el.scrollHeight, view: el.clientHeight }));
  for (let top = 0; top < height; top += Math.max(18, view - 18)) {
    // The log paints the rows in view on an animation frame after the scroll: wait until every
    // row from the top of the view to its bottom is there (18 px a row), not for a fixed delay a
    // busy machine can outrun. After 10 s it reads what is there, and the test's assertion says what is missing.
    await log.evaluate(
      (el, to) =>
        new Promise<void>((resolve) => {
          el.scrollTop = to;
          const first = Math.floor(el.scrollTop / 18);
          const rowCount = Math.round(
            parseFloat(
              el
                .querySelector('.log-sizer')
                ?.getAttribute('style')
                ?.match(/height:\s*([\d.]+)px/)?.[1] ?? '0',
            ) / 18,
          );
          const last = Math.min(Math.ceil((el.scrollTop + el.clientHeight) / 18), rowCount) - 1;
          const until = Date.now() + 10_000;
          const painted = (): boolean => {
            const tops = new Set([...el.querySelectorAll('.log-row')].map((r) => r.getAttribute('style')?.match(/top:\s*([\d.]+)px/)?.[1]));
            for (let i = first; i <= last; i++) if (!tops.has(String(i * 18))) return false;
            return true;
          };
          const poll = (): void =>
            void (painted() || Date.now() > until ? resolve() : (el.ownerDocument.defaultView?.requestAnimationFrame(poll) ?? resolve()));
          poll();
        }),
      top,
    );
    for (const row of await rowsInDom(frame)) rows.set(row.top, row);
  }
  const byEntry = new Map<string, string>();
  for (const [, row] of [...rows].sort((a, b) => a[0] - b[0])) byEntry.set(row.entry, (byEntry.get(row.entry) ?? '') + row.text);
  return [...byEntry.values()];
}

async function rowsInDom(frame: FrameLocator): Promise<{ top: number; entry: string; text: string }[]> {
  const rows = await frame.locator('.log-row').evaluateAll((els) =>
    els.map((r) => ({
      top: parseFloat(r.getAttribute('style')?.match(/top:\s*([\d.]+)px/)?.[1] ?? '0'),
      entry: r.getAttribute('data-entry') ?? '',
      text: (r.textContent ?? '').trim(),
    })),
  );
  return rows.sort((a, b) => a.top - b.top);
}

/** Waits until the webview has the theme's colours: they reach it after the workbench switched. */
export async function webviewTheme(frame: FrameLocator, kind: 'light' | 'dark'): Promise<void> {
  await frame.locator(`body.vscode-${kind}`).waitFor({ state: 'attached', timeout: 20_000 });
}

/** Scrolls the run log to the top or the bottom. */
export async function scrollLog(frame: FrameLocator, to: 'top' | 'bottom'): Promise<void> {
  await frame.locator('.log').evaluate((el, where) => {
    el.scrollTop = where === 'top' ? 0 : el.scrollHeight;
  }, to);
}

/**
 * After *Developer: Reload Window* the workbench restores the sidebar itself once the extension's
 * views are back; clicking the activity bar before that would hide it again.
 */
export async function sidebarAfterReload(page: Page): Promise<FrameLocator> {
  const item = page.locator('.activitybar .action-item:has([aria-label^="Redline"])').first();
  await item.waitFor({ timeout: 60_000 });
  const restored = await item.evaluate(
    (el) =>
      new Promise<boolean>((resolve) => {
        const until = Date.now() + 10_000;
        const poll = () => (el.classList.contains('checked') ? resolve(true) : Date.now() > until ? resolve(false) : setTimeout(poll, 200));
        poll();
      }),
  );
  return restored ? page.frameLocator('iframe.webview.ready').first().frameLocator('#active-frame') : openRedlineSidebar(page);
}

/**
 * Scrolls the windowed log from the top until a row matching `selector` and `text` is in the DOM,
 * and returns it.
 */
export async function findLogRow(frame: FrameLocator, selector: string, text: string | RegExp) {
  // From where the log is scrolled first (the row is usually there or just below it: a toggled
  // entry's end), then from the top: a scan of a long log costs a page at a time.
  const found = (await scanLogDown(frame, selector, text)) ?? (await scrollLog(frame, 'top'), await scanLogDown(frame, selector, text));
  return found ?? assert.fail(`no log row ${selector} shows ${String(text)}`);
}

/** Pages down the windowed log from where it is until the row is mounted; undefined at the end. */
async function scanLogDown(frame: FrameLocator, selector: string, text: string | RegExp) {
  const log = frame.locator('.log');
  for (let page = 0; page < 400; page++) {
    const row = frame.locator(selector, { hasText: text }).first();
    if ((await row.count()) > 0) {
      // Into the middle of the view by the row's offset: the windowed log mounts rows anew as it scrolls.
      const top = await row.evaluate((el) =>
        parseFloat(
          el
            .closest('.log-row')
            ?.getAttribute('style')
            ?.match(/top:\s*([\d.]+)px/)?.[1] ?? '0',
        ),
      );
      await log.evaluate((el, at) => {
        el.scrollTop = at - el.clientHeight / 2;
      }, top);
      await row.waitFor({ timeout: 10_000 });
      return row;
    }
    // One page down, then two frames: the log mounts the rows of a scroll in the next frame.
    const end = await log.evaluate(async (el) => {
      const before = el.scrollTop;
      el.scrollTop += Math.max(18, el.clientHeight - 36);
      const frameAfter = (globalThis as unknown as { requestAnimationFrame(cb: () => void): number }).requestAnimationFrame;
      await new Promise<void>((r) => frameAfter(() => frameAfter(r)));
      return el.scrollTop === before;
    });
    if (end) return undefined;
  }
  return undefined;
}

/** Opens (or closes) the log entry whose headline starts with `headline`. */
export async function toggleLogEntry(frame: FrameLocator, headline: string): Promise<void> {
  await (await findLogRow(frame, '.log-row.head', headline)).locator('.toggle').click();
}

/** Entries compared as the helpers read them: a wrapped row's edge spaces are trimmed, so all spaces are left out. */
export const squeezed = (text: string): string => text.replace(/\s+/g, '');

/** Drags the side bar's edge until it is `width` px wide, runs `body`, and drags it back. */
export async function withSidebarWidth<T>(page: Page, width: number, body: () => Promise<T>): Promise<T> {
  const sidebar = page.locator('.part.sidebar');
  const drag = async (to: number): Promise<void> => {
    const box = await sidebar.boundingBox();
    assert.ok(box, 'the side bar is not shown');
    const y = box.y + box.height / 2;
    // The sash on the side bar's right edge: the vertical one nearest to it.
    const sashes = await page.locator('.monaco-sash.vertical').evaluateAll((els) =>
      els.map((el) => {
        const r = el.getBoundingClientRect();
        return { x: r.x + r.width / 2, top: r.y, bottom: r.y + r.height };
      }),
    );
    const edge = box.x + box.width;
    const sash = sashes.filter((s) => s.top <= y && s.bottom >= y).sort((a, b) => Math.abs(a.x - edge) - Math.abs(b.x - edge))[0];
    assert.ok(sash && Math.abs(sash.x - edge) < 8, "no sash on the side bar's edge");
    await page.mouse.move(sash.x, y);
    await page.mouse.down();
    await page.mouse.move(sash.x + (box.x + to - edge), y, { steps: 8 });
    await page.mouse.up();
  };
  const before = (await sidebar.boundingBox())?.width ?? 300;
  await drag(width);
  await waitFor(async () => Math.abs(((await sidebar.boundingBox())?.width ?? 0) - width) <= 4, `the side bar did not become ${width} px wide`, 5_000);
  try {
    return await body();
  } finally {
    await drag(before);
  }
}

/** The first file named `name` under `dir`, once there is one (the workbench writes its logs lazily). */
export async function waitForFile(dir: string, name: string): Promise<string> {
  let found: string | undefined;
  const find = (at: string): string | undefined => {
    for (const entry of fs.readdirSync(at, { withFileTypes: true })) {
      const full = path.join(at, entry.name);
      if (entry.isFile() && entry.name === name) return full;
      if (entry.isDirectory()) {
        const inner = find(full);
        if (inner) return inner;
      }
    }
    return undefined;
  };
  await waitFor(() => (found = find(dir)) !== undefined, `no ${name} under ${dir}`);
  return found ?? '';
}
