import { fail, ok, type Result } from '../result';
import type { StepRange } from '../changeset/types';
import type { FilesPort, ProposedFile } from './ports';
import { applyReplacements, type Replacement } from './replace';
import { wholeFileRange, withIntent } from './stepRanges';

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

export type EditError = 'io' | 'missing' | 'no_match' | 'ambiguous' | 'no_change' | 'exists' | 'too_many' | 'too_big';

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

  async edit(path: string, oldString: string, newString: string, step: string, intent?: string): Promise<Result<string, EditError>> {
    return this.editMany(path, [{ oldString, newString }], step, intent);
  }

  /** Replacements applied in order, all or none (see applyReplacements). */
  async editMany(path: string, edits: readonly Replacement[], step: string, intent?: string): Promise<Result<string, EditError>> {
    const entry = await this.entryFor(path);
    if (!entry.ok) return entry;
    const text = entry.value.proposedText;
    if (text === null) return fail('missing', `${path} does not exist${entry.value.baseText === null ? '' : ' (you proposed deleting it)'}`);
    const replaced = applyReplacements(path, text, edits, entry.value.stepRanges, step, intent);
    if (!replaced.ok) return replaced;
    this.put(path, { ...entry.value, proposedText: replaced.value.text, stepRanges: replaced.value.stepRanges });
    const { count, lastLines } = replaced.value;
    return ok(
      count === 1
        ? `Proposed an edit to ${path} at lines ${lastLines.start}-${lastLines.end}.`
        : `Proposed ${count} replacements in ${path}${edits.length > 1 ? ` (${edits.length} edits)` : ''}.`,
    );
  }

  /** The whole content of a file, existing or not: every line of it serves `step`. */
  async write(path: string, content: string, step: string, intent?: string): Promise<Result<string, EditError>> {
    const entry = await this.entryFor(path);
    if (!entry.ok) return entry;
    if (entry.value.proposedText === content) return fail('no_change', `${path} already holds exactly this content; nothing to propose`);
    this.put(path, { baseText: entry.value.baseText, proposedText: content, stepRanges: [wholeFileRange(content, step, intent)] });
    return ok(entry.value.proposedText === null ? `Proposed creating ${path}.` : `Proposed new content for ${path}.`);
  }

  /**
   * A move as two proposals, deleting `from` and creating `to` with its proposed text. The new file
   * keeps the step ranges of the edits made to it before, and the whole of it serves `step`: to the
   * reviewer every line of a created file is new.
   */
  async rename(from: string, to: string, step: string, intent?: string): Promise<Result<string, EditError>> {
    const source = await this.entryFor(from);
    if (!source.ok) return source;
    const content = source.value.proposedText;
    if (content === null) return fail('missing', `${from} does not exist${source.value.baseText === null ? '' : ' (you proposed deleting it)'}`);
    const target = await this.entryFor(to);
    if (!target.ok) return target;
    if (target.value.proposedText !== null) return fail('exists', `${to} already exists; delete it first or choose another name`);
    const carried = source.value.stepRanges.filter((r) => r.endLine >= r.startLine);
    const removed = await this.remove(from, step, intent);
    if (!removed.ok) return removed;
    this.put(to, { baseText: target.value.baseText, proposedText: content, stepRanges: [...carried, wholeFileRange(content, step, intent)] });
    return ok(`Proposed moving ${from} to ${to}.`);
  }

  async create(path: string, content: string, step: string, intent?: string): Promise<Result<string, EditError>> {
    const entry = await this.entryFor(path);
    if (!entry.ok) return entry;
    if (entry.value.proposedText !== null) {
      return fail('exists', `${path} already exists; use propose_edit or write_file to change it`);
    }
    this.put(path, { baseText: entry.value.baseText, proposedText: content, stepRanges: [wholeFileRange(content, step, intent)] });
    return ok(`Proposed creating ${path}.`);
  }

  async remove(path: string, step: string, intent?: string): Promise<Result<string, EditError>> {
    const entry = await this.entryFor(path);
    if (!entry.ok) return entry;
    if (entry.value.proposedText === null) return fail('missing', `${path} does not exist`);
    if (entry.value.baseText === null) {
      // Deleting a file this run created leaves nothing to review for it.
      this.put(path, { baseText: null, proposedText: null, stepRanges: [] });
    } else {
      this.put(path, { baseText: entry.value.baseText, proposedText: null, stepRanges: [withIntent({ startLine: 1, endLine: 0, step }, intent)] });
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
