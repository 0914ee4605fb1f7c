// @ts-check
// The integration layer: mocha inside a real VS Code extension host, offline. Three passes: the main
// suite in a trusted folder, the Restricted Mode suite (`*.restricted.test.ts`) in a folder opened
// untrusted with Workspace Trust on, and the multi-root suite (`*.multiroot.test.ts`) in a
// two-folder `.code-workspace`. `--only=main`, `--only=restricted` or `--only=multiroot` runs one.
import * as path from 'node:path';
import { runExtensionTests } from './lib/runSuite.mjs';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const only = process.argv.find((a) => a.startsWith('--only='))?.slice('--only='.length);
const fixtures = path.join(root, 'test', 'fixtures');
/** @type {[string, { restricted?: boolean, suite?: string, template: string, workspaceFile?: string }][]} */
const passes = /** @type {[string, { restricted?: boolean, suite?: string, template: string, workspaceFile?: string }][]} */ ([
  ['integration', { template: path.join(fixtures, 'workspace') }],
  ['restricted', { restricted: true, suite: 'restricted', template: path.join(fixtures, 'workspace') }],
  ['multiroot', { suite: 'multiroot', template: path.join(fixtures, 'multiroot'), workspaceFile: 'multiroot.code-workspace' }],
]).filter(([name]) => only === undefined || only === name || (only === 'main' && name === 'integration'));
let exitCode = 0;
for (const [name, pass] of passes) {
  const restricted = pass.restricted === true;
  const result = await runExtensionTests({
    extensionPath: root,
    testsPath: path.join(root, 'dist-test', 'integration', 'index'),
    workspaceTemplate: pass.template,
    verbose: process.argv.includes('--verbose'),
    restricted,
    ...(pass.suite === undefined ? {} : { suite: pass.suite }),
    ...(pass.workspaceFile === undefined ? {} : { workspaceFile: pass.workspaceFile }),
  });
  console.log(`${name}: VS Code ${result.vscodeVersion ?? '?'} extension host${restricted ? ', Restricted Mode' : ''}, ${(result.ms / 1000).toFixed(1)} s`);
  for (const t of result.passed) console.log(`  ✓ ${t}`);
  for (const f of result.failed) console.log(`  ✗ ${f.title}\n${f.error.replace(/^/gm, '      ')}`);
  if (result.harnessError) console.log(`harness error: ${result.harnessError}`);
  console.log(`${name}: ${result.passed.length} passed, ${result.failed.length} failed`);
  exitCode ||= result.exitCode;
}
process.exit(exitCode);
