import * as vscode from 'vscode';
import { createNodeFileSystem } from '../node/nodeFileSystem';
import { locateWorkspacePath, resolveWorkspacePath, type PathIntent, type ResolvedWorkspacePath, type WorkspaceRoot } from '../core/policy/workspacePath';
import { folderScopedDeny } from '../core/policy/folderScopedRules';
import type { DenyPolicy } from '../core/policy/denyList';
import type { PolicyRules } from '../core/policy/policyRules';
import { fail, ok, type Result } from '../core/result';
import { denyScopesFromSettings } from './denySettings';

/**
 * Every path from the model, an API caller or a webview goes through here: resolved inside a
 * workspace folder (symlinks included) and checked against the deny list (Safety issue).
 */
export class WorkspacePaths implements vscode.Disposable {
  private readonly fs = createNodeFileSystem();
  /** The deny list built from the settings and folders as they are; dropped when either changes. */
  private denyMemo: DenyPolicy | undefined;
  private readonly subscriptions: vscode.Disposable[];

  /** `rules` give the deny list (in the extension, from `dist/policy.js` on the first check). */
  constructor(private readonly rules: Pick<PolicyRules, 'denyPolicy'>) {
    // VS Code updates the settings the extension host reads before it fires these events, so a
    // check after a change never finds the old list.
    const drop = (): void => (this.denyMemo = undefined);
    this.subscriptions = [
      vscode.workspace.onDidChangeConfiguration((e) => e.affectsConfiguration('redline.deny') && drop()),
      vscode.workspace.onDidChangeWorkspaceFolders(drop),
    ];
  }

  dispose(): void {
    for (const s of this.subscriptions) s.dispose();
  }

  async resolve(raw: string, intent: PathIntent): Promise<Result<ResolvedWorkspacePath & { display: string }>> {
    return this.resolver()(raw, intent);
  }

  /** The file `raw` names, checked as written only (`locateWorkspacePath`): resolve it in full before touching it. */
  locate(raw: string, intent: PathIntent): Result<{ absolutePath: string; display: string }> {
    const folders = localFolders();
    const located = locateWorkspacePath(raw, intent, { folders, caseInsensitive: process.platform !== 'linux', deny: this.denyPolicy() });
    if (!located.ok) return fail(located.code, located.message);
    return ok({ absolutePath: located.value.absolutePath, display: displayPath(located.value, folders) });
  }

  /** The same checks for many paths (a scan of the working tree): the folders and settings are read once. */
  resolver(): (raw: string, intent: PathIntent) => Promise<Result<ResolvedWorkspacePath & { display: string }>> {
    const folders = localFolders();
    const deny = this.denyPolicy();
    return async (raw, intent) => {
      const resolved = await resolveWorkspacePath(raw, intent, { folders, fs: this.fs, caseInsensitive: process.platform !== 'linux', deny });
      if (!resolved.ok) return fail(resolved.code, resolved.message);
      return ok({ ...resolved.value, display: displayPath(resolved.value, folders) });
    };
  }

  /** The deny list as the settings give it now, matched on folder-relative paths too. */
  denyPolicy(): DenyPolicy {
    // Reading the settings and compiling the globs took ~0.5 ms, and every read and write of a
    // reviewed file checks its path again (an auto-allowed edit has 5 ms in all).
    if (this.denyMemo) return this.denyMemo;
    const scopes = denyScopesFromSettings();
    this.denyMemo = folderScopedDeny(this.rules.denyPolicy(scopes.user, scopes.workspace), this.folderNames());
    return this.denyMemo;
  }

  /** The names that prefix paths in a multi-root workspace (`display`). */
  folderNames(): readonly string[] {
    return localFolders().map((f) => f.name);
  }

  uriOf(absolutePath: string): vscode.Uri {
    return vscode.Uri.file(absolutePath);
  }
}

/** With several folders, names are `folder/path`, as VS Code's asRelativePath writes them. */
function displayPath(p: { folder: WorkspaceRoot; relativePath: string }, folders: readonly WorkspaceRoot[]): string {
  return folders.length > 1 ? `${p.folder.name}/${p.relativePath}` : p.relativePath;
}

function localFolders(): WorkspaceRoot[] {
  return (vscode.workspace.workspaceFolders ?? []).filter((f) => f.uri.scheme === 'file').map((f) => ({ name: f.name, path: f.uri.fsPath }));
}
