// A real workbench for webview tests: code-server with the extension under development, driven
// by Playwright in headless Chromium. Tests click and read inside the webviews like a person.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { FrameLocator, Page } from 'playwright-core';
import { startCodeServer } from '../../../scripts/lib/codeServer.mjs';
import { prepareRun, RESTRICTED_SETTINGS } from '../../../scripts/lib/runSuite.mjs';
import { launchBrowser, remoteUri, workbenchUrl } from '../../../scripts/lib/workbench.mjs';
import { initRepository } from '../../../scripts/lib/demo.mjs';
import { compileJsonScript, parseJsonScript } from '../../double/jsonScript';
import type { ScriptFn } from '../../double/script';
import { MessagesDouble } from '../../double/server';

export const repoRoot = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..', '..');
export const DARK = 'Default Dark Modern';
export const LIGHT = 'Default Light Modern';

/** The key the extension host sees when a test runs a scripted model; the double checks no request carries it. */
export const FAKE_KEY = 'sk-ant-api03-redline-webview-FAKEFAKEFAKEFAKEFAKE-0123456789';

export interface Workbench {
  page: Page;
  workspace: string;
  /** The run's folder: the server's user data and logs live under it. */
  runDir: string;
  /** The scripted Messages API the extension talks to, when `model` was given. */
  model?: MessagesDouble;
  setTheme(theme: string): Promise<void>;
  runCommand(title: string): Promise<void>;
  screenshot(name: string): Promise<string>;
  close(): Promise<void>;
}

export interface WorkbenchOptions {
  workspaceTemplate?: string;
  theme?: string;
  settings?: Record<string, unknown>;
  /**
   * A scripted model: a JSON script file (test/double/jsonScript.ts) or a script function. The
   * double listens on loopback in this process; the endpoint goes into the user settings (where a
   * workspace cannot put it) and a fake key into the server's environment.
   */
  model?: string | ScriptFn;
  /** Makes the workspace copy a git repository with one commit. */
  git?: boolean;
  /** More planted secrets the double refuses to receive (the fake key always is one). */
  canaries?: readonly string[];
  /** Leave Workspace Trust on: the folder opens in Restricted Mode (it is not trusted). */
  restricted?: boolean;
}

export async function openWorkbench(opts: WorkbenchOptions = {}): Promise<Workbench> {
  const model =
    opts.model === undefined ? undefined : await MessagesDouble.start({ script: loadScript(opts.model), canaries: [FAKE_KEY, ...(opts.canaries ?? [])] });
  const { runDir, workspace } = prepareRun(
    'webview',
    opts.workspaceTemplate ?? path.join(repoRoot, 'test', 'fixtures', 'workspace'),
    {
      'workbench.colorTheme': opts.theme ?? DARK,
      ...(opts.restricted ? RESTRICTED_SETTINGS : {}),
      ...opts.settings,
      // code-server is a remote: the user confirms the double's endpoint in their own settings.
      ...(model ? { 'redline.anthropic.confirmedEndpoints': [model.url] } : {}),
    },
    model ? { 'redline.anthropic.baseUrl': model.url } : {},
  );
  if (opts.git) initRepository(workspace);
  const server = await startCodeServer({ workspace, runDir, env: model ? { ANTHROPIC_API_KEY: FAKE_KEY } : {}, workspaceTrust: opts.restricted === true });
  const browser = await launchBrowser();
  const { page } = browser;
  await page.goto(
    workbenchUrl(server.url, workspace, [
      ['extensionDevelopmentPath', remoteUri(server.url, repoRoot)],
      ['skipWelcome', 'true'],
    ]),
  );
  await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
  await page.locator('.activitybar').waitFor({ timeout: 60_000 });
  await page.locator(`.monaco-workbench.${themeClass(opts.theme ?? DARK)}`).waitFor({ timeout: 60_000 });

  async function runCommand(title: string) {
    await page.keyboard.press('F1');
    const input = page.locator('.quick-input-widget input');
    // A webview that holds focus does not always hand F1 to the workbench: take focus back from
    // its frame to the workbench's own document, then ask again.
    if (
      !(await input.waitFor({ timeout: 5_000 }).then(
        () => true,
        () => false,
      ))
    ) {
      await page.evaluate('document.activeElement?.blur()');
      await page.keyboard.press('F1');
      await input.waitFor();
    }
    await input.fill(`>${title}`);
    await exactRow(page, title).click();
  }

  return {
    page,
    workspace,
    runDir,
    model,
    async setTheme(theme: string) {
      await runCommand('Preferences: Color Theme');
      const input = page.locator('.quick-input-widget input');
      // The picker's labels drop the "Default" of the settings value in recent versions.
      const label = theme.replace(/^Default /, '');
      await input.fill(label);
      await exactRow(page, label).click();
      await page.locator(`.monaco-workbench.${themeClass(theme)}`).waitFor({ timeout: 20_000 });
    },
    runCommand,
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
      await model?.close();
      // REDLINE_KEEP_RUNS=1 keeps the server's logs and the workspace for a look after a failure.
      if (process.env.REDLINE_KEEP_RUNS === '1') console.log(`    run kept: ${runDir}`);
      else fs.rmSync(runDir, { recursive: true, force: true });
    },
  };
}

