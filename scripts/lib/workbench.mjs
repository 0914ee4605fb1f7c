// @ts-check
// Opens the code-server workbench in headless Debian Chromium through playwright-core.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { chromium } from 'playwright-core';

export function chromiumPath() {
  const candidates = [process.env.REDLINE_CHROMIUM, '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];
  const found = candidates.find((c) => c && fs.existsSync(c));
  if (!found) throw new Error('Chromium not found: install it (Debian: apt-get install chromium) or set REDLINE_CHROMIUM.');
  return found;
}

/**
 * Builds the workbench URL. `payload` entries are passed to the workbench as development options
 * (they only take effect with `--vscode-option enable-smoke-test-driver`).
 * @param {string} base e.g. http://127.0.0.1:PORT/
 * @param {string} folder absolute path of the workspace folder, or of a `.code-workspace` file
 * @param {[string, string][]} payload
 */
export function workbenchUrl(base, folder, payload = []) {
  const u = new URL(base);
  u.searchParams.set(folder.endsWith('.code-workspace') ? 'workspace' : 'folder', folder);
  if (payload.length) u.searchParams.set('payload', JSON.stringify(payload));
  return u.toString();
}

/** `vscode-remote://host:port/abs/path` for a development or tests path. @param {string} base @param {string} absPath */
export function remoteUri(base, absPath) {
  const u = new URL(base);
  return `vscode-remote://${u.host}${absPath.split(path.sep).join('/')}`;
}

/**
 * @param {{ colorTheme?: string, viewport?: { width: number, height: number } }} [opts]
 */
export async function launchBrowser(opts = {}) {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'redline-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: chromiumPath(),
    headless: true,
    viewport: opts.viewport ?? { width: 1400, height: 900 },
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-dev-shm-usage',
    ],
  });
  const page = context.pages()[0] ?? (await context.newPage());
  return {
    context,
    page,
    close: async () => {
      await context.close().catch(() => undefined);
      fs.rmSync(profile, { recursive: true, force: true });
    },
  };
}
