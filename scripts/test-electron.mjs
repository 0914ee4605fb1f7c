// @ts-check
// The second launcher, for machines that can download VS Code: the same integration suite in a
// desktop VS Code through @vscode/test-electron. (These offline machines use test-integration.mjs.)
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runTests } from '@vscode/test-electron';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const runDir = fs.mkdtempSync(path.join(os.tmpdir(), 'redline-electron-'));
const workspace = path.join(runDir, 'workspace');
fs.cpSync(path.join(root, 'test', 'fixtures', 'workspace'), workspace, { recursive: true });
const resultPath = path.join(runDir, 'result.json');
let exitCode = 1;
try {
  exitCode = await runTests({
    version: process.env.REDLINE_VSCODE_VERSION ?? 'stable',
    extensionDevelopmentPath: root,
    extensionTestsPath: path.join(root, 'dist-test', 'integration', 'index'),
    extensionTestsEnv: { REDLINE_TEST_RESULT: resultPath },
    launchArgs: [workspace, '--disable-extensions', '--disable-workspace-trust', '--user-data-dir', path.join(runDir, 'user-data')],
  });
} catch (err) {
  console.error(`test-electron: ${err instanceof Error ? err.message : String(err)}`);
}
if (fs.existsSync(resultPath)) {
  const result = JSON.parse(fs.readFileSync(resultPath, 'utf8'));
  console.log(`integration (electron): VS Code ${result.vscodeVersion}, ${result.passed.length} passed, ${result.failed.length} failed`);
  if (result.failed.length) exitCode = 1;
}
fs.rmSync(runDir, { recursive: true, force: true });
process.exit(exitCode);
