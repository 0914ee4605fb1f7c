import type * as vscode from 'vscode';
import { compose } from './vscode/composition';

export function activate(context: vscode.ExtensionContext): void {
  compose(context);
}

export function deactivate(): void {
  // Everything is owned by context.subscriptions and disposed by VS Code.
}
