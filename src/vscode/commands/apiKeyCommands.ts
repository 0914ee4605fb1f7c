import * as vscode from 'vscode';
import type { Command } from './command';
import type { ApiKeyStore } from '../apiKeyStore';
import { linklessText } from '../untrustedText';

export class SetApiKeyCommand implements Command {
  readonly id = 'redline.setApiKey';
  constructor(private readonly keys: ApiKeyStore) {}

  async execute(): Promise<void> {
    const key = await vscode.window.showInputBox({
      title: 'Redline: Anthropic API key',
      prompt: 'Stored in VS Code secret storage; never written to settings, logs or files.',
      password: true,
      ignoreFocusOut: true,
      validateInput: (v) => (v.trim().length < 8 ? 'That does not look like an API key.' : undefined),
    });
    if (key === undefined) return;
    await this.keys.set(key.trim());
    void vscode.window.showInformationMessage('Redline: API key saved.');
  }
}

export class ClearApiKeyCommand implements Command {
  readonly id = 'redline.clearApiKey';
  constructor(private readonly keys: ApiKeyStore) {}

  async execute(): Promise<void> {
    await this.keys.clear();
    void vscode.window.showInformationMessage('Redline: API key removed from secret storage.');
  }
}

/** An error about the key, with the action that fixes it. */
export function showAuthError(message: string): void {
  void vscode.window.showErrorMessage(`Redline: ${linklessText(message)}`, 'Set API Key').then((choice) => {
    if (choice === 'Set API Key') void vscode.commands.executeCommand('redline.setApiKey');
  });
}
