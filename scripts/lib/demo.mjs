// @ts-check
// The offline demo's set-up, shared by `npm start`, `npm run screenshots` and the end-to-end test:
// a fresh copy of examples/demo-workspace made a git repository, and settings that point Redline
// at the scripted model.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { TEST_SETTINGS } from './runSuite.mjs';

export const repoRoot = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..', '..');
export const DEMO_WORKSPACE = path.join(repoRoot, 'examples', 'demo-workspace');
export const DEMO_MODEL = path.join(repoRoot, 'examples', 'demo-model.json');
/** What the extension host sees as ANTHROPIC_API_KEY with the scripted model: it checks nothing. */
export const DEMO_KEY = 'sk-ant-demo-offline-scripted-model-not-a-real-key';

/**
 * @param {{ runDir: string, keep?: boolean, modelUrl?: string, theme?: string }} opts
 * @returns {{ workspace: string, env: Record<string, string> }}
 */
export function prepareDemo(opts) {
  const workspace = path.join(opts.runDir, 'workspace');
  if (!opts.keep || !fs.existsSync(workspace)) {
    fs.rmSync(workspace, { recursive: true, force: true });
    fs.cpSync(DEMO_WORKSPACE, workspace, { recursive: true });
    initRepository(workspace);
  }
  const userDir = path.join(opts.runDir, 'user-data', 'User');
  fs.mkdirSync(userDir, { recursive: true });
  fs.writeFileSync(
    path.join(userDir, 'settings.json'),
    JSON.stringify(
      {
        ...TEST_SETTINGS,
        'workbench.colorTheme': opts.theme ?? 'Default Dark Modern',
        // code-server is a remote: the user confirms the scripted model's endpoint in their own settings.
        ...(opts.modelUrl ? { 'redline.anthropic.confirmedEndpoints': [opts.modelUrl] } : {}),
      },
      null,
      2,
    ),
  );
  // code-server is a remote: the model endpoint (machine scope) is read from the Machine settings.
  const machineDir = path.join(opts.runDir, 'user-data', 'Machine');
  fs.mkdirSync(machineDir, { recursive: true });
  fs.writeFileSync(path.join(machineDir, 'settings.json'), JSON.stringify(opts.modelUrl ? { 'redline.anthropic.baseUrl': opts.modelUrl } : {}, null, 2));
  return { workspace, env: opts.modelUrl ? { ANTHROPIC_API_KEY: DEMO_KEY } : {} };
}

/** `git init` and one commit, so the demo shows what changed and `git status` tells the truth. */
/** @param {string} dir */
export function initRepository(dir) {
  const git = (/** @type {string[]} */ ...args) => {
    const r = spawnSync('git', ['-c', 'user.name=Redline Demo', '-c', 'user.email=demo@redline.invalid', '-c', 'commit.gpgsign=false', ...args], {
      cwd: dir,
      encoding: 'utf8',
    });
    if (r.status !== 0) throw new Error(`git ${args.join(' ')} failed in ${dir}: ${r.stderr}`);
    return r.stdout;
  };
  git('init', '-q', '-b', 'main');
  git('add', '-A');
  git('commit', '-q', '-m', 'textkit: slugify');
}
