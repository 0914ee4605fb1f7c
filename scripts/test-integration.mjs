// @ts-check
// The integration layer: mocha inside a real VS Code extension host, offline. Two passes: the main
// suite in a trusted folder, then the Restricted Mode suite (`*.restricted.test.ts`) in a folder
// opened untrusted with Workspace Trust on. `--only=main` or `--only=restricted` runs one of them.
import * as path from 'node:path';
import { runExtensionTests } from './lib/runSuite.mjs';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const only = process.argv.find((a) => a.startsWith('--only='))?.slice('--only='.length);
const passes = /** @type {const} */ ([
  ['integration', false],
  ['restricted', true],
]).filter(([name]) => only === undefined || only === name || (only === 'main' && name === 'integration'));
let exitCode = 0;
for (const [name, restricted] of passes) {
  const result = await runExtensionTests({
    extensionPath: root,
    testsPath: path.join(root, 'dist-test', 'integration', 'index'),
    workspaceTemplate: path.join(root, 'test', 'fixtures', 'workspace'),
    verbose: process.argv.includes('--verbose'),
    restricted,
  });
  console.log(`${name}: VS Code ${result.vscodeVersion ?? '?'} extension host${restricted ? ', Restricted Mode' : ''}, ${(result.ms / 1000).toFixed(1)} s`);
  for (const t of result.passed) console.log(`  ✓ ${t}`);
  for (const f of result.failed) console.log(`  ✗ ${f.title}\n${f.error.replace(/^/gm, '      ')}`);
  if (result.harnessError) console.log(`harness error: ${result.harnessError}`);
  console.log(`${name}: ${result.passed.length} passed, ${result.failed.length} failed`);
  exitCode ||= result.exitCode;
}
process.exit(exitCode);
