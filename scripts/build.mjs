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
  return fs
    .readdirSync(abs, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith(suffix))
    .map((f) => path.join(dir, f));
}

/** @type {esbuild.BuildOptions} */
const common = { bundle: true, logLevel: 'warning', absWorkingDir: root, legalComments: 'none', metafile };

/**
 * The extension host's bundles: `extension.js`, all that loads at activation, and the bundles it
 * loads on first use, named with their entries in one table that the extension reads too
 * (src/vscode/bundles.json, loaded by src/vscode/bundles.ts). esbuild splits code only for ESM,
 * and VS Code loads extensions as CommonJS: each is a CommonJS bundle of its own.
 * @type {Record<string, { entry: string, loadedBy: string, commands?: string[] }>}
 */
const bundleTable = JSON.parse(fs.readFileSync(path.join(root, 'src/vscode/bundles.json'), 'utf8'));
checkBundleCommands();

/** A bundle's `commands` get their proxies from the manifest: each must be contributed, and by one bundle only. */
function checkBundleCommands() {
  const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
  const contributed = new Set((manifest.contributes?.commands ?? []).map((/** @type {{ command: string }} */ c) => c.command));
  const owner = new Map();
  for (const [name, bundle] of Object.entries(bundleTable)) {
    for (const id of bundle.commands ?? []) {
      if (!contributed.has(id)) throw new Error(`src/vscode/bundles.json: ${name} lists ${id}, which package.json does not contribute`);
      if (owner.has(id)) throw new Error(`src/vscode/bundles.json: ${id} is listed by ${owner.get(id)} and ${name}`);
      owner.set(id, name);
    }
  }
}

/** @type {esbuild.BuildOptions[]} */
const builds = [
  {
    ...common,
    entryPoints: { extension: 'src/extension.ts', ...Object.fromEntries(Object.entries(bundleTable).map(([name, b]) => [name, b.entry])) },
    outdir: dist,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['vscode'],
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
