// @ts-check
// `npm test`: every layer, in order, each timed. Stops at the first failing layer.
//   build → lint → typecheck → unit (plain mocha) → integration (extension host) →
//   webview (Playwright in the workbench) → package (.vsix installed into code-server)
import { spawnSync } from 'node:child_process';

const layers = [
  ['build', 'npm', ['run', '--silent', 'build']],
  ['lint', 'npm', ['run', '--silent', 'lint']],
  ['typecheck', 'npm', ['run', '--silent', 'typecheck']],
  ['unit', 'npm', ['run', '--silent', 'test:unit']],
  ['integration', 'node', ['scripts/test-integration.mjs']],
  ['webview', 'npm', ['run', '--silent', 'test:webview']],
  ['package', 'node', ['scripts/test-vsix.mjs']],
];

const only = process.argv.slice(2);
const times = [];
const started = Date.now();
for (const [name, cmd, args] of layers) {
  if (only.length && !only.includes(name)) continue;
  console.log(`\n▶ ${name}`);
  const t = Date.now();
  const r = spawnSync(cmd, args, { stdio: 'inherit' });
  times.push([name, (Date.now() - t) / 1000]);
  if (r.status !== 0) {
    console.error(`\n✗ ${name} failed (exit ${r.status ?? r.signal})`);
    printTimes();
    process.exit(1);
  }
}
printTimes();

function printTimes() {
  console.log('\nlayer times: ' + times.map(([n, s]) => `${n} ${Number(s).toFixed(1)} s`).join(', ') + `; total ${((Date.now() - started) / 1000).toFixed(1)} s`);
}
