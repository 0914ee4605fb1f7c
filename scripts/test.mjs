// @ts-check
// `npm test`: every layer, each timed. Stops after the first step with a failing layer.
//   build → lint, typecheck, unit (plain mocha) side by side → agent-cli (the real agent CLIs
//   against their API doubles) beside integration (extension host) → webview (Playwright in the
//   workbench) → package (.vsix installed into code-server)
import { spawn } from 'node:child_process';

/**
 * Layers in steps; the layers of one step run side by side (they share nothing: lint and the unit
 * tests read the sources, the agent CLIs and the extension host have servers of their own), and
 * their output is printed whole, one layer after the other, when the step ends.
 */
const steps = [
  [['build', 'npm', ['run', '--silent', 'build']]],
  [
    ['lint', 'npm', ['run', '--silent', 'lint']],
    ['typecheck', 'npm', ['run', '--silent', 'typecheck']],
    ['unit', 'npm', ['run', '--silent', 'test:unit']],
  ],
  [
    ['agent-cli', 'npm', ['run', '--silent', 'test:agent-cli']],
    ['integration', 'node', ['scripts/test-integration.mjs']],
  ],
  [['webview', 'npm', ['run', '--silent', 'test:webview']]],
  [['package', 'node', ['scripts/test-vsix.mjs']]],
];

const only = process.argv.slice(2);
const times = [];
const counts = { passed: 0, failed: 0 };
const started = Date.now();
for (const step of steps) {
  const layers = step.filter(([name]) => only.length === 0 || only.includes(name));
  const alone = layers.length === 1;
  const results = await Promise.all(
    layers.map(async ([name, cmd, args]) => {
      if (alone) console.log(`\n▶ ${name}`);
      const t = Date.now();
      const run = await runLayer(cmd, args, alone);
      times.push([name, (Date.now() - t) / 1000]);
      return { name, ...run };
    }),
  );
  for (const { name, output } of results) if (!alone) process.stdout.write(`\n▶ ${name}\n${output}`);
  const failed = results.find((r) => r.status !== 0);
  if (failed) {
    console.error(`\n✗ ${failed.name} failed (exit ${failed.status})`);
    summary();
    process.exit(1);
  }
}
summary();

/** Runs one layer, counting what its runner reports; its output passes through (`live`) or is kept. */
function runLayer(cmd, args, live) {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', live ? 'inherit' : 'pipe'] });
    let output = '';
    let tail = '';
    const take = (/** @type {Buffer} */ chunk) => {
      if (live) process.stdout.write(chunk);
      else output += chunk.toString();
    };
    child.stderr?.on('data', take);
    child.stdout.on('data', (chunk) => {
      take(chunk);
      tail += chunk.toString();
      const lines = tail.split('\n');
      tail = lines.pop() ?? '';
      for (const line of lines) count(line);
    });
    child.on('close', (code, signal) => {
      count(tail);
      resolve({ status: code ?? (signal ? 1 : 0), output });
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
