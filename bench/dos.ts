// Denial-of-service inputs side by side, before (picomatch's backtracking regex; the indexOf loop an
// edit used) and after (globMatch.ts; replace.ts). Run alone: `node --import tsx bench/dos.ts`.
// Each "before" runs in a child process killed at its cap, so a hang reads as "> cap".
import { spawnSync } from 'node:child_process';
import { applyReplacements } from '../src/core/agent/replace';
import { compileGlob } from '../src/core/policy/globMatch';

const capMs = 20_000;
const name = 'a'.repeat(40);
const globs: [string, string][] = [
  ['*a x7 + b', '*a'.repeat(7) + 'b'],
  ['*a x8 + b', '*a'.repeat(8) + 'b'],
  ['**a x8 + b', '**a'.repeat(8) + 'b'],
  ['**a x9 + b', '**a'.repeat(9) + 'b'],
  ['?* x8 + b', '?*'.repeat(8) + 'b'],
  ['*a x400 + b', '*a'.repeat(400) + 'b'],
];

/** Milliseconds of `code` in a fresh process, or undefined past the cap. */
function child(code: string): number | undefined {
  const r = spawnSync(process.execPath, ['--import', 'tsx', '-e', code], { encoding: 'utf8', timeout: capMs, cwd: process.cwd() });
  return r.status === 0 ? Number(r.stdout.trim()) : undefined;
}

function time(fn: () => void): number {
  const started = performance.now();
  fn();
  return performance.now() - started;
}

const show = (ms: number | undefined): string => (ms === undefined ? `> ${capMs / 1000} s (killed)` : `${ms.toFixed(1)} ms`);
const rows: string[] = [];
for (const [label, glob] of globs) {
  const before = child(
    `const pm = require('picomatch'); const m = pm(${JSON.stringify(glob)}, { dot: true, basename: true }); const t = performance.now(); m(${JSON.stringify(name)}); console.log(performance.now() - t);`,
  );
  const compiled = compileGlob(glob);
  const after = compiled.ok ? time(() => compiled.value(name)) : undefined;
  rows.push(`glob ${label} on a 40-character name | ${show(before)} | ${show(after)}`);
}
// The edit's search at the caps: a 4 MB file (the read cap) and a 400,000-character old_string (the input cap).
// Built as a decoded file is (one flat string), not by `repeat` (a rope that is slow to index).
const flat = (n: number, head = ''): string => head + Buffer.alloc(n - head.length, 'a').toString('latin1');
const text = flat(4 * 1024 * 1024 - 1);
const edits: [string, string][] = [
  ['old_string of 400,000 a (ambiguous, overlapping)', flat(400_000)],
  ['old_string "b" + 399,999 a (no match)', flat(400_000, 'b')],
  ['old_string of 2,000 a (ambiguous, overlapping)', flat(2000)],
];
for (const [label, needle] of edits) {
  const before = child(
    `const flat = (n, head = '') => head + Buffer.alloc(n - head.length, 'a').toString('latin1'); const text = flat(${text.length}); const needle = flat(${needle.length}, ${JSON.stringify(needle.slice(0, 1) === 'b' ? 'b' : '')}); const t = performance.now(); const out = []; for (let i = text.indexOf(needle); i !== -1; i = text.indexOf(needle, i + 1)) out.push(i); console.log(performance.now() - t);`,
  );
  const after = time(() => applyReplacements('big.txt', text, [{ oldString: needle, newString: 'x' }], [], 's1'));
  rows.push(`edit search, 4 MB file, ${label} | ${show(before)} | ${show(after)}`);
}
console.log(['input | before | after', '---|---|---', ...rows].join('\n'));
