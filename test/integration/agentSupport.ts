// Shared by the agent suites: the extension's API, a scripted Messages API double the real SDK
// talks to (started inside the extension host), settings pointing at it, and workspace files.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { RedlineApi, RunSnapshot } from '../../src/shared/api';
import { MessagesDouble } from '../double/server';
import type { Script } from '../double/script';

export const FAKE_KEY = 'sk-ant-api03-redline-integration-FAKEFAKEFAKEFAKEFAKE-0123456789';

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
export function writePlan(name: string, options: { steps?: string[]; checks?: string[]; constraints?: string[] } = {}): string {
  const rel = `.redline/plans/${name}.md`;
  const steps = (options.steps ?? ['Change the files']).map((s, i) => `- [ ] ${s} <!-- id: s${i + 1} -->`).join('\n');
  const checks = (options.checks ?? []).map((c) => `- \`${c}\``).join('\n');
  const constraints = (options.constraints ?? []).map((c) => `- \`${c}\``).join('\n');
  write(rel, `---\ntitle: ${name}\nstatus: approved\n---\n\n# ${name}\n\n## Goal\n\nA test plan.\n\n## Steps\n\n${steps}\n\n## Checks\n\n${checks}\n\n## Constraints\n\n${constraints}\n`);
  return rel;
}

/**
 * Starts the double and points the extension at it. The endpoint is a machine setting, so it is
 * written to the user (global) settings, where a workspace cannot put it.
 */
export async function startDouble(script: Script): Promise<MessagesDouble> {
  const double = await MessagesDouble.start({ script });
  const config = vscode.workspace.getConfiguration('redline');
  await config.update('anthropic.baseUrl', double.url, vscode.ConfigurationTarget.Global);
  await config.update('followUps', [], vscode.ConfigurationTarget.Global);
  await config.update('maxTurns', 12, vscode.ConfigurationTarget.Global);
  process.env.ANTHROPIC_API_KEY = FAKE_KEY;
  return double;
}

export async function resetSettings(): Promise<void> {
  const config = vscode.workspace.getConfiguration('redline');
  for (const key of ['anthropic.baseUrl', 'followUps', 'maxTurns']) await config.update(key, undefined, vscode.ConfigurationTarget.Global);
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

export function waitForEnd(redline: RedlineApi, runId: string, timeoutMs = 30_000): Promise<RunSnapshot> {
  return waitFor(`run ${runId} to end`, () => {
    const run = redline.getRun(runId);
    return run !== undefined && run.state !== 'running' ? run : undefined;
  }, timeoutMs);
}

/** Stubs a `vscode.window` function for one test (the test and the extension share the API object). */
export function stubWindow<K extends 'showErrorMessage' | 'showWarningMessage' | 'showInformationMessage'>(name: K, impl: (...args: unknown[]) => unknown): () => void {
  const win = vscode.window as unknown as Record<string, unknown>;
  const original = win[name];
  win[name] = impl;
  return () => {
    win[name] = original;
  };
}
