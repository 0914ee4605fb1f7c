import * as vscode from 'vscode';
import { type DirEntry, type FilesPort, maxFileBytes, type PathGuard, type SearchPort } from '../../core/agent/ports';
import { capHits, type FileQuery, type FoundFiles, searchInText, type TextSearchQuery, type TextSearchResult, toolGlob } from '../../core/agent/textSearch';
import type { PathIntent } from '../../core/policy/workspacePath';
import { fail, ok, type Result } from '../../core/result';
import { decodeBytes } from '../../core/text/decode';
import { BOM } from '../../core/text/textFacts';
import { createDiskSearch } from '../../node/search/diskSearch';
import type { DiskSearch, SearchScope } from '../../node/search/scope';
import { timedSearch } from '../../node/search/timedSearch';
import type { WorkspacePaths } from '../workspacePaths';

/**
 * The agent's Files port and PathGuard over the VS Code workspace. Every read resolves the path
 * through the policy again (defence in depth: a denied file is never read, whoever asks), and an
 * open document with unsaved edits is read as the user sees it.
 */
export class WorkspaceFiles implements FilesPort, PathGuard {
  constructor(
    private readonly paths: WorkspacePaths,
    private readonly search: SearchPort = timedSearch(),
    private readonly disk: DiskSearch = createDiskSearch({ patterns: search }),
  ) {}

  async resolve(raw: string, intent: PathIntent): Promise<Result<string>> {
    const resolved = await this.paths.resolve(raw, intent);
    return resolved.ok ? ok(resolved.value.display === '' ? '.' : resolved.value.display) : fail(resolved.code, resolved.message);
  }

  /** The absolute path of a guard-resolved path, for writers (the plan file, the checks). */
  async absolute(path: string, intent: PathIntent = 'read'): Promise<Result<string>> {
    const resolved = await this.paths.resolve(path, intent);
    return resolved.ok ? ok(resolved.value.absolutePath) : fail(resolved.code, resolved.message);
  }

  async readText(path: string): Promise<Result<string | null>> {
    const abs = await this.absolute(path, 'read');
    if (!abs.ok) return abs;
    const uri = vscode.Uri.file(abs.value);
    const disk = await this.readDisk(uri);
    if (!disk.ok) return disk;
    const doc = vscode.workspace.textDocuments.find((d) => !d.isClosed && d.uri.toString() === uri.toString());
    if (doc === undefined || !doc.isDirty) return disk;
    // VS Code drops a BOM from document text; the agent's texts keep it, as on disk.
    const text = doc.getText();
    return ok(disk.value !== null && disk.value.startsWith(BOM) && !text.startsWith(BOM) ? BOM + text : text);
  }

  /** The file as saved, ignoring unsaved edits; null when it does not exist. */
  async readSaved(path: string): Promise<Result<string | null>> {
    const abs = await this.absolute(path, 'read');
    return abs.ok ? this.readDisk(vscode.Uri.file(abs.value)) : abs;
  }

  async listDir(path: string): Promise<Result<DirEntry[]>> {
    const abs = await this.absolute(path, 'list');
    if (!abs.ok) return abs;
    try {
      const entries = await vscode.workspace.fs.readDirectory(vscode.Uri.file(abs.value));
      return ok(entries.map(([name, type]) => ({ name, kind: (type & vscode.FileType.Directory) !== 0 ? 'dir' : 'file' })));
    } catch (error) {
      return fail('E_LIST', message(error));
    }
  }

  async findFiles(query: FileQuery): Promise<Result<FoundFiles>> {
    return this.disk.findFiles(this.scope(), query);
  }

  /**
   * The disk through ripgrep (or its fallback); an open document with unsaved edits is searched in
   * the text the user sees, as readText gives it, not as saved.
   */
  async searchText(query: TextSearchQuery): Promise<Result<TextSearchResult>> {
    const scope = this.scope();
    const unsaved = new Map<string, string>();
    for (const doc of vscode.workspace.textDocuments) {
      if (doc.isClosed || !doc.isDirty || doc.uri.scheme !== 'file') continue;
      const path = this.relative(doc.uri);
      if (!query.skip.has(path) && scope.searchable(path) && path !== doc.uri.fsPath) unsaved.set(path, doc.getText());
    }
    const disk = await this.disk.searchText(scope, { ...query, skip: new Set([...query.skip, ...unsaved.keys()]) });
    if (!disk.ok || unsaved.size === 0) return disk;
    const matcher = this.search.compile(query.pattern, query.isRegex, { ignoreCase: query.ignoreCase });
    if (!matcher.ok) return matcher;
    const inGlob = query.glob === undefined ? () => true : toolGlob(query.glob);
    const files = [...disk.value.files];
    for (const [path, text] of unsaved) {
      if (!inGlob(path)) continue;
      const found = searchInText(matcher.value, path, text, query.context, query.maxHits);
      if (!found.ok) return found;
      if (found.value !== undefined) files.push(found.value);
    }
    files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
    const kept = capHits(files, query.maxHits);
    const cut = disk.value.cut ?? (kept.cut ? { by: 'hits' as const, limit: query.maxHits } : undefined);
    return ok(cut === undefined ? { files: kept.files } : { files: kept.files, cut });
  }

  /** The workspace folders on disk, `files.exclude` of each, and the deny list as the settings give it now. */
  private scope(): SearchScope {
    const folders = (vscode.workspace.workspaceFolders ?? []).filter((f) => f.uri.scheme === 'file');
    const roots = folders.map((f) => ({ absolute: f.uri.fsPath, prefix: folders.length > 1 ? `${f.name}/` : '' }));
    const excludes = new Set<string>();
    for (const folder of folders) {
      const configured = vscode.workspace.getConfiguration('files', folder.uri).get<Record<string, unknown>>('exclude') ?? {};
      // A `{ when: … }` value depends on sibling files; only plain `true` globs are taken.
      for (const [glob, on] of Object.entries(configured)) if (on === true) excludes.add(glob);
    }
    const deny = this.paths.denyPolicy();
    return {
      roots,
      excludes: [...excludes],
      searchable: (path) => {
        const root = roots.find((r) => r.prefix !== '' && path.startsWith(r.prefix));
        return deny.isSearchable(root === undefined ? path : path.slice(root.prefix.length));
      },
    };
  }

  private relative(uri: vscode.Uri): string {
    return vscode.workspace.asRelativePath(uri, (vscode.workspace.workspaceFolders?.length ?? 0) > 1);
  }

  private async readDisk(uri: vscode.Uri): Promise<Result<string | null>> {
    let bytes: Uint8Array;
    try {
      // Sized before it is read: a 200 MB log must not be loaded, decoded and split on the host.
      const { size } = await vscode.workspace.fs.stat(uri);
      if (size > maxFileBytes) return fail('E_TOO_BIG', tooBig(size));
      bytes = await vscode.workspace.fs.readFile(uri);
    } catch (error) {
      if (error instanceof vscode.FileSystemError && error.code === 'FileNotFound') return ok(null);
      return fail('E_READ', message(error));
    }
    const text = decodeBytes(bytes);
    return text.ok ? ok(text.value) : fail(text.code, text.message);
  }
}

function tooBig(size: number): string {
  const mb = (n: number): string => `${(n / (1024 * 1024)).toFixed(1)} MB`;
  return `the file is ${mb(size)}, over the ${mb(maxFileBytes)} the agent's tools read or edit; find what you need in it with search_text, or ask the user`;
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
