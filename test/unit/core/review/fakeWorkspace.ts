import { applyTextEdits } from '../../../../src/core/changeset/edits';
import type { FileTexts, FileWrite, FileWriteTo, ResolvedFile, ReviewWorkspace } from '../../../../src/core/review/ports';
import { fail, ok, type Result } from '../../../../src/core/result';
import type { TrustPort } from '../../../../src/core/trust';

/** The trust port of a trusted workspace (tests of Restricted Mode pass their own). */
export const trusted: TrustPort = { isTrusted: () => true };

/**
 * An in-memory workspace: `disk` holds saved files, `docs` the open documents with unsaved text.
 * Writes go to the document when one is open (as WorkspaceEdit does), otherwise to disk.
 */
export class FakeWorkspace implements ReviewWorkspace {
  readonly disk = new Map<string, string>();
  readonly docs = new Map<string, string>();
  /** Every file written, in order. */
  readonly writes: { path: string; write: FileWrite }[] = [];
  /** Every call of `write`: one batch per decision, applied or refused. */
  readonly batches: { path: string; write: FileWrite }[][] = [];
  failWrites = false;
  /** One folder unless a test of a multi-root workspace names several (`app/…`, `lib/…`). */
  folders: readonly string[] = ['ws'];

  folderNames(): readonly string[] {
    return this.folders;
  }

  async resolve(raw: string): Promise<Result<ResolvedFile>> {
    if (raw.startsWith('/') || raw.split('/').includes('..')) return fail('outside-workspace', `${raw} is outside the workspace`);
    return ok({ path: raw, handle: `/ws/${raw}` });
  }

  async read(file: ResolvedFile): Promise<Result<FileTexts>> {
    const disk = this.disk.get(file.path) ?? null;
    return ok({ disk, current: this.docs.get(file.path) ?? disk });
  }

  /** Like the VS Code adapter: every precondition first, then all the writes, or none. */
  async write(writes: readonly FileWriteTo[]): Promise<Result<void>> {
    this.batches.push(writes.map(({ file, write }) => ({ path: file.path, write })));
    if (this.failWrites) return fail('E_WRITE', 'the disk is full');
    for (const { file, write } of writes) {
      const target = this.docs.has(file.path) ? this.docs : this.disk;
      if (write.kind === 'edit' && target.get(file.path) !== write.expected) return fail('E_RACE', `${file.path}: the document changed`);
    }
    for (const { file, write } of writes) {
      this.writes.push({ path: file.path, write });
      const target = this.docs.has(file.path) ? this.docs : this.disk;
      switch (write.kind) {
        case 'create':
          target.set(file.path, write.text);
          break;
        case 'delete':
          this.docs.delete(file.path);
          this.disk.delete(file.path);
          break;
        case 'edit':
          target.set(file.path, applyTextEdits(write.expected, write.edits));
          break;
      }
    }
    return ok(undefined);
  }

  /** The text a user sees: the open document, else the disk. */
  text(path: string): string | undefined {
    return this.docs.get(path) ?? this.disk.get(path);
  }
}
