import * as vscode from 'vscode';
import type { DirEntry, FilesPort, PathGuard, SearchPort, TextHit } from '../../core/agent/ports';
import type { PathIntent } from '../../core/policy/workspacePath';
import { fail, ok, type Result } from '../../core/result';
import { decodeBytes } from '../../core/text/decode';
import { BOM } from '../../core/text/textFacts';
import { timedSearch } from '../../node/search/timedSearch';
import type { WorkspacePaths } from '../workspacePaths';

/** Folders no search walks: huge dependency trees and git internals, never what the agent means. */
const EXCLUDE = '**/{node_modules,.git,.venv,venv,__pycache__}/**';
/** search_text reads at most this many files and skips bigger ones: one call must stay cheap. */
const SEARCH_MAX_FILES = 3000;
const SEARCH_MAX_BYTES = 1024 * 1024;
const SEARCH_MAX_MS = 5000;
const LINE_MAX = 2000;

/**
 * The agent's Files port and PathGuard over the VS Code workspace. Every read resolves the path
 * through the policy again (defence in depth: a denied file is never read, whoever asks), and an
 * open document with unsaved edits is read as the user sees it.
 */
export class WorkspaceFiles implements FilesPort, PathGuard {
  constructor(
    private readonly paths: WorkspacePaths,
    private readonly search: SearchPort = timedSearch(),
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

  async findFiles(glob: string, limit: number): Promise<Result<string[]>> {
    try {
      const uris = await vscode.workspace.findFiles(glob, EXCLUDE, Math.min(limit, 5000));
      return ok(uris.map((u) => this.relative(u)).sort());
    } catch (error) {
      return fail('E_FIND', message(error));
    }
  }

  async searchText(query: { pattern: string; isRegex: boolean; glob?: string; limit: number }): Promise<Result<TextHit[]>> {
    const matcher = this.search.compile(query.pattern, query.isRegex);
    if (!matcher.ok) return matcher;
    const uris = await vscode.workspace.findFiles(query.glob ?? '**/*', EXCLUDE, SEARCH_MAX_FILES);
    const hits: TextHit[] = [];
    const deadline = Date.now() + SEARCH_MAX_MS;
    for (const uri of uris.sort((a, b) => (a.path < b.path ? -1 : 1))) {
      if (hits.length >= query.limit || Date.now() > deadline) break;
      const path = this.relative(uri);
      // A denied file is not searched at all: a hit would carry its content.
      if (!(await this.resolve(path, 'read')).ok) continue;
      const stat = await Promise.resolve(vscode.workspace.fs.stat(uri)).catch(() => undefined);
      if (stat === undefined || stat.size > SEARCH_MAX_BYTES) continue;
      const text = await this.readText(path);
      if (!text.ok || text.value === null) continue;
      const raw = text.value.split('\n').map((line) => line.replace(/\r$/, ''));
      // Overlong lines (minified code) are not searched; blanked rather than dropped, line numbers stay right.
      const matched = matcher.value.match(
        raw.map((line) => (line.length > LINE_MAX ? '' : line)),
        query.limit - hits.length,
      );
      if (!matched.ok) return matched;
      for (const i of matched.value) {
        const line = raw[i] ?? '';
        if (line.length <= LINE_MAX) hits.push({ path, line: i + 1, text: line });
      }
    }
    return ok(hits);
  }

  private relative(uri: vscode.Uri): string {
    return vscode.workspace.asRelativePath(uri, (vscode.workspace.workspaceFolders?.length ?? 0) > 1);
  }

  private async readDisk(uri: vscode.Uri): Promise<Result<string | null>> {
    let bytes: Uint8Array;
    try {
      bytes = await vscode.workspace.fs.readFile(uri);
    } catch (error) {
      if (error instanceof vscode.FileSystemError && error.code === 'FileNotFound') return ok(null);
      return fail('E_READ', message(error));
    }
    const text = decodeBytes(bytes);
    return text.ok ? ok(text.value) : fail(text.code, text.message);
  }
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
