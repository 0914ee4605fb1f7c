import type * as vscode from 'vscode';
import type { RedlineApi } from './shared/api';
import { compose } from './vscode/composition';

/** Returns Redline's public API (DESIGN.md, Public API; documented in the README). */
export function activate(context: vscode.ExtensionContext): RedlineApi {
  return compose(context);
}

export function deactivate(): void {
  // Everything is owned by context.subscriptions and disposed by VS Code.
}
