import * as vscode from 'vscode';
import type { DenyPolicy } from '../core/policy/denyList';
import type { PolicyRules } from '../core/policy/policyRules';

/**
 * The deny list as the settings give it: `redline.deny.replaceDefaults` and `!glob` re-allows
 * count only from the user's own settings; a workspace's globs can only add (denyGlobsFromScopes).
 */
export function denyPolicyFromSettings(rules: Pick<PolicyRules, 'denyPolicy'>): DenyPolicy {
  const config = vscode.workspace.getConfiguration('redline');
  const globs = config.inspect<unknown>('deny.globs');
  const replace = config.inspect<unknown>('deny.replaceDefaults');
  const workspace = [...strings(globs?.workspaceValue), ...strings(globs?.workspaceFolderValue)];
  return rules.denyPolicy({ globs: strings(globs?.globalValue), replaceDefaults: replace?.globalValue === true }, workspace);
}

function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string' && v.trim() !== '') : [];
}
