import { realpath } from 'node:fs/promises';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { fail, ok, type Result } from '../../core/result';
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
  private lastRefusal: string | undefined;

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

  /**
   * The plans folder, or why it is refused: when it, or a folder above it, is a symlink that leads
   * out of the workspace folder, plans would be read from and written to wherever it points.
   */
  async checkedFolder(): Promise<Result<vscode.Uri>> {
    const root = vscode.workspace.workspaceFolders?.[0];
    const folder = this.folder();
    if (!root || !folder) return fail('E_NO_FOLDER', 'open a folder first; plans are files in the workspace.');
    if (folder.scheme !== 'file') return ok(folder);
    const [rootReal, real] = await Promise.all([realExisting(root.uri.fsPath), realExisting(folder.fsPath)]);
    if (real !== undefined && rootReal !== undefined && (real === rootReal || real.startsWith(`${rootReal}${path.sep}`))) return ok(folder);
    return fail(
      'E_PLANS_OUTSIDE',
      `the plans folder '${this.folderSetting()}' leads outside the workspace (a symlink to ${real ?? 'a place that cannot be resolved'}); plans are read and written only inside it. Make it a real folder or change redline.plans.folder.`,
    );
  }

  async list(): Promise<PlanListItem[]> {
    const listing = ++this.started;
    const checked = await this.checkedFolder();
    if (!checked.ok) {
      this.refused(checked.message);
      return [];
    }
    const folder = checked.value;
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

  /** Says once why the plans folder is refused (the list is asked for on every change). */
  private refused(message: string): void {
    if (message === this.lastRefusal || message.startsWith('open a folder')) return;
    this.lastRefusal = message;
    void vscode.window.showErrorMessage(`Redline: ${message}`);
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

/** realpath of the deepest existing ancestor, with the missing rest appended; undefined on an error. */
async function realExisting(absolute: string): Promise<string | undefined> {
  const missing: string[] = [];
  let probe = absolute;
  for (;;) {
    try {
      return path.join(await realpath(probe), ...missing.reverse());
    } catch (error) {
      const parent = path.dirname(probe);
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT' || parent === probe) return undefined;
      missing.push(path.basename(probe));
      probe = parent;
    }
  }
}

/** The open document's text when the plan is open (it may be unsaved), else the file's. */
export async function readPlanText(uri: vscode.Uri): Promise<string> {
  const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
  if (doc) return doc.getText();
  return new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
}
