// @ts-check
// Issue 7, items 2 (activate()), 5 (accept a hunk) and "extension host blocked by a diff", in a
// real VS Code extension host (the integration launcher: code-server + headless Chromium). The
// extension under test is a folder holding the repository's package.json with `main` pointed at
// `benchMain.js`, which loads the given production `dist/` and times the real activate().
//   import { benchHost } from './host.mjs'; await benchHost(distDir)
import * as esbuild from 'esbuild';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runExtensionTests } from '../scripts/lib/runSuite.mjs';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');

/** @param {string} distDir a production build's dist folder */
export async function benchHost(distDir) {
  const ext = fs.mkdtempSync(path.join(os.tmpdir(), 'redline-host-bench-'));
  try {
    const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
    fs.writeFileSync(path.join(ext, 'package.json'), JSON.stringify({ ...pkg, main: './benchMain.js' }, null, 2));
    // A copy, not a link: VS Code finds the extension a module belongs to by its real path.
    fs.cpSync(distDir, path.join(ext, 'dist'), { recursive: true });
    fs.symlinkSync(path.join(root, 'media'), path.join(ext, 'media'));
    await esbuild.build({
      absWorkingDir: root,
      entryPoints: { hostBench: 'bench/host/hostBench.ts', benchMain: 'bench/host/benchMain.ts' },
      outdir: ext,
      bundle: true,
      platform: 'node',
      format: 'cjs',
      target: 'node20',
      external: ['vscode'],
      logLevel: 'warning',
    });
    const resultPath = path.join(ext, 'bench-result.json');
    const run = await runExtensionTests({
      extensionPath: ext,
      testsPath: path.join(ext, 'hostBench'),
      workspaceTemplate: path.join(root, 'test', 'fixtures', 'workspace'),
      env: { REDLINE_BENCH_RESULT: resultPath, ...(process.env.REDLINE_BENCH_PROFILE ? { REDLINE_BENCH_PROFILE: process.env.REDLINE_BENCH_PROFILE } : {}) },
      timeoutMs: 10 * 60_000,
    });
    if (run.exitCode !== 0 || !fs.existsSync(resultPath)) throw new Error(`the host bench failed: ${run.harnessError ?? JSON.stringify(run.failed)}`);
    return JSON.parse(fs.readFileSync(resultPath, 'utf8'));
  } finally {
    fs.rmSync(ext, { recursive: true, force: true });
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(new URL(import.meta.url).pathname)) {
  console.log(JSON.stringify(await benchHost(path.resolve(process.argv[2] ?? path.join(root, 'dist')))));
}
