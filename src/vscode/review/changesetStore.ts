import * as vscode from 'vscode';
import { CHANGESET_ID, restoreChangeset, serializeChangeset, type StoredChangeset } from '../../core/review/changesetRecord';
import type { ChangesetEntry } from '../../core/review/changesetEntry';
import type { ReviewSession } from '../../core/review/reviewSession';
import { fail, ok, type Result } from '../../core/result';
import { SerialQueue } from '../../core/serialQueue';
import { jsonSteps, runSliced } from '../../core/slices';
import { DisposableBase } from '../../core/dispose';
import type { Logger } from '../log';

/** Records beyond the newest KEEP are deleted when the store loads. */
const KEEP = 50;

/**
 * The review session's changesets as JSON files in workspace storage
 * (`context.storageUri/changesets`), so a reloaded window finds its reviews where they were.
 * Every change of a changeset is written, one write at a time per changeset (an older state must
 * never land after a newer one), and at most one more is queued behind the one in flight. Without
 * a folder open there is no storage: changesets live in memory only.
 */
export class ChangesetStore extends DisposableBase {
  private readonly dir: vscode.Uri | undefined;
  private readonly writes = new SerialQueue();
  private readonly queued = new Set<string>();

  /** `keep`: which changesets are worth a record (a working-tree review is recomputed from git instead). */
  constructor(
    storageUri: vscode.Uri | undefined,
    private readonly session: ReviewSession,
    private readonly log: Logger,
    private readonly keep: (entry: ChangesetEntry) => boolean = (entry) => entry.changeset.source !== 'git',
  ) {
    super();
    this.dir = storageUri && vscode.Uri.joinPath(storageUri, 'changesets');
    this._register(session.onDidChange((id) => this.schedule(id)));
    this._register(session.onDidMarkSeen((id) => this.schedule(id)));
  }

  /**
   * Loads the stored changesets into the session, oldest first. Never rejects: a record that
   * cannot be read or restored is logged and left where it is, and the others still load.
   */
  restore(): Promise<void> {
    return this.restoreAll().catch((error: unknown) =>
      this.log.warn(`review: stored changesets were not restored: ${error instanceof Error ? error.message : String(error)}`),
    );
  }

  private async restoreAll(): Promise<void> {
    const records = await this.load();
    if (this.isDisposed) return;
    records.sort((a, b) => a.stored.savedAt - b.stored.savedAt);
    for (const old of records.splice(0, Math.max(0, records.length - KEEP))) await this.remove(old.uri);
    for (const { uri, stored } of records) {
      if (this.isDisposed) return;
      const restored = await this.session
        .restore(stored)
        .catch((error: unknown) => ({ ok: false as const, message: error instanceof Error ? error.message : String(error) }));
      if (!restored.ok) this.log.warn(`review: changeset ${stored.changeset.id} was not restored (${uri.fsPath}): ${restored.message}`);
    }
  }

  /** Resolves when every write asked for so far is on disk (tests wait on it). */
  async flush(): Promise<void> {
    await Promise.all(this.session.ids().map((id) => this.writes.run(id, async () => undefined)));
  }

  private schedule(id: string): void {
    if (this.dir === undefined || this.isDisposed || this.queued.has(id) || !CHANGESET_ID.test(id)) return;
    this.queued.add(id);
    void this.writes
      .run(id, async () => {
        this.queued.delete(id);
        const entry = this.session.get(id);
        if (entry === undefined || !this.keep(entry)) return;
        // A record of a large file is millions of characters: written a slice at a time, the host
        // stays responsive while it is made.
        await this.write(id, await runSliced(jsonSteps(serializeChangeset(entry, Date.now()))));
      })
      .catch((error: unknown) => this.log.warn(`review: changeset ${id} not stored: ${error instanceof Error ? error.message : String(error)}`));
  }

  private async write(id: string, text: string): Promise<void> {
    if (this.dir === undefined) return;
    await vscode.workspace.fs.createDirectory(this.dir);
    await vscode.workspace.fs.writeFile(vscode.Uri.joinPath(this.dir, `${id}.json`), new TextEncoder().encode(text));
  }

  private async load(): Promise<{ uri: vscode.Uri; stored: StoredChangeset }[]> {
    if (this.dir === undefined) return [];
    let entries: [string, vscode.FileType][];
    try {
      entries = await vscode.workspace.fs.readDirectory(this.dir);
    } catch {
      return []; // no reviews stored yet
    }
    const records: { uri: vscode.Uri; stored: StoredChangeset }[] = [];
    for (const [name] of entries) {
      if (!name.endsWith('.json') || !CHANGESET_ID.test(name.slice(0, -5))) continue;
      const uri = vscode.Uri.joinPath(this.dir, name);
      const parsed = await readJson(uri);
      const stored = parsed.ok ? restoreChangeset(parsed.value) : parsed;
      if (stored.ok && `${stored.value.changeset.id}.json` === name) records.push({ uri, stored: stored.value });
      else this.log.warn(`review: ${uri.fsPath} was skipped: ${stored.ok ? 'its name does not match its changeset' : stored.message}`);
    }
    return records;
  }

  private async remove(uri: vscode.Uri): Promise<void> {
    await Promise.resolve(vscode.workspace.fs.delete(uri)).catch(() => undefined);
  }
}

async function readJson(uri: vscode.Uri): Promise<Result<unknown>> {
  let text: string;
  try {
    text = new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
  } catch (error) {
    return fail('E_READ', `it cannot be read: ${error instanceof Error ? error.message : String(error)}`);
  }
  try {
    return ok(JSON.parse(text) as unknown);
  } catch {
    return fail('E_RECORD', 'it is not valid JSON');
  }
}
