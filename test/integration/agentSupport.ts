// Shared by the agent suites: the extension's API, a scripted Messages API double the real SDK
// talks to (started inside the extension host), settings pointing at it, and workspace files.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { ReviewSession } from '../../src/core/review/reviewSession';
import type { RedlineApi, RunSnapshot } from '../../src/shared/api';
import type { Runs } from '../../src/core/runs/runs';
import { createAgentRuns } from '../../src/vscode/agent/createAgentRuns';
import type { Logger } from '../../src/vscode/log';
import { ChangesetStore } from '../../src/vscode/review/changesetStore';
import { VsCodeReviewWorkspace } from '../../src/vscode/review/reviewWorkspace';
import { workspaceTrust } from '../../src/vscode/workspaceTrust';
import { WorkspacePaths } from '../../src/vscode/workspacePaths';
import { MessagesDouble } from '../double/server';
import type { Script } from '../double/script';
import type { ThinkingOptions } from '../double/thinking';
import { policyRules } from '../../src/core/policy/policyRules';
import { Bundles } from '../../src/vscode/bundles';

export const FAKE_KEY = 'sk-ant-api03-redline-integration-FAKEFAKEFAKEFAKEFAKE-0123456789';

/**
 * Planted secrets that must never reach the model. Plain words on purpose: redaction would mask a
 * key-shaped canary, hiding a deny-list failure; these survive redaction, so only the deny list,
 * the path policy and the environment scrubbing keep them home. Every double checks for them.
 */
export const CANARIES = {
  env: 'zebra-quartz-canary-dotenv-5131',
  envUpper: 'zebra-quartz-canary-upper-env-8802',
  pem: 'zebra-quartz-canary-pem-2207',
  idRsa: 'zebra-quartz-canary-idrsa-6644',
  npmrc: 'zebra-quartz-canary-npmrc-3390',
  outside: 'zebra-quartz-canary-outside-7719',
  outsideDir: 'zebra-quartz-canary-outsidedir-1408',
  environment: 'zebra-quartz-canary-environment-9925',
} as const;

export const root = (): string => vscode.workspace.workspaceFolders![0]!.uri.fsPath;

export async function api(): Promise<RedlineApi> {
  const ext = vscode.extensions.getExtension<RedlineApi>('redline.redline');
  assert.ok(ext, 'extension missing');
  return ext.activate();
}

export function write(rel: string, text: string): string {
  const abs = path.join(root(), rel);
  fs.mkdirSync(path.dirname(abs), { recursive: true });
  fs.writeFileSync(abs, text);
  return abs;
}

export const read = (rel: string): string => fs.readFileSync(path.join(root(), rel), 'utf8');

/** A plan file with the sections the agent reads; returns its workspace-relative path. */
export function writePlan(name: string, options: { steps?: string[]; checks?: string[]; constraints?: string[]; context?: string[] } = {}): string {
  const rel = `.redline/plans/${name}.md`;
  const steps = (options.steps ?? ['Change the files']).map((s, i) => `- [ ] ${s} <!-- id: s${i + 1} -->`).join('\n');
  const checks = (options.checks ?? []).map((c) => `- \`${c}\``).join('\n');
  const constraints = (options.constraints ?? []).map((c) => `- \`${c}\``).join('\n');
  const context = options.context === undefined ? '' : `## Context\n\n${options.context.map((c) => `- \`${c}\``).join('\n')}\n\n`;
  write(
    rel,
    `---\ntitle: ${name}\nstatus: approved\n---\n\n# ${name}\n\n## Goal\n\nA test plan.\n\n${context}## Steps\n\n${steps}\n\n## Checks\n\n${checks}\n\n## Constraints\n\n${constraints}\n`,
  );
  return rel;
}

/**
 * Starts the double and points the extension at it. The endpoint is a machine setting, so it is
 * written to the user (global) settings, where a workspace cannot put it.
 */
