/**
 * Redaction of 1 MB of check output: the shape rules alone (what redaction was) beside the shape
 * rules plus the known-secret matcher with 40 secrets in every encoding (what a check's output now
 * goes through), measured side by side. Medians of several runs after a warm-up; the matcher's
 * construction is timed separately (once per check run).
 *   node --import tsx bench/redaction.ts   → one JSON line
 */
import { createRedactor } from '../src/core/policy/secrets';

const RUNS = 7;
const SIZE = 1 << 20;

const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? Number.NaN;

function time(run: () => void): number {
  const started = performance.now();
  run();
  return performance.now() - started;
}

/** Test-runner and compiler output with a few secret-looking lines: what a check prints. */
function output(): string {
  const lines = [
    '  ✔ parses the plan file with steps and checks (3 ms)',
    'src/core/plan/parse.ts:41:7 - error TS2322: Type string is not assignable to type number.',
    '    at Context.<anonymous> (test/unit/core/plan/parse.test.ts:88:14)',
    'npm warn deprecated inflight@1.0.6: This module is not supported, and leaks memory.',
    'DEBUG=redline:* node dist/extension.js --inspect=9229 PORT=8080',
    `sha 3f9a1c2b7e4d5f60718293a4b5c6d7e8f9012345 base64 ${Buffer.from('fixture bytes '.repeat(4)).toString('base64')}`,
  ];
  let text = '';
  for (let i = 0; text.length < SIZE; i++) text += `${lines[i % lines.length]} #${i}\n`;
  return text.slice(0, SIZE);
}

function main(): void {
  const text = output();
  const secrets = Array.from({ length: 40 }, (_, i) => `value-${i}-${Math.random().toString(36).slice(2)}${Math.random().toString(36).slice(2)}`);
  const patterns = createRedactor({});
  let withKnown = createRedactor({ knownSecrets: secrets });
  const buildMs = median(Array.from({ length: RUNS }, () => time(() => (withKnown = createRedactor({ knownSecrets: secrets })))));
  patterns.redact(text);
  withKnown.redact(text);
  const patternMs = median(Array.from({ length: RUNS }, () => time(() => patterns.redact(text))));
  const knownMs = median(Array.from({ length: RUNS }, () => time(() => withKnown.redact(text))));
  console.log(JSON.stringify({ bytes: SIZE, secrets: secrets.length, patternsOnlyMs: patternMs, withKnownSecretsMs: knownMs, matcherBuildMs: buildMs }));
}

main();
