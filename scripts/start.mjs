// @ts-check
// `npm start`: Redline in a real VS Code in your browser, on loopback, with the demo workspace.
//   npm start                  build, then serve at a printed http://127.0.0.1:PORT/ URL
//   npm start -- --port 8080   a fixed port
//   npm start -- --keep        reuse the demo workspace copy from the last start
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { cacheDir, startCodeServer } from './lib/codeServer.mjs';
import { TEST_SETTINGS } from './lib/runSuite.mjs';
import { remoteUri, workbenchUrl } from './lib/workbench.mjs';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const argv = process.argv.slice(2);
const portArg = argv.indexOf('--port');
const port = portArg >= 0 ? Number(argv[portArg + 1]) : 0;

const build = spawnSync('node', [path.join(root, 'scripts', 'build.mjs')], { stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);

// The demo runs on a copy, so trying the loop never changes the repository's example.
const runDir = path.join(cacheDir(), 'demo');
const workspace = path.join(runDir, 'workspace');
if (!argv.includes('--keep') || !fs.existsSync(workspace)) {
  fs.rmSync(workspace, { recursive: true, force: true });
  fs.cpSync(path.join(root, 'examples', 'demo-workspace'), workspace, { recursive: true });
}
const userDir = path.join(runDir, 'user-data', 'User');
fs.mkdirSync(userDir, { recursive: true });
fs.writeFileSync(path.join(userDir, 'settings.json'), JSON.stringify({ ...TEST_SETTINGS, 'workbench.colorTheme': 'Default Dark Modern' }, null, 2));

const server = await startCodeServer({ workspace, runDir, port });
const url = workbenchUrl(server.url, workspace, [['extensionDevelopmentPath', remoteUri(server.url, root)]]);
console.log(`\nRedline is running. Open this URL in your browser:\n\n  ${url}\n\nWorkspace: ${workspace}\nPress Ctrl+C to stop.`);

const stop = async () => {
  await server.stop();
  process.exit(0);
};
process.on('SIGINT', () => void stop());
process.on('SIGTERM', () => void stop());