function loadScript(model: string | ScriptFn): ScriptFn {
  if (typeof model !== 'string') return model;
  const parsed = parseJsonScript(fs.readFileSync(model, 'utf8'));
  if (!parsed.ok) throw new Error(`${model}: ${parsed.message}`);
  return compileJsonScript(parsed.script);
}

/** The quick-pick row whose label is exactly `label` (a prefix match could pick a neighbour). */
function exactRow(page: Page, label: string) {
  const escaped = label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return page
    .locator('.quick-input-list .monaco-list-row')
    .filter({ has: page.locator('.label-name', { hasText: new RegExp(`^${escaped}$`) }) })
    .first();
}

/** The class the workbench carries once a default theme is applied, e.g. `vscode-theme-defaults-themes-dark_modern-json`. */
function themeClass(theme: string): string {
  const file = theme
    .replace(/^Default /, '')
    .toLowerCase()
    .replace(/\s+/g, '_');
  return `vscode-theme-defaults-themes-${file}-json`;
}

/**
 * The content frame of the webview panel in the editor area (the Review panel). Webview iframes
 * carry no title here; a view's iframe has `purpose=webviewView` in its URL, a panel's has none.
 */
export function editorWebviewFrame(page: Page): FrameLocator {
  return page.frameLocator('iframe.webview.ready:not([src*="purpose=webviewView"])').frameLocator('#active-frame');
}

/**
 * The content frame of the webview whose document title is `title` (`iframe.webview.ready` →
 * `#active-frame`). The outer iframe carries no title, only the webview's id as its name, which
 * stays the same when a hidden webview is shown again; so the id is found once, by the title.
 */
export async function webviewFrame(page: Page, title: string, timeoutMs = 30_000): Promise<FrameLocator> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    for (const frame of page.frames()) {
      const outer = frame.parentFrame();
      if (!outer?.name() || (await frame.title().catch(() => '')) !== title) continue;
      return page.frameLocator(`iframe.webview.ready[name="${outer.name()}"]`).frameLocator('#active-frame');
    }
    if (Date.now() > until) throw new Error(`no webview titled "${title}" within ${timeoutMs} ms`);
    await page.waitForTimeout(200);
  }
}

/** Shows the Plan view (clicking the activity bar when it is not open yet; a second click would hide it). */
export async function openRedlineSidebar(page: Page): Promise<FrameLocator> {
  const item = page.locator('.activitybar .action-item:has([aria-label^="Redline"])').first();
  if (!(await item.evaluate((el) => el.classList.contains('checked')))) {
    await item.click();
  }
  return page.frameLocator('iframe.webview.ready').first().frameLocator('#active-frame');
}

/** Registers an afterEach hook that saves a screenshot of the workbench when a test failed. */
export function screenshotOnFailure(get: () => Workbench | undefined): void {
  afterEach(async function () {
    const wb = get();
    if (this.currentTest?.state === 'failed' && wb) {
      const file = await wb.screenshot(`failed-${(this.currentTest.title ?? 'test').replace(/\W+/g, '-')}`);
      console.log(`    screenshot of the failure: ${file}`);
    }
  });
}
