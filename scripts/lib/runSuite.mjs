// @ts-check
// Runs the integration suite inside a real VS Code extension host (code-server + headless
// Chromium), following shared/recipes/real-vscode-tests.md. Pass/fail comes from the workbench's
// `codeAutomationExit` and the JSON result the suite writes, never from the host's exit code.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { startCodeServer } from './codeServer.mjs';
import { launchBrowser, remoteUri, workbenchUrl } from './workbench.mjs';

/** User settings for a quiet, deterministic test workbench. */
export const TEST_SETTINGS = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'telemetry.telemetryLevel': 'off',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'update.mode': 'none',
  'git.openRepositoryInParentFolders': 'never',
  'security.workspace.trust.enabled': false,
  'chat.disableAIFeatures': true,
  // code-server saves after a delay by default; VS Code desktop does not. Tests need the desktop's
  // behaviour: an unsaved edit stays unsaved until someone saves it.
  'files.autoSave': 'off',
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
};

/** User settings for a workbench whose folder opens untrusted, in Restricted Mode, without asking. */
export const RESTRICTED_SETTINGS = {
  'security.workspace.trust.enabled': true,
  'security.workspace.trust.startupPrompt': 'never',
  'security.workspace.trust.untrustedFiles': 'open',
};

/**
 * Makes a fresh run folder with user settings and a copy of `workspaceTemplate`.
 * @param {string} name @param {string | undefined} workspaceTemplate @param {Record<string, unknown>} [settings]
 * @param {Record<string, unknown>} [machineSettings] settings of `machine` scope
 */
export function prepareRun(name, workspaceTemplate, settings = {}, machineSettings = {}) {
  const runDir = fs.mkdtempSync(path.join(os.tmpdir(), `redline-${name}-`));
  const workspace = path.join(runDir, 'workspace');
  if (workspaceTemplate) fs.cpSync(workspaceTemplate, workspace, { recursive: true });
  else fs.mkdirSync(workspace);
  const userDir = path.join(runDir, 'user-data', 'User');
  fs.mkdirSync(userDir, { recursive: true });
  fs.writeFileSync(path.join(userDir, 'settings.json'), JSON.stringify({ ...TEST_SETTINGS, ...settings }, null, 2));
  // code-server is a remote: settings of `machine` scope (the model endpoint) are read from the
  // remote's Machine settings, and ignored in the User settings.
  const machineDir = path.join(runDir, 'user-data', 'Machine');
  fs.mkdirSync(machineDir, { recursive: true });
  fs.writeFileSync(path.join(machineDir, 'settings.json'), JSON.stringify(machineSettings, null, 2));
  return { runDir, workspace };
}

/**
 * `restricted`: Workspace Trust on and the folder untrusted (Restricted Mode). `suite` names the
 * test files the window runs (REDLINE_TEST_SUITE=<suite>: only `*.<suite>.test.js`; restricted
 * implies `restricted`). `workspaceFile`: a `.code-workspace` in the template to open instead of
 * the folder (a multi-root workspace).
 * @param {{ extensionPath: string, testsPath: string, workspaceTemplate?: string, env?: Record<string,string>, timeoutMs?: number, verbose?: boolean, restricted?: boolean, suite?: string, workspaceFile?: string }} opts
 * @returns {Promise<{ vscodeVersion?: string, passed: string[], failed: { title: string, error: string }[], exitCode: number, harnessError?: string, ms: number }>}
 */
export async function runExtensionTests(opts) {
  const started = Date.now();
  const { runDir, workspace: folder } = prepareRun('integration', opts.workspaceTemplate, opts.restricted ? RESTRICTED_SETTINGS : {});
  const workspace = opts.workspaceFile === undefined ? folder : path.join(folder, opts.workspaceFile);
  const suite = opts.suite ?? (opts.restricted ? 'restricted' : undefined);
  const resultPath = path.join(runDir, 'result.json');
  const server = await startCodeServer({ workspace, runDir, workspaceTrust: opts.restricted === true });
  const browser = await launchBrowser();
  /** @type {string[]} */
  const logs = [];
  try {
    const exit = new Promise((resolve) => {
      void browser.page.exposeFunction('codeAutomationExit', (/** @type {number} */ code) => resolve(Number(code)));
    });
    await browser.page.exposeFunction('codeAutomationLog', (/** @type {string} */ _level, /** @type {string} */ msg) => {
      logs.push(String(msg));
      if (opts.verbose) process.stdout.write(`${msg}\n`);
    });
    const url = workbenchUrl(server.url, workspace, [
      ['extensionDevelopmentPath', remoteUri(server.url, opts.extensionPath)],
      ['extensionTestsPath', remoteUri(server.url, opts.testsPath)],
      ['extensionEnvironment', JSON.stringify({ ...opts.env, REDLINE_TEST_RESULT: resultPath, ...(suite === undefined ? {} : { REDLINE_TEST_SUITE: suite }) })],
      ['skipWelcome', 'true'],
    ]);
    await browser.page.goto(url);
    // A harness limit, not a budget: the main window's suite runs ~200 tests, many of them checks
    // in a real sandbox, and a busy machine takes minutes; a hang still ends here with its logs.
    const timeoutMs = opts.timeoutMs ?? 15 * 60_000;
    const timeout = new Promise((resolve) => setTimeout(() => resolve('timeout'), timeoutMs).unref());
    const outcome = await Promise.race([exit, timeout]);
    const result = fs.existsSync(resultPath) ? JSON.parse(fs.readFileSync(resultPath, 'utf8')) : { passed: [], failed: [] };
    if (outcome === 'timeout') {
      return {
        ...result,
        exitCode: 1,
        harnessError: `no result within ${timeoutMs / 1000} s\n${logs.slice(-40).join('\n')}\n${server.logs().slice(-4000)}`,
        ms: Date.now() - started,
      };
    }
    if (!fs.existsSync(resultPath)) {
      return {
        ...result,
        exitCode: 1,
        harnessError: `the suite wrote no result (exit ${outcome}); extension host log:\n${logs.slice(-60).join('\n')}`,
        ms: Date.now() - started,
      };
    }
    const exitCode = outcome === 0 && result.failed.length === 0 ? 0 : 1;
    return { ...result, exitCode, ms: Date.now() - started };
  } finally {
    await browser.close();
    await server.stop();
    fs.rmSync(runDir, { recursive: true, force: true });
  }
}
