// @ts-check
// One esbuild script for every bundle: the extension host, the webviews and the test bundles.
//   node scripts/build.mjs                 development build (source maps) + test bundles
//   node scripts/build.mjs --production    minified extension and webviews, no tests, no maps
//   node scripts/build.mjs --watch         development build, rebuilt on change
//   --outdir=DIR   write the bundles to DIR instead of dist/ (the benchmark builds into a temp dir)
//   --metafile     also write DIR/meta.json, esbuild's account of what is in each bundle
import * as esbuild from 'esbuild';
import * as fs from 'node:fs';
import * as path from 'node:path';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');
const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const dist = path.resolve(root, process.argv.find((a) => a.startsWith('--outdir='))?.slice('--outdir='.length) ?? 'dist');
const metafile = process.argv.includes('--metafile');

function files(dir, suffix) {
  const abs = path.join(root, dir);
  if (!fs.existsSync(abs)) return [];
  return fs.readdirSync(abs, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith(suffix))
    .map((f) => path.join(dir, f));
}

/** @type {esbuild.BuildOptions} */
const common = { bundle: true, logLevel: 'warning', absWorkingDir: root, legalComments: 'none', metafile };

/**
 * Host bundles reach these modules through a stand-in that requires their own bundle on first use
 * (src/node/lazyBundle.ts); esbuild splits code only for ESM, and VS Code loads extensions as
 * CommonJS. The entry that builds the real bundle is left alone.
 * @type {{ filter: RegExp, standIn: string, entry: string }[]}
 */
const lazyModules = [
  { filter: /^picomatch$/, standIn: 'src/node/lazyPicomatch.ts', entry: 'src/node/picomatchEntry.ts' },
  { filter: /\/policy\/tripwires$/, standIn: 'src/node/lazyTripwires.ts', entry: 'src/core/policy/tripwires.ts' },
];

/** @type {esbuild.Plugin} */
const loadOnFirstUse = {
  name: 'load-on-first-use',
  setup(build) {
    for (const { filter, standIn, entry } of lazyModules) {
      build.onResolve({ filter }, (args) => (args.kind === 'entry-point' || args.importer === path.join(root, entry) ? undefined : { path: path.join(root, standIn) }));
    }
  },
};

/** @type {esbuild.BuildOptions[]} */
const builds = [
  {
    ...common,
    // Parts rarely needed are bundles of their own, loaded on first use (src/node/lazyBundle.ts):
    // the agent wiring when a run starts, `marked` and the run log when a plan is first shown, the
    // git working-tree review on its command's first run, the editor review (CodeLens, decorations,
    // fix threads) with the first changeset, the tripwire rules and the glob matcher with the first
    // proposal or path check (lazyModules above).
    entryPoints: {
      extension: 'src/extension.ts',
      agent: 'src/vscode/agent/agentEntry.ts',
      render: 'src/vscode/plan/renderEntry.ts',
      git: 'src/vscode/git/gitEntry.ts',
      editor: 'src/vscode/editor/editorEntry.ts',
      tripwires: 'src/core/policy/tripwires.ts',
      picomatch: 'src/node/picomatchEntry.ts',
    },
    plugins: [loadOnFirstUse],
    outdir: dist,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['vscode'],
    minify: production,
    sourcemap: !production,
  },
  {
    // The model client (@anthropic-ai/sdk) as its own bundle, loaded when the first run starts so
    // activation never pays for it (src/vscode/agent/runPorts.ts). The diff worker runs large
    // diffs off the extension host's thread; diffPort is the host's side of it, loaded with the
    // first large diff (src/node/lazyLineDiff.ts).
    ...common,
    entryPoints: { model: 'src/model/modelEntry.ts', diffWorker: 'src/node/diffWorker.ts', diffPort: 'src/node/workerLineDiff.ts' },
    outdir: dist,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    minify: production,
    sourcemap: !production,
  },
  {
    ...common,
    entryPoints: { plan: 'webview-ui/plan/main.ts', review: 'webview-ui/review/main.ts' },
    outdir: path.join(dist, 'webview'),
    platform: 'browser',
    format: 'iife',
    target: 'es2022',
    minify: production,
    sourcemap: production ? false : 'inline',
  },
];

if (!production) {
  builds.push(
    {
      ...common,
      entryPoints: files('test/integration', '.ts'),
      outdir: 'dist-test/integration',
      outbase: 'test/integration',
      platform: 'node',
      format: 'cjs',
      target: 'node20',
      external: ['vscode', 'mocha'],
      sourcemap: 'inline',
    },
    {
      // The offline demo's scripted model (`npm start`): the test double as a standalone server.
      ...common,
      entryPoints: { 'demo-model': 'test/double/main.ts' },
      outdir: 'dist-test',
      platform: 'node',
      format: 'esm',
      outExtension: { '.js': '.mjs' },
      target: 'node20',
      packages: 'external',
    },
    {
      ...common,
      entryPoints: files('test/webview', '.ts'),
      outdir: 'dist-test/webview',
      outbase: 'test/webview',
      platform: 'node',
      format: 'esm',
      outExtension: { '.js': '.mjs' },
      target: 'node20',
      packages: 'external',
      sourcemap: 'inline',
    },
  );
}

/** Codicons are served from the extension (font-src is the webview's cspSource, never a CDN). */
function copyCodicons() {
  const from = path.join(root, 'node_modules', '@vscode', 'codicons', 'dist');
  const to = path.join(dist, 'webview');
  fs.mkdirSync(to, { recursive: true });
  for (const f of ['codicon.css', 'codicon.ttf']) fs.copyFileSync(path.join(from, f), path.join(to, f));
}

const started = Date.now();
if (watch) {
  copyCodicons();
  for (const b of builds) await (await esbuild.context(b)).watch();
  console.log('esbuild: watching…');
} else {
  fs.rmSync(dist, { recursive: true, force: true });
  if (!production) fs.rmSync(path.join(root, 'dist-test'), { recursive: true, force: true });
  const results = await Promise.all(builds.map((b) => esbuild.build(b)));
  if (metafile) {
    const inputs = Object.assign({}, ...results.map((r) => r.metafile?.inputs));
    const outputs = Object.assign({}, ...results.map((r) => r.metafile?.outputs));
    fs.writeFileSync(path.join(dist, 'meta.json'), JSON.stringify({ inputs, outputs }));
  }
  copyCodicons();
  console.log(`esbuild: ${production ? 'production' : 'development'} build in ${Date.now() - started} ms`);
}
