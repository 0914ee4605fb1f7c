// A real workbench for webview tests: code-server with the extension under development, driven
// by Playwright in headless Chromium. Tests click and read inside the webviews like a person.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { FrameLocator, Page } from 'playwright-core';
import { startCodeServer } from '../../../scripts/lib/codeServer.mjs';
import { prepareRun } from '../../../scripts/lib/runSuite.mjs';
import { launchBrowser, remoteUri, workbenchUrl } from '../../../scripts/lib/workbench.mjs';

export const repoRoot = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..', '..');
export const DARK = 'Default Dark Modern';
export const LIGHT = 'Default Light Modern';

export interface Workbench {
  page: Page;
  workspace: string;
  userSettingsPath: string;
  setTheme(theme: string): Promise<void>;
  runCommand(title: string): Promise<void>;
  screenshot(name: string): Promise<string>;
  close(): Promise<void>;
}

export async function openWorkbench(opts: { workspaceTemplate?: string; theme?: string; settings?: Record<string, unknown> } = {}): Promise<Workbench> {
  const { runDir, workspace } = prepareRun('webview', opts.workspaceTemplate ?? path.join(repoRoot, 'test', 'fixtures', 'workspace'), {
    'workbench.colorTheme': opts.theme ?? DARK,
    ...opts.settings,
  });
  const userSettingsPath = path.join(runDir, 'user-data', 'User', 'settings.json');
  const server = await startCodeServer({ workspace, runDir });
  const browser = await launchBrowser();
  const { page } = browser;
  await page.goto(workbenchUrl(server.url, workspace, [
    ['extensionDevelopmentPath', remoteUri(server.url, repoRoot)],
    ['skipWelcome', 'true'],
  ]));
  await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
  await page.locator('.activitybar').waitFor({ timeout: 60_000 });

  return {
    page,
    workspace,
    userSettingsPath,
    async setTheme(theme: string) {
      const settings = JSON.parse(fs.readFileSync(userSettingsPath, 'utf8'));
      fs.writeFileSync(userSettingsPath, JSON.stringify({ ...settings, 'workbench.colorTheme': theme }, null, 2));
      const kind = theme.includes('Dark') ? 'vs-dark' : 'vs';
      await page.locator(`.monaco-workbench.${kind}`).waitFor({ timeout: 20_000 });
    },
    async runCommand(title: string) {
      await page.keyboard.press('F1');
      const input = page.locator('.quick-input-widget input');
      await input.waitFor();
      await input.fill(`>${title}`);
      await page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first().waitFor();
      await input.press('Enter');
    },
    async screenshot(name: string) {
      const dir = path.join(repoRoot, 'test-results', 'screenshots');
      fs.mkdirSync(dir, { recursive: true });
      const file = path.join(dir, `${name}.png`);
      await page.screenshot({ path: file });
      return file;
    },
    async close() {
      await browser.close();
      await server.stop();
      fs.rmSync(runDir, { recursive: true, force: true });
    },
  };
}

/** The content frame of the webview whose title matches (`iframe.webview.ready` → `#active-frame`). */
export function webviewFrame(page: Page, title: string): FrameLocator {
  return page.frameLocator(`iframe.webview.ready[title="${title}"]`).frameLocator('#active-frame');
}

export async function openRedlineSidebar(page: Page): Promise<FrameLocator> {
  await page.locator('.activitybar [aria-label^="Redline"]').first().click();
  return page.frameLocator('iframe.webview.ready').first().frameLocator('#active-frame');
}
