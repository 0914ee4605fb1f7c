// @ts-check
// One timing of the `diff` package's plain structuredPatch, in its own process (a large Myers
// diff can take minutes and gigabytes; a time cap ends it and the bench reports a lower bound).
//   node bench/diffPackageTime.mjs OLD NEW CAP_MS   → {"ms":…,"changed":…,"timedOut":false}
import * as fs from 'node:fs';
import { structuredPatch } from 'diff';

const [oldPath, newPath, cap] = process.argv.slice(2);
const oldText = fs.readFileSync(String(oldPath), 'utf8');
const newText = fs.readFileSync(String(newPath), 'utf8');
const started = performance.now();
const patch = structuredPatch('a', 'b', oldText, newText, '', '', { context: 3, timeout: Number(cap) });
const ms = performance.now() - started;
let changed = 0;
for (const h of patch?.hunks ?? []) for (const l of h.lines) if (l[0] === '+' || l[0] === '-') changed++;
console.log(JSON.stringify({ ms, changed, timedOut: patch === undefined }));
