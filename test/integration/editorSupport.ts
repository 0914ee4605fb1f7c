// Shared by the editor suites.
import * as vscode from 'vscode';

/** Replaces a `vscode.window` function for one test (the test and the extension share the object). */
export function stubWindow(name: 'showInputBox' | 'showErrorMessage' | 'showInformationMessage', impl: (...args: unknown[]) => unknown): () => void {
  const win = vscode.window as unknown as Record<string, unknown>;
  const original = win[name];
  win[name] = impl;
  return () => {
    win[name] = original;
  };
}

/**
 * The test workbench (code-server) saves after a delay by default: that would save the user's
 * typing these tests keep unsaved, and race the save an accept makes.
 */
export function withoutAutoSave(): void {
  const files = () => vscode.workspace.getConfiguration('files');
  before(() => files().update('autoSave', 'off', vscode.ConfigurationTarget.Global));
  after(() => files().update('autoSave', undefined, vscode.ConfigurationTarget.Global));
}
