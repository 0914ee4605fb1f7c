import * as vscode from 'vscode';
import { SerialQueue } from '../../core/serialQueue';
import type { RunStorePort } from '../../core/runs/ports';
import { coalesce, type StoredRun } from '../../core/runs/runRecord';

const KEEP = 50;
const ID = /^run-[a-z0-9-]{1,60}$/;

/**
 * Run records as JSON files in the workspace storage folder (`context.storageUri/runs`), every
 * string redacted before it is written. Without a folder open there is no storage: runs live in
 * memory only.
 */
export class RunStore implements RunStorePort {
  private readonly dir: vscode.Uri | undefined;
  private readonly writes = new SerialQueue();

  constructor(storageUri: vscode.Uri | undefined) {
    this.dir = storageUri && vscode.Uri.joinPath(storageUri, 'runs');
  }

  /**
   * Saves of one run are queued: two writes in flight could finish out of order and leave an
   * older state (still "running") on disk after the final one.
   */
  save(redact: (text: string) => string, run: StoredRun): Promise<void> {
    return this.writes.run(run.snapshot.id, () => this.write(redact, run));
  }

  private async write(redact: (text: string) => string, run: StoredRun): Promise<void> {
    if (this.dir === undefined || !ID.test(run.snapshot.id)) return;
    const record: StoredRun = { ...run, events: coalesce(run.events) };
    // The reviver sees every string value (never the keys): redaction reaches nested tool input too.
    const text = JSON.stringify(JSON.parse(JSON.stringify(record), (_key, value: unknown) => (typeof value === 'string' ? redact(value) : value)));
    await vscode.workspace.fs.createDirectory(this.dir);
    // Written beside and renamed over: a reader (the next window, a window closed mid-write) finds
    // the old record or the new one, never half of one.
    const temp = vscode.Uri.joinPath(this.dir, `${run.snapshot.id}.json.tmp`);
    await vscode.workspace.fs.writeFile(temp, new TextEncoder().encode(text));
    await vscode.workspace.fs.rename(temp, vscode.Uri.joinPath(this.dir, `${run.snapshot.id}.json`), { overwrite: true });
  }

  /** Stored runs, oldest first; runs beyond the newest KEEP are deleted. */
  async loadAll(): Promise<StoredRun[]> {
    if (this.dir === undefined) return [];
    let entries: [string, vscode.FileType][];
    try {
      entries = await vscode.workspace.fs.readDirectory(this.dir);
    } catch {
      return [];
    }
    const runs: StoredRun[] = [];
    for (const [name] of entries) {
      if (!name.endsWith('.json') || !ID.test(name.slice(0, -5))) continue;
      const uri = vscode.Uri.joinPath(this.dir, name);
      try {
        const parsed = JSON.parse(new TextDecoder().decode(await vscode.workspace.fs.readFile(uri))) as StoredRun;
        if (parsed.version === 1 && typeof parsed.snapshot?.id === 'string' && Array.isArray(parsed.events)) runs.push(parsed);
      } catch {
        // A damaged record is skipped, not fatal: the other runs still load.
      }
    }
    runs.sort((a, b) => a.startedAt - b.startedAt);
    for (const old of runs.splice(0, Math.max(0, runs.length - KEEP))) {
      await Promise.resolve(vscode.workspace.fs.delete(vscode.Uri.joinPath(this.dir, `${old.snapshot.id}.json`))).catch(() => undefined);
    }
    return runs;
  }
}
