// @ts-check
// `npm test`: every layer, in order, each timed. Stops at the first failing layer.
//   build → lint → typecheck → unit (plain mocha) → agent-cli (the real Claude Code CLI against
//   the Messages API double) → integration (extension host) → webview (Playwright in the
//   workbench) → package (.vsix installed into code-server)
import { spawn } from 'node:child_process';

const layers = [
  ['build', 'npm', ['run', '--silent', 'build']],
  ['lint', 'npm', ['run', '--silent', 'lint']],
  ['typecheck', 'npm', ['run', '--silent', 'typecheck']],
  ['unit', 'npm', ['run', '--silent', 'test:unit']],
  ['agent-cli', 'npm', ['run', '--silent', 'test:agent-cli']],
  ['integration', 'node', ['scripts/test-integration.mjs']],
  ['webview', 'npm', ['run', '--silent', 'test:webview']],
  ['package', 'node', ['scripts/test-vsix.mjs']],
];

const only = process.argv.slice(2);
const times = [];
const counts = { passed: 0, failed: 0 };
const started = Date.now();
for (const [name, cmd, args] of layers) {
  if (only.length && !only.includes(name)) continue;
  console.log(`\n▶ ${name}`);
  const t = Date.now();
  const status = await runLayer(cmd, args);
  times.push([name, (Date.now() - t) / 1000]);
  if (status !== 0) {
    console.error(`\n✗ ${name} failed (exit ${status})`);
    summary();
    process.exit(1);
  }
}
summary();

/** Runs one layer, passing its output through and counting what its runner reports. */
function runLayer(cmd, args) {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'inherit'] });
    let tail = '';
    child.stdout.on('data', (chunk) => {
      process.stdout.write(chunk);
      tail += chunk.toString();
      const lines = tail.split('\n');
      tail = lines.pop() ?? '';
      for (const line of lines) count(line);
    });
    child.on('close', (code, signal) => {
      count(tail);
      resolve(code ?? (signal ? 1 : 0));
    });
  });
}

/** mocha prints "N passing" / "N failing"; the VS Code launchers print "layer: N passed, N failed". */
function count(line) {
  const plain = line.replace(/\x1b\[[0-9;]*m/g, '');
  let m = /^\s*(\d+) passing\b/.exec(plain);
  if (m) counts.passed += Number(m[1]);
  m = /^\s*(\d+) failing\b/.exec(plain);
  if (m) counts.failed += Number(m[1]);
  m = /^\w+: (\d+) passed, (\d+) failed$/.exec(plain.trim());
  if (m) {
    counts.passed += Number(m[1]);
    counts.failed += Number(m[2]);
  }
}

function summary() {
  console.log(
    '\nlayer times: ' + times.map(([n, s]) => `${n} ${Number(s).toFixed(1)} s`).join(', ') + `; total ${((Date.now() - started) / 1000).toFixed(1)} s`,
  );
  console.log(`tests: ${counts.passed} passed, ${counts.failed} failed`);
}
