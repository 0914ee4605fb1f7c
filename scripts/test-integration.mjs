// @ts-check
// The integration layer: mocha inside a real VS Code extension host, offline.
import * as path from 'node:path';
import { runExtensionTests } from './lib/runSuite.mjs';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const result = await runExtensionTests({
  extensionPath: root,
  testsPath: path.join(root, 'dist-test', 'integration', 'index'),
  workspaceTemplate: path.join(root, 'test', 'fixtures', 'workspace'),
  verbose: process.argv.includes('--verbose'),
});
console.log(`integration: VS Code ${result.vscodeVersion ?? '?'} extension host, ${(result.ms / 1000).toFixed(1)} s`);
for (const t of result.passed) console.log(`  ✓ ${t}`);
for (const f of result.failed) console.log(`  ✗ ${f.title}\n${f.error.replace(/^/gm, '      ')}`);
if (result.harnessError) console.log(`harness error: ${result.harnessError}`);
console.log(`integration: ${result.passed.length} passed, ${result.failed.length} failed`);
process.exit(result.exitCode);
