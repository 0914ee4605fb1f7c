// @ts-check
// `npm start`: Redline in a real VS Code in your browser, on loopback, with the demo workspace and
// the offline scripted model (no API key, no network).
//   npm start                     build, then serve at a printed http://127.0.0.1:PORT/ URL
//   npm start -- --port 8080      a fixed port
//   npm start -- --keep           reuse the demo workspace copy from the last start
//   npm start -- --real-model     no scripted model: use your key (Redline: Set API Key) and Anthropic's API
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { cacheDir, startCodeServer } from './lib/codeServer.mjs';
import { prepareDemo } from './lib/demo.mjs';
import { remoteUri, workbenchUrl } from './lib/workbench.mjs';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const argv = process.argv.slice(2);
const portArg = argv.indexOf('--port');
const port = portArg >= 0 ? Number(argv[portArg + 1]) : 0;
const realModel = argv.includes('--real-model');

const build = spawnSync('node', [path.join(root, 'scripts', 'build.mjs')], { stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);

const model = realModel ? undefined : await startScriptedModel();
const runDir = path.join(cacheDir(), 'demo');
const { workspace, env } = prepareDemo({ runDir, keep: argv.includes('--keep'), modelUrl: model?.url });
const server = await startCodeServer({ workspace, runDir, port, env });
const url = workbenchUrl(server.url, workspace, [['extensionDevelopmentPath', remoteUri(server.url, root)]]);
console.log(
  [
    '',
    'Redline is running. Open this URL in your browser:',
    '',
    `  ${url}`,
    '',
    `Workspace: ${workspace} (a git repository; the demo never touches the copy in examples/)`,
    model
      ? `Model:     the offline scripted model at ${model.url} (no API key needed); it knows only the README's walk-through`
      : "Model:     Anthropic's API with your key (Redline: Set API Key, or ANTHROPIC_API_KEY)",
    'Press Ctrl+C to stop.',
  ].join('\n'),
);

const stop = async () => {
  await server.stop();
  model?.child.kill('SIGTERM');
  process.exit(0);
};
process.on('SIGINT', () => void stop());
process.on('SIGTERM', () => void stop());

/**
 * The test double as a standalone server playing examples/demo-model.json; resolves with its URL.
 * @returns {Promise<{ url: string, child: import('node:child_process').ChildProcess }>}
 */
function startScriptedModel() {
  const script = path.join(root, 'examples', 'demo-model.json');
  const child = spawn(process.execPath, [path.join(root, 'dist-test', 'demo-model.mjs'), script], { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (chunk) => {
      out += chunk.toString();
      const m = /listening on (http:\/\/\S+)/.exec(out);
      if (m) resolve({ url: /** @type {string} */ (m[1]), child });
    });
    child.on('exit', (code) => reject(new Error(`the scripted model exited with ${code}`)));
    if (!fs.existsSync(script)) reject(new Error(`missing ${script}`));
  });
}