export async function startDouble(script: Script, options: { thinking?: ThinkingOptions } = {}): Promise<MessagesDouble> {
  const double = await MessagesDouble.start({ script, canaries: [FAKE_KEY, ...Object.values(CANARIES)], ...options });
  const config = vscode.workspace.getConfiguration('redline');
  await config.update('anthropic.baseUrl', double.url, vscode.ConfigurationTarget.Global);
  // code-server is a remote: the user confirms the double's URL in their settings (endpointGate.ts).
  await config.update('anthropic.confirmedEndpoints', [double.url], vscode.ConfigurationTarget.Global);
  await config.update('followUps', [], vscode.ConfigurationTarget.Global);
  await config.update('maxTurns', 12, vscode.ConfigurationTarget.Global);
  process.env.ANTHROPIC_API_KEY = FAKE_KEY;
  return double;
}

export async function resetSettings(): Promise<void> {
  const config = vscode.workspace.getConfiguration('redline');
  for (const key of ['anthropic.baseUrl', 'anthropic.confirmedEndpoints', 'followUps', 'maxTurns'])
    await config.update(key, undefined, vscode.ConfigurationTarget.Global);
}

export async function waitFor<T>(what: string, probe: () => T | undefined | false, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** A promise the test opens itself: a scripted reply held on it (`hold`) waits for an event, not a delay. */
export function gate(): { opened: Promise<void>; open: () => void } {
  let open = (): void => undefined;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { opened, open };
}

export function waitForEnd(redline: RedlineApi, runId: string, timeoutMs = 30_000): Promise<RunSnapshot> {
  return waitFor(
    `run ${runId} to end`,
    () => {
      const run = redline.getRun(runId);
      return run !== undefined && run.state !== 'running' ? run : undefined;
    },
    timeoutMs,
  );
}

/** Stubs a `vscode.window` function for one test (the test and the extension share the API object). */
export function stubWindow<K extends 'showErrorMessage' | 'showWarningMessage' | 'showInformationMessage'>(
  name: K,
  impl: (...args: unknown[]) => unknown,
): () => void {
  const win = vscode.window as unknown as Record<string, unknown>;
  const original = win[name];
  win[name] = impl;
  return () => {
    win[name] = original;
  };
}

export class MemoryMemento implements vscode.Memento {
  private readonly values = new Map<string, unknown>();
  keys(): readonly string[] {
    return [...this.values.keys()];
  }
  get<T>(key: string, defaultValue?: T): T | undefined {
    return this.values.has(key) ? (this.values.get(key) as T) : defaultValue;
  }
  async update(key: string, value: unknown): Promise<void> {
    this.values.set(key, value);
  }
}

/** A window's review and agent, composed over a storage folder the way the extension composes them. */
export interface TestWindow {
  session: ReviewSession;
  store: ChangesetStore;
  restored: Promise<void>;
  runs: Runs;
  memento: MemoryMemento;
  logged: string[];
  dispose(): void;
}

/**
 * Opens a "window" on `storage`: disposing it and opening another on the same folder is what a
 * reload does to Redline's state (the workspace files stay as they are).
 */
export function openWindow(storage: string, options: { memento?: MemoryMemento; confirm?: () => Promise<boolean> } = {}): TestWindow {
  const ext = vscode.extensions.getExtension('redline.redline')!;
  const logged: string[] = [];
  const log: Logger = { info: (m) => logged.push(m), warn: (m) => logged.push(m), error: (m) => logged.push(m), show: () => undefined };
  const paths = new WorkspacePaths(policyRules);
  const session = new ReviewSession(new VsCodeReviewWorkspace(paths), workspaceTrust, policyRules);
  const store = new ChangesetStore(vscode.Uri.file(storage), session, log);
  const restored = store.restore();
  const memento = options.memento ?? new MemoryMemento();
  const runs = createAgentRuns({
    model: () => new Bundles(ext.extensionPath).get('model'),
    context: { storageUri: vscode.Uri.file(storage), workspaceState: memento, globalState: new MemoryMemento(), extensionMode: vscode.ExtensionMode.Test },
    session,
    changesetsRestored: restored,
    keys: { get: async () => FAKE_KEY },
    paths,
    log,
    ...(options.confirm === undefined ? {} : { confirm: options.confirm }),
  });
  return {
    session,
    store,
    restored,
    runs,
    memento,
    logged,
    dispose: () => {
      runs.dispose();
      store.dispose();
    },
  };
}
