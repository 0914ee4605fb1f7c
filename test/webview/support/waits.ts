import * as path from 'node:path';
import type { Page } from 'playwright-core';

/** Polls `check` every 100 ms; `what` (or what it returns) names what did not come, in the error. */
export async function waitUntil(what: string | (() => string), check: () => Promise<boolean> | boolean, timeoutMs = 30_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${typeof what === 'string' ? what : what()}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Opens `file` (workspace-relative) in the editor by Quick Open, and waits for its text. */
export async function openInEditor(page: Page, file: string): Promise<void> {
  await page.keyboard.press('Control+P');
  await page.locator('.quick-input-widget input').fill(file);
  await page
    .locator('.quick-input-list .monaco-list-row', { hasText: path.basename(file) })
    .first()
    .click();
  // `data-uri` is set with the editor's model, and a painted line means the model is in the editor.
  await page.locator(`.monaco-editor[data-uri$="/${file}"] .view-line`).first().waitFor();
}
