import { fail, ok, type Result } from '../result';
import type { StepRange } from '../changeset/types';
import type { FilesPort, ProposedFile } from './ports';
import { applyEditToRanges, lineEditOf, wholeFileRange } from './stepRanges';

interface Entry {
  readonly baseText: string | null;
  readonly proposedText: string | null;
  readonly stepRanges: readonly StepRange[];
}

/** A saved overlay state; restoring it drops everything proposed since. */
export interface Checkpoint {
  readonly entries: ReadonlyMap<string, Entry>;
  readonly dirty: ReadonlySet<string>;
}

export type EditError = 'io' | 'missing' | 'no_match' | 'ambiguous' | 'no_change' | 'exists';

/**
 * The files as the agent sees them: the disk (through the Files port) with its proposals applied
 * in memory. Nothing here writes a user file; completed turns hand their changes to the
 * ProposalSink. Entries are replaced, never mutated, so a checkpoint is a cheap shallow copy.
 */
export class ProposalOverlay {
  private entries = new Map<string, Entry>();
  private dirty = new Set<string>();

  constructor(private readonly files: FilesPort) {}

  /** The text the agent sees: proposed if it proposed a change, else the disk's; null if absent. */
  async read(path: string): Promise<Result<string | null>> {
    const entry = this.entries.get(path);
    return entry === undefined ? this.files.readText(path) : ok(entry.proposedText);
  }

  async edit(path: string, oldString: string, newString: string, step: string): Promise<Result<string, EditError>> {
    const entry = await this.entryFor(path);
    if (!entry.ok) return entry;
    const text = entry.value.proposedText;
    if (text === null) return fail('missing', `${path} does not exist${entry.value.baseText === null ? '' : ' (you proposed deleting it)'}`);
    // A model writes \n; a CRLF file must still match, and keep its line endings.
    const crlf = text.includes('\r\n') && !oldString.includes('\r');
    const needle = crlf ? oldString.replace(/\n/g, '\r\n') : oldString;
    const replacement = crlf ? newString.replace(/\n/g, '\r\n') : newString;
    if (needle === replacement) return fail('no_change', 'old_string and new_string are the same; nothing to propose');
    const offsets = occurrences(text, needle);
    if (offsets.length === 0) {
      return fail('no_match', `old_string was not found in ${path}; read the file again and copy the text exactly`);
    }
    if (offsets.length > 1) {
      const lines = offsets.slice(0, 5).map((o) => lineAt(text, o));
      return fail(
        'ambiguous',
        `old_string matches ${offsets.length} times in ${path} (at lines ${lines.join(', ')}${offsets.length > 5 ? ', …' : ''}); include more surrounding lines so it matches exactly once`,
      );
    }
    const offset = offsets[0] ?? 0;
    const proposed = text.slice(0, offset) + replacement + text.slice(offset + needle.length);
    const lineEdit = lineEditOf(text, offset, needle, replacement);
    this.put(path, { ...entry.value, proposedText: proposed, stepRanges: applyEditToRanges(entry.value.stepRanges, lineEdit, step) });
    const endLine = lineEdit.startLine + lineEdit.newLines - 1;
    return ok(`Proposed an edit to ${path} at lines ${lineEdit.startLine}-${Math.max(endLine, lineEdit.startLine)}.`);
  }

  async create(path: string, content: string, step: string): Promise<Result<string, EditError>> {
    const entry = await this.entryFor(path);
    if (!entry.ok) return entry;
    if (entry.value.proposedText !== null) {
      return fail('exists', `${path} already exists; use propose_edit to change it`);
    }
    this.put(path, { baseText: entry.value.baseText, proposedText: content, stepRanges: [wholeFileRange(content, step)] });
    return ok(`Proposed creating ${path}.`);
  }

  async remove(path: string, step: string): Promise<Result<string, EditError>> {
    const entry = await this.entryFor(path);
    if (!entry.ok) return entry;
    if (entry.value.proposedText === null) return fail('missing', `${path} does not exist`);
    if (entry.value.baseText === null) {
      // Deleting a file this run created leaves nothing to review for it.
      this.put(path, { baseText: null, proposedText: null, stepRanges: [] });
    } else {
      this.put(path, { baseText: entry.value.baseText, proposedText: null, stepRanges: [{ startLine: 1, endLine: 0, step }] });
    }
    return ok(`Proposed deleting ${path}.`);
  }

  /** Sets a file's state from outside (the changeset after a review decision, or a fix request's file). */
  seed(path: string, baseText: string | null, proposedText: string | null, stepRanges: StepRange[] = []): void {
    this.entries.set(path, { baseText, proposedText, stepRanges });
  }

  /** Drops a file from the overlay: the agent sees the disk again. */
  forget(path: string): void {
    this.entries.delete(path);
    this.dirty.delete(path);
  }

  checkpoint(): Checkpoint {
    return { entries: new Map(this.entries), dirty: new Set(this.dirty) };
  }

  rollback(checkpoint: Checkpoint): void {
    this.entries = new Map(checkpoint.entries);
    this.dirty = new Set(checkpoint.dirty);
  }

  /** The files changed since the last call, for the sink; clears the change set. */
  takeChanged(): ProposedFile[] {
    const changed = [...this.dirty].sort().map((path) => this.fileOf(path));
    this.dirty.clear();
    return changed;
  }

  /** Every proposed file, e.g. for a check run against all pending proposals. */
  all(): ProposedFile[] {
    return [...this.entries.keys()].sort().map((path) => this.fileOf(path));
  }

  has(path: string): boolean {
    return this.entries.has(path);
  }

  private fileOf(path: string): ProposedFile {
    const entry = this.entries.get(path);
    if (entry === undefined) throw new Error(`bug: ${path} is not in the overlay`);
    return { path, baseText: entry.baseText, proposedText: entry.proposedText, stepRanges: [...entry.stepRanges] };
  }

  private put(path: string, entry: Entry): void {
    this.entries.set(path, entry);
    this.dirty.add(path);
  }

  private async entryFor(path: string): Promise<Result<Entry, EditError>> {
    const known = this.entries.get(path);
    if (known !== undefined) return ok(known);
    const base = await this.files.readText(path);
    if (!base.ok) return fail('io', `cannot read ${path}: ${base.message}`);
    return ok({ baseText: base.value, proposedText: base.value, stepRanges: [] });
  }
}

/** Every start offset of `needle`, overlapping ones included: those are ambiguous too. */
function occurrences(text: string, needle: string): number[] {
  const out: number[] = [];
  for (let i = text.indexOf(needle); i !== -1; i = text.indexOf(needle, i + 1)) out.push(i);
  return out;
}

function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) line++;
  return line;
}
