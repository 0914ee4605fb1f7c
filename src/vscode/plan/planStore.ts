import * as vscode from 'vscode';
import { parsePlan } from '../../core/plan/parsePlan';
import { planSummary } from '../../core/plan/queries';
import type { PlanListItem } from '../../shared/planProtocol';
import { DisposableBase } from '../../core/dispose';

/**
 * Plans are Markdown files under the plans folder of the first workspace folder. The file is the
 * source of truth: this store only lists and creates them, and tells when they change on disk.
 */
export class PlanStore extends DisposableBase {
  private readonly changed = this._register(new vscode.EventEmitter<void>());
  readonly onDidChange = this.changed.event;
  /** Opaque ids handed to webviews, mapped back to URIs here: a webview never names a path. */
  private ids = new Map<string, vscode.Uri>();
  /** Lists overlap (a file event, a draft, the view): an older one never replaces a newer one's ids. */
  private started = 0;
  private applied = 0;

  constructor() {
    super();
    const watcher = this._register(vscode.workspace.createFileSystemWatcher(`**/${this.folderSetting()}/*.md`));
    this._register(watcher.onDidCreate(() => this.changed.fire()));
    this._register(watcher.onDidDelete(() => this.changed.fire()));
    this._register(watcher.onDidChange(() => this.changed.fire()));
    this._register(vscode.workspace.onDidChangeWorkspaceFolders(() => this.changed.fire()));
  }

  folder(): vscode.Uri | undefined {
    const root = vscode.workspace.workspaceFolders?.[0];
    return root && vscode.Uri.joinPath(root.uri, ...this.folderSetting().split('/'));
  }

  private folderSetting(): string {
    const value = vscode.workspace.getConfiguration('redline').get<string>('plans.folder', '.redline/plans');
    // The folder is inside the workspace by construction: drop anything that could climb out.
    const segments = value.split(/[\\/]+/).filter((s) => s && s !== '.' && s !== '..');
    return segments.length ? segments.join('/') : '.redline/plans';
  }

  async list(): Promise<PlanListItem[]> {
    const listing = ++this.started;
    const folder = this.folder();
    if (!folder) return [];
    let entries: [string, vscode.FileType][];
    try {
      entries = await vscode.workspace.fs.readDirectory(folder);
    } catch {
      return []; // No plans folder yet: an empty list, not an error.
    }
    const names = entries
      .filter(([name, type]) => type === vscode.FileType.File && name.endsWith('.md'))
      .map(([name]) => name)
      .sort();
    // The ids are swapped in whole at the end: clearing them first would leave a window, while the
    // files are read, in which an open plan's id names nothing and opening it fails.
    const ids = new Map<string, vscode.Uri>();
    const items: PlanListItem[] = [];
    for (const name of names) {
      const uri = vscode.Uri.joinPath(folder, name);
      ids.set(name, uri);
      const summary = planSummary(parsePlan(await readPlanText(uri)));
      items.push({
        id: name,
        title: summary.title || name.replace(/\.md$/, ''),
        status: summary.status,
        fileName: name,
        stepsDone: summary.stepsDone,
        stepsTotal: summary.stepsTotal,
        warnings: summary.warnings,
      });
    }
    if (listing > this.applied) {
      this.applied = listing;
      this.ids = ids;
    }
    return items;
  }

  uriOf(id: string): vscode.Uri | undefined {
    return this.ids.get(id);
  }

  /** The id of a plan file (its name), when the URI is a plan in the plans folder. */
  idOf(uri: vscode.Uri): string | undefined {
    const folder = this.folder();
    if (!folder || uri.scheme !== folder.scheme) return undefined;
    const name = uri.path.slice(folder.path.length + 1);
    if (!uri.path.startsWith(`${folder.path}/`) || name.includes('/') || !name.endsWith('.md')) return undefined;
    this.ids.set(name, uri);
    return name;
  }

  /** The plan's workspace-relative path, as RunService and the public API name plans. */
  relativePath(id: string): string | undefined {
    const uri = this.uriOf(id);
    return uri && vscode.workspace.asRelativePath(uri, false);
  }
}

/** The open document's text when the plan is open (it may be unsaved), else the file's. */
export async function readPlanText(uri: vscode.Uri): Promise<string> {
  const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
  if (doc) return doc.getText();
  return new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
}
