/**
 * Issue 16: search_text's disk search over a generated repository of 20,000 files (the needle in
 * file 19,000, a gitignored dist/ holding it too) beside `rg` itself run directly on the same tree,
 * with the rg that the test VS Code ships. Medians of several runs after a warm-up (the page cache
 * is warm for both). The JavaScript fallback is timed too, for the record.
 *   node --import tsx bench/searchRepo.ts   → one JSON line
 */
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { createDiskSearch } from '../src/node/search/diskSearch';
import { findRipgrep } from '../src/node/search/ripgrepPath';
import { timedSearch } from '../src/node/search/timedSearch';
import { cacheDir, CODE_SERVER_VERSION } from '../scripts/lib/codeServer.mjs';
import { generateRepo, NEEDLE } from '../test/fixtures/search/generatedRepo';

const RUNS = 7;

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
};

async function time(run: () => Promise<void> | void): Promise<number> {
  const started = performance.now();
  await run();
  return performance.now() - started;
}

async function main(): Promise<void> {
  const appRoot = path.join(cacheDir(), `code-server-${CODE_SERVER_VERSION}`, 'node_modules', 'code-server', 'lib', 'vscode');
  const rgPath = findRipgrep(appRoot);
  if (rgPath === undefined) throw new Error(`no rg under ${appRoot}: run npm test (or npm start) once to install the test VS Code`);
  const repo = generateRepo();
  try {
    const scope = { roots: [{ absolute: repo.root, prefix: '' }], excludes: [], searchable: () => true };
    const query = { pattern: NEEDLE, isRegex: false, ignoreCase: false, context: 0, maxHits: 200, skip: new Set<string>() };
    const redline = createDiskSearch({ rgPath, patterns: timedSearch(), timeLimitMs: 60_000 });
    const fallback = createDiskSearch({ patterns: timedSearch(), timeLimitMs: 60_000 });
    const direct = (): void => {
      const r = spawnSync(rgPath, ['--fixed-strings', NEEDLE, '.'], { cwd: repo.root, encoding: 'utf8' });
      if (!r.stdout.includes(repo.needleFile)) throw new Error(`rg did not find the needle: ${r.stdout} ${r.stderr}`);
    };
    const ours = async (search: typeof redline): Promise<void> => {
      const found = await search.searchText(scope, query);
      if (!found.ok || found.value.files.map((f) => f.path).join() !== repo.needleFile) throw new Error(`search found ${JSON.stringify(found)}`);
    };
    direct();
    await ours(redline);
    const rgMs: number[] = [];
    const redlineMs: number[] = [];
    // Interleaved, so a burst of load on the machine hits both.
    for (let i = 0; i < RUNS; i++) {
      rgMs.push(await time(direct));
      redlineMs.push(await time(() => ours(redline)));
    }
    const fallbackMs = await time(() => ours(fallback));
    const result = { files: repo.files.length, rgMs: median(rgMs), redlineMs: median(redlineMs), ratio: median(redlineMs) / median(rgMs), fallbackMs };
    console.log(JSON.stringify(result));
  } finally {
    repo.remove();
  }
}

void main();
