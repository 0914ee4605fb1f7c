import * as vscode from 'vscode';
import type { WorkspacePaths } from '../workspacePaths';

/**
 * Links in a plan and file paths in a run's log. The webview names them by id; the host holds the
 * target. A link is inert until the user confirms its full target in a VS Code dialog (issue 10);
 * a path opens only when it resolves inside the workspace and is not on the deny list.
 */
export class PlanLinks {
  constructor(private readonly paths: WorkspacePaths) {}

  async openLink(target: string, planUri: vscode.Uri): Promise<void> {
    const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(target)?.[1]?.toLowerCase();
    if (scheme === 'http' || scheme === 'https' || scheme === 'mailto') {
      const answer = await vscode.window.showWarningMessage('Open this link from the plan in your browser?', { modal: true, detail: target }, 'Open Link');
      if (answer === 'Open Link') await vscode.env.openExternal(vscode.Uri.parse(target, true));
      return;
    }
    if (scheme !== undefined) {
      void vscode.window.showWarningMessage(`Redline does not open ${scheme}: links from a plan: ${target}`);
      return;
    }
    const file = target.replace(/#.*$/, '');
    if (file === '') return;
    // Relative to the plan first (Markdown's rule), then to the workspace folder (how plans name files).
    const planDir = vscode.workspace.asRelativePath(vscode.Uri.joinPath(planUri, '..'), false);
    const candidates = file.startsWith('/') ? [file.slice(1)] : [`${planDir}/${file}`, file];
    for (const candidate of candidates) {
      const resolved = await this.paths.resolve(candidate, 'read');
      if (!resolved.ok) continue;
      const uri = this.paths.uriOf(resolved.value.absolutePath);
      if (!(await exists(uri))) continue;
      const answer = await vscode.window.showInformationMessage('Open this file from the plan?', { modal: true, detail: resolved.value.display }, 'Open File');
      if (answer === 'Open File') await vscode.window.showTextDocument(uri, { preview: true, preserveFocus: false });
      return;
    }
    void vscode.window.showWarningMessage(`Redline: the plan links to ${target}, which is not a file in the workspace.`);
  }

  /** Opens a workspace-relative path named in a run's log. */
  async openPath(path: string): Promise<void> {
    const resolved = await this.paths.resolve(path, 'read');
    if (!resolved.ok) {
      void vscode.window.showWarningMessage(`Redline: cannot open ${path}: ${resolved.message}`);
      return;
    }
    const uri = this.paths.uriOf(resolved.value.absolutePath);
    if (!(await exists(uri))) {
      void vscode.window.showWarningMessage(`Redline: ${resolved.value.display} does not exist (yet): a proposal is not written until it is accepted.`);
      return;
    }
    await vscode.window.showTextDocument(uri, { preview: true });
  }
}

async function exists(uri: vscode.Uri): Promise<boolean> {
  return vscode.workspace.fs.stat(uri).then(
    (stat) => stat.type === vscode.FileType.File,
    () => false,
  );
}
