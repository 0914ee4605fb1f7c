import * as vscode from 'vscode';
import { DisposableStore } from '../../core/dispose';

/** The part of the VS Code git extension's API (`vscode.git`, API version 1) Redline uses. */
interface GitApi {
  readonly git: { readonly path: string };
  readonly repositories: readonly GitApiRepository[];
  readonly onDidOpenRepository: vscode.Event<GitApiRepository>;
}
interface GitApiRepository {
  readonly rootUri: vscode.Uri;
  readonly state: { readonly onDidChange: vscode.Event<void> };
}
interface GitExtension {
  readonly enabled: boolean;
  getAPI(version: 1): GitApi;
}

/**
 * VS Code's git extension, where it serves: the git binary the user configured (`git.path`) and
 * its repositories' change events (it watches `.git` already). Without it, `git` on PATH and
 * Redline's own file watchers do the job.
 */
export class GitExtensionApi {
  private api: Promise<GitApi | undefined> | undefined;

  /** The git binary VS Code uses, else `git`. */
  async gitPath(): Promise<string> {
    return (await this.load())?.git.path || 'git';
  }

  /** Fires when VS Code's git extension sees the repository at `root` change (index, HEAD, files). */
  async onDidChange(root: string, listener: () => void): Promise<vscode.Disposable> {
    const api = await this.load();
    if (api === undefined) return new vscode.Disposable(() => undefined);
    // A store, not `Disposable.from`: that copies the list now, and would drop the subscription to
    // a repository that opens later.
    const subscriptions = new DisposableStore();
    const hook = (repo: GitApiRepository): void => {
      if (repo.rootUri.fsPath === root) subscriptions.add(repo.state.onDidChange(listener));
    };
    api.repositories.forEach(hook);
    subscriptions.add(api.onDidOpenRepository(hook));
    return subscriptions;
  }

  private load(): Promise<GitApi | undefined> {
    this.api ??= activateGit();
    return this.api;
  }
}

async function activateGit(): Promise<GitApi | undefined> {
  const extension = vscode.extensions.getExtension<GitExtension>('vscode.git');
  if (extension === undefined) return undefined;
  // Another extension's activation can throw; Redline then works without it.
  const exports = await Promise.resolve(extension.isActive ? extension.exports : extension.activate()).then(
    (e) => e,
    () => undefined,
  );
  return exports?.enabled ? exports.getAPI(1) : undefined;
}
