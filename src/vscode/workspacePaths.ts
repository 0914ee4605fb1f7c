import * as vscode from 'vscode';
import { createNodeFileSystem } from '../node/nodeFileSystem';
import { resolveWorkspacePath, type PathIntent, type ResolvedWorkspacePath, type WorkspaceRoot } from '../core/policy/workspacePath';
import { folderScopedDeny } from '../core/policy/folderScopedRules';
import type { DenyPolicy } from '../core/policy/denyList';
import type { PolicyRules } from '../core/policy/policyRules';
import { fail, ok, type Result } from '../core/result';
import { denyScopesFromSettings } from './denySettings';

/**
 * Every path from the model, an API caller or a webview goes through here: resolved inside a
 * workspace folder (symlinks included) and checked against the deny list (Safety issue).
 */
export class WorkspacePaths {
  private readonly fs = createNodeFileSystem();
  /** The last deny list built, by the settings and folders it was built from. */
  private denyMemo: { key: string; policy: DenyPolicy } | undefined;

  /** `rules` give the deny list (in the extension, from `dist/policy.js` on the first check). */
  constructor(private readonly rules: Pick<PolicyRules, 'denyPolicy'>) {}

  async resolve(raw: string, intent: PathIntent): Promise<Result<ResolvedWorkspacePath & { display: string }>> {
    return this.resolver()(raw, intent);
  }

  /** The same checks for many paths (a scan of the working tree): the folders and settings are read once. */
  resolver(): (raw: string, intent: PathIntent) => Promise<Result<ResolvedWorkspacePath & { display: string }>> {
    const folders = localFolders();
    const deny = this.denyPolicy();
    return async (raw, intent) => {
      const resolved = await resolveWorkspacePath(raw, intent, { folders, fs: this.fs, caseInsensitive: process.platform !== 'linux', deny });
      if (!resolved.ok) return fail(resolved.code, resolved.message);
      // With several folders, names are `folder/path`, as VS Code's asRelativePath writes them.
      const display = folders.length > 1 ? `${resolved.value.folder.name}/${resolved.value.relativePath}` : resolved.value.relativePath;
      return ok({ ...resolved.value, display });
    };
  }

  /** The deny list as the settings give it now, matched on folder-relative paths too. */
  denyPolicy(): DenyPolicy {
    // Compiling the globs took ~0.7 ms, and every read and write of a reviewed file checks its path
    // again; the settings are read each time, so a changed setting applies at the next check.
    const scopes = denyScopesFromSettings();
    const names = this.folderNames();
    const key = JSON.stringify([scopes, names]);
    if (this.denyMemo?.key !== key) this.denyMemo = { key, policy: folderScopedDeny(this.rules.denyPolicy(scopes.user, scopes.workspace), names) };
    return this.denyMemo.policy;
  }

  /** The names that prefix paths in a multi-root workspace (`display`). */
  folderNames(): readonly string[] {
    return localFolders().map((f) => f.name);
  }

  uriOf(absolutePath: string): vscode.Uri {
    return vscode.Uri.file(absolutePath);
  }
}

function localFolders(): WorkspaceRoot[] {
  return (vscode.workspace.workspaceFolders ?? []).filter((f) => f.uri.scheme === 'file').map((f) => ({ name: f.name, path: f.uri.fsPath }));
}
