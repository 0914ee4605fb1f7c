import * as vscode from 'vscode';

/** What the deny list is built from: the user's own settings, and the globs a workspace adds. */
export interface DenyScopes {
  readonly user: { readonly globs: readonly string[]; readonly replaceDefaults: boolean };
  readonly workspace: readonly string[];
}

/**
 * The deny list's inputs as the settings give them: `redline.deny.replaceDefaults` and `!glob`
 * re-allows count only from the user's own settings; a workspace's globs can only add
 * (denyGlobsFromScopes).
 */
export function denyScopesFromSettings(): DenyScopes {
  const config = vscode.workspace.getConfiguration('redline');
  const globs = config.inspect<unknown>('deny.globs');
  const replace = config.inspect<unknown>('deny.replaceDefaults');
  return {
    user: { globs: strings(globs?.globalValue), replaceDefaults: replace?.globalValue === true },
    workspace: [...strings(globs?.workspaceValue), ...strings(globs?.workspaceFolderValue)],
  };
}

function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string' && v.trim() !== '') : [];
}
