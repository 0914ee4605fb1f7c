import { applyTextEdits } from '../changeset/edits';
import { fail, ok, type Result } from '../result';
import type { FileTexts, FileWriteTo, ResolvedFile, ReviewWorkspace } from './ports';

interface Held {
  /** The file's text when the hold began (null: it did not exist): what the agent's tool starts from. */
  readonly base: string | null;
  /** The text as decided so far: the base with the accepted hunks in. */
  text: string | null;
  /** What the last read of the real file found, and when (ms since the epoch). */
  seen?: { readonly texts: FileTexts; readonly at: number };
}

/**
 * The review's workspace, with the writes to some files held back: a terminal agent's edit is
 * reviewed while the agent waits, and the agent's own tool writes the accepted text once the
 * review is done (its answer is "allow, with this text instead"). Until then each accept or undo
 * of such a file changes only the text kept here, and reads of it return that text, so the review
 * session sees its decisions written, as with any file. Every other file goes to the real
 * workspace unchanged.
 */
export class HeldWrites implements ReviewWorkspace {
  private readonly held = new Map<string, Held>();
  /** The inner workspace's lexical check, when it has one. */
  readonly locate?: (raw: string) => Result<ResolvedFile>;

  constructor(
    private readonly inner: ReviewWorkspace,
    private readonly now: () => number = Date.now,
  ) {
    const locate = inner.locate;
    if (locate) this.locate = (raw) => locate.call(inner, raw);
  }

  resolve(raw: string): Promise<Result<ResolvedFile>> {
    return this.inner.resolve(raw);
  }

  folderNames(): readonly string[] {
    return this.inner.folderNames();
  }

  async read(file: ResolvedFile): Promise<Result<FileTexts>> {
    const texts = await this.inner.read(file);
    const held = this.held.get(file.handle);
    if (!held || !texts.ok) return texts;
    held.seen = { texts: texts.value, at: this.now() };
    return ok({ disk: texts.value.disk, current: held.text });
  }

  /** The real workspace's texts of a file, held or not: what the user's editor and the disk hold. */
  readThrough(file: ResolvedFile): Promise<Result<FileTexts>> {
    return this.inner.read(file);
  }

  /**
   * The held files' writes are checked as the real workspace checks them (the expected text, a
   * create over a file that exists), all before anything is applied; the rest go to the real
   * workspace as one batch, and the held ones change only when that batch was written.
   */
  async write(writes: readonly FileWriteTo[]): Promise<Result<void>> {
    const next = new Map<Held, string | null>();
    const through: FileWriteTo[] = [];
    for (const w of writes) {
      const held = this.held.get(w.file.handle);
      if (!held) {
        through.push(w);
        continue;
      }
      const text = heldWrite(held.text, w);
      if (!text.ok) return fail(text.code, `${w.file.path}: ${text.message}`);
      next.set(held, text.value);
    }
    if (through.length > 0) {
      const written = await this.inner.write(through);
      if (!written.ok) return written;
    }
    for (const [held, text] of next) held.text = text;
    return ok(undefined);
  }

  /** Holds the writes to `file` from now on, starting from `base`; false when it is held already. */
  hold(file: ResolvedFile, base: string | null): boolean {
    if (this.held.has(file.handle)) return false;
    this.held.set(file.handle, { base, text: base });
    return true;
  }

  isHeld(file: ResolvedFile): boolean {
    return this.held.has(file.handle);
  }

  /** The held file's base and decided text, or undefined when it is not held. */
  heldTexts(file: ResolvedFile): { readonly base: string | null; readonly text: string | null } | undefined {
    const held = this.held.get(file.handle);
    return held ? { base: held.base, text: held.text } : undefined;
  }

  /**
   * The real texts of a held file as its last read found them, when that read is at most
   * `maxAgeMs` old: each decision reads the file just before it writes, so the check that follows
   * it need not read again.
   */
  recentlyRead(file: ResolvedFile, maxAgeMs: number): FileTexts | undefined {
    const seen = this.held.get(file.handle)?.seen;
    return seen && this.now() - seen.at <= maxAgeMs ? seen.texts : undefined;
  }

  /** Takes every held write back: the file reads as it did when the hold began (as if each accept were undone). */
  revert(file: ResolvedFile): void {
    const held = this.held.get(file.handle);
    if (held) held.text = held.base;
  }

  /** Stops holding: reads and writes of the file reach the real workspace again. */
  release(file: ResolvedFile): void {
    this.held.delete(file.handle);
  }
}

function heldWrite(current: string | null, { write }: FileWriteTo): Result<string | null> {
  switch (write.kind) {
    case 'create':
      return current === null ? ok(write.text) : fail('E_FILE_APPEARED', 'the file exists; nothing was written');
    case 'delete':
      return ok(null);
    case 'edit':
      if (current !== write.expected) return fail('E_CHANGED', 'the text changed while the decision was being applied; nothing was written, try again');
      return ok(applyTextEdits(current, write.edits));
  }
}
