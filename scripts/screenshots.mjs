// @ts-check
// `npm run screenshots`: the README's pictures, taken from the real workbench by the end-to-end
// test as it plays the demo and by the Claude Code test as an edit waits (dark and light),
// written to docs/images/.
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const build = spawnSync('node', [path.join(root, 'scripts', 'build.mjs')], { stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);
const run = spawnSync('npx', ['mocha', '--timeout', '300000', 'dist-test/webview/endToEnd.test.mjs', 'dist-test/webview/claudeCodeHook.test.mjs'], {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env, REDLINE_DOCS_IMAGES: path.join(root, 'docs', 'images') },
});
process.exit(run.status ?? 1);
