// @ts-check
// The package layer: build the .vsix, check what it holds, install it into code-server, start the
// workbench WITHOUT the development path, and check the extension activates and its commands
// exist. This catches a bundle that only works from the source tree and a .vscodeignore that
// ships sources, tests or node_modules.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { installVsix, startCodeServer } from './lib/codeServer.mjs';
import { prepareRun } from './lib/runSuite.mjs';
import { launchBrowser, workbenchUrl } from './lib/workbench.mjs';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const vsix = path.join(root, 'redline.vsix');
const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
const failures = [];
const passes = [];
const check = (ok, what) => (ok ? passes : failures).push(what);

const pkg = spawnSync('npm', ['run', '--silent', 'package'], { cwd: root, stdio: 'inherit' });
if (pkg.status !== 0) {
  console.error('npm run package failed');
  process.exit(1);
}
console.log(`package: ${path.basename(vsix)} ${(fs.statSync(vsix).size / 1024).toFixed(1)} KB`);

const { runDir, workspace } = prepareRun('vsix', path.join(root, 'test', 'fixtures', 'workspace'));
const extensionsDir = path.join(runDir, 'extensions');
installVsix(vsix, extensionsDir);
const installed = path.join(extensionsDir, `${manifest.publisher}.${manifest.name}-${manifest.version}`);
check(fs.existsSync(installed), `installed into ${path.basename(installed)}`);
const files = fs.existsSync(installed) ? fs.readdirSync(installed, { recursive: true, encoding: 'utf8' }) : [];
// Every bundle of the table the extension loads them by (src/vscode/bundles.json).
const bundles = Object.keys(JSON.parse(fs.readFileSync(path.join(root, 'src', 'vscode', 'bundles.json'), 'utf8'))).map((name) => `dist/${name}.js`);
for (const required of ['dist/extension.js', ...bundles, 'dist/webview/plan.js', 'package.json', 'README.md', 'LICENSE', 'media/redline.svg']) {
  check(
    files.some((f) => f.toLowerCase() === required.toLowerCase() || f.toLowerCase() === `${required.toLowerCase()}.txt`),
    `package holds ${required}`,
  );
}
const forbidden = files.filter(
  (f) => /^(src|test|webview-ui|node_modules|scripts|dist-test)\//.test(f) || f.endsWith('.map') || (f.endsWith('.ts') && !f.endsWith('.d.ts')),
);
check(forbidden.length === 0, `package holds no sources, tests, maps or node_modules${forbidden.length ? `: ${forbidden.slice(0, 5).join(', ')}` : ''}`);
console.log(`package: ${files.length} files in the installed extension`);

const server = await startCodeServer({ workspace, runDir, extensionsDir });
const browser = await launchBrowser();
try {
  const { page } = browser;
  await page.goto(workbenchUrl(server.url, workspace, [['skipWelcome', 'true']]));
  await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
  // The activity-bar entry exists only if the manifest was read; the webview renders only if the
  // extension activated and its bundles load from the installed folder.
  await page.locator('.activitybar [aria-label^="Redline"]').first().click({ timeout: 60_000 });
  const frame = page.frameLocator('iframe.webview.ready').first().frameLocator('#active-frame');
  const rendered = await frame
    .getByText('No plans yet')
    .waitFor({ timeout: 60_000 })
    .then(
      () => true,
      () => false,
    );
  check(rendered, 'installed extension activates and renders the Plan view');
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor();
  // Commands that take an argument only their menu passes (a comment thread's) are kept out of it.
  const hidden = new Set((manifest.contributes.menus?.commandPalette ?? []).filter((m) => m.when === 'false').map((m) => m.command));
  for (const c of manifest.contributes.commands) {
    if (hidden.has(c.command)) continue;
    // One search per command: the list renders only the rows that fit, so a long list hides some.
    await input.fill(`>Redline: ${c.title}`);
    const row = page.locator('.quick-input-list .monaco-list-row', { hasText: `Redline: ${c.title}` }).first();
    check(
      await row.waitFor({ timeout: 10_000 }).then(
        () => true,
        () => false,
      ),
      `command "Redline: ${c.title}" is in the palette`,
    );
  }
} finally {
  await browser.close();
  await server.stop();
  fs.rmSync(runDir, { recursive: true, force: true });
}

for (const p of passes) console.log(`  ✓ ${p}`);
for (const f of failures) console.log(`  ✗ ${f}`);
console.log(`package: ${passes.length} passed, ${failures.length} failed`);
process.exit(failures.length ? 1 : 0);
