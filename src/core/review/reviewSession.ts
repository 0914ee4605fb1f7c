import { inThreadLineDiff, type LineDiffPort } from '../diff/lineDiffPort';
import { decideHunk, decideHunks, undoDecision, type Decision } from '../changeset/decisions';
import { acceptEdited, type HunkEdit } from '../changeset/edit';
import { decidedText, existsAfterDecisions } from '../changeset/items';
import { locateHunk, replaceFiles } from '../changeset/locate';
import { refreshHunk, reviseHunk } from '../changeset/revise';
import { replaceProposal } from './replaceProposal';
import { rebaseFile } from '../changeset/rebase';
import { rewindAccepts } from '../changeset/rewind';
import { decideLines, splitHunk } from '../changeset/selection';
import type { Changeset, FileChange } from '../changeset/types';
import { fail, ok, type Result } from '../result';
import { decideEverything, decideWholeFile } from './bulk';
import { flagChangeset, type FlagRules } from './flags';
import type { ReviewWorkspace, ResolvedFile } from './ports';
import type { TrustPort } from '../trust';
import { folderScopedRules } from '../policy/folderScopedRules';
import { writeDecision, type FileDecision } from './decisionWrites';
import { SerialQueue } from '../serialQueue';
import { restoredEntry, type StoredChangeset } from './changesetRecord';
import type { ChangesetEntry } from './changesetEntry';
import { markSeen } from './seenMarks';
import { proposalEntry, type ProposeInput, type ReadFile } from './proposalEntry';

export type ChangeListener = (changesetId: string) => void;

/** A decision as the agent hears of it: a rejection's reason is fed back to the model. */
export interface DecisionEvent {
  readonly changesetId: string;
  readonly hunkId: string;
  readonly path: string;
  readonly decision: Decision;
  readonly reason?: string;
  /** An accept of the reviewer's own version of the hunk: what they changed, told to the agent. */
  readonly edit?: HunkEdit;
}

/**
 * The review's domain orchestration: changesets by id, each decision turned into one batch of writes,
 * the user's unsaved text folded in before every decision (so it is never overwritten), and
 * events. Every operation on one changeset runs after the previous one finished.
 */
export class ReviewSession {
  private readonly entries = new Map<string, ChangesetEntry>();
  private readonly listeners = new Set<ChangeListener>();
  private readonly decisionListeners = new Set<(e: DecisionEvent) => void>();
  private readonly seenListeners = new Set<ChangeListener>();
  private readonly queue = new SerialQueue();
  private counter = 0;
  /** Matched on folder-relative paths: a second folder's `.vscode/` is protected like the first's. */
  private readonly rules: FlagRules;

  constructor(
    private readonly workspace: ReviewWorkspace,
    /** Restricted Mode's gate for writes: asked in `mutate`, the one path that writes (issue 15). */
    private readonly trust: TrustPort,
    /** The tripwires and protected paths that flag hunks (a port: the host loads them on first use). */
    rules: FlagRules,
    private readonly newId: () => string = () => `cs-${Date.now().toString(36)}-${++this.counter}`,
    /** Where proposals are diffed: a worker for large files keeps the host responsive. */
    private readonly lineDiff: LineDiffPort = inThreadLineDiff,
    /** Stamps each decision, for the rewind's list of points ("3 min ago"). */
    private readonly now: () => number = Date.now,
  ) {
    this.rules = folderScopedRules(rules, () => workspace.folderNames());
  }

  onDidChange(listener: ChangeListener): { dispose(): void } {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }

  onDidDecide(listener: (e: DecisionEvent) => void): { dispose(): void } {
    this.decisionListeners.add(listener);
    return { dispose: () => this.decisionListeners.delete(listener) };
  }

  get(id: string): ChangesetEntry | undefined {
    return this.entries.get(id);
  }

  ids(): string[] {
    return [...this.entries.keys()];
  }

  /** Builds a changeset from new texts relative to the files on disk; rebased onto unsaved edits. */
  async propose(input: ProposeInput): Promise<Result<string>> {
    const built = await this.build(input);
    return built.ok ? ok(this.open(built.value)) : built;
  }

  /**
   * The changeset a proposal makes, flagged, not open yet: a caller may look at it first (an
   * auto-allowed edit is answered before it is recorded). `read`: files the caller resolved and
   * read just before, by the path the input names.
   */
  async build(input: ProposeInput, read?: ReadonlyMap<string, ReadFile>): Promise<Result<ChangesetEntry>> {
    return proposalEntry(this.newId(), input, { workspace: this.workspace, rules: this.rules, lineDiff: this.lineDiff, ...(read ? { read } : {}) });
  }

  /** Opens a changeset `build` made; its id. */
  open(entry: ChangesetEntry): string {
    const id = entry.changeset.id;
    this.entries.set(id, entry);
    this.emit(id);
    return id;
  }

  /** Takes a changeset built elsewhere (the git working tree), its files resolved by this session's workspace. */
  add(changeset: Changeset, files: ReadonlyMap<string, ResolvedFile>): void {
    const { changeset: flagged, details } = flagChangeset(this.rules, changeset);
    this.entries.set(changeset.id, { changeset: flagged, files, flags: details, seen: new Map() });
    this.emit(changeset.id);
  }

  /**
   * Changes a changeset from outside, after the operations before it (the git working tree changed
   * underneath): not a decision, so nothing is written and no undo step is recorded.
   */
  update(
    id: string,
    op: (entry: ChangesetEntry) => Promise<Result<{ changeset: Changeset; files: ReadonlyMap<string, ResolvedFile> }>>,
  ): Promise<Result<void>> {
    return this.queue.run(id, async () => {
      const entry = this.entries.get(id);
      if (!entry) return fail('E_UNKNOWN_CHANGESET', `no changeset '${id}'`);
      const next = await op(entry);
      if (!next.ok) return next;
      if (next.value.changeset === entry.changeset && next.value.files === entry.files) return ok(undefined);
      const { changeset, details } = flagChangeset(this.rules, next.value.changeset, entry.flagContext);
      this.store(id, { ...(this.entries.get(id) ?? entry), changeset, files: next.value.files, flags: details });
      return ok(undefined);
    });
  }

  decide(id: string, hunkId: string, decision: Decision, reason?: string): Promise<Result<void>> {
    return this.decideTogether(id, [hunkId], decision, reason);
  }

  /**
   * Decides hunks as one step (a moved block with the hunk it came from). Together, a flagged
   * hunk is refused: it is decided on its own, where its flag shows.
   */
  async decideTogether(id: string, hunkIds: readonly string[], decision: Decision, reason?: string): Promise<Result<void>> {
    const entry = this.entries.get(id);
    const located = entry ? hunkIds.map((h) => locateHunk(entry.changeset, h)) : [];
    const flagged = hunkIds.length > 1 ? located.find((l) => l.ok && l.value.hunk.flags.length > 0) : undefined;
    if (flagged?.ok) return fail('E_FLAGGED', `${flagged.value.file.path} has a flagged hunk (${flagged.value.hunk.flags.join(', ')}): decide it on its own`);
    const pathsOf = (cs: Changeset): string[] => [...new Set(hunkIds.flatMap((h) => hunkPaths(h)(cs)))];
    const done = await this.mutate(id, pathsOf, (cs) =>
      hunkIds.length === 1 ? decideHunk(cs, hunkIds[0] ?? '', decision, reason) : decideHunks(cs, hunkIds, decision, reason),
    );
    if (!done.ok) return done;
    located.forEach((l, i) => {
      const hunkId = hunkIds[i];
      if (!l.ok || hunkId === undefined) return;
      const event: DecisionEvent = { changesetId: id, hunkId, path: l.value.file.path, decision, ...(reason ? { reason } : {}) };
      for (const listener of [...this.decisionListeners]) listener(event);
    });
    return done;
  }

  /**
   * Accepts the reviewer's version of a pending hunk's proposed lines (`acceptEdited`): one write,
   * one undo step. `revision` is the revision they edited; a hunk that changed since, or went
   * stale when the user's text was folded in, is refused and nothing is written.
   */
  async acceptEdited(id: string, hunkId: string, text: string, revision: number): Promise<Result<void>> {
    const entry = this.entries.get(id);
    const path = entry ? hunkPaths(hunkId)(entry.changeset)[0] : undefined;
    let edit: HunkEdit | undefined;
    const done = await this.mutate(
      id,
      hunkPaths(hunkId),
      (cs) => {
        const r = acceptEdited(cs, hunkId, text, revision);
        if (!r.ok) return r;
        edit = r.value.edit;
        return ok(r.value.changeset);
      },
      { reflag: true },
    );
    if (done.ok && path !== undefined) {
      const event: DecisionEvent = { changesetId: id, hunkId, path, decision: 'accept', ...(edit ? { edit } : {}) };
      for (const l of [...this.decisionListeners]) l(event);
    }
    return done;
  }

  /**
   * Replaces the proposal of some files (an agent turn proposed more). A file with no decision
   * yet is rebuilt from the agent's base and text and rebased onto the document; a file with
   * decisions keeps them and gets the new text as a refresh against the document.
   */
  updateProposals(id: string, files: ProposeInput['files'], baseTexts: ReadonlyMap<string, string | null>): Promise<Result<void>> {
    return this.queue.run(id, async () => {
      const entry = this.entries.get(id);
      if (!entry) return fail('E_UNKNOWN_CHANGESET', `no changeset '${id}'`);
      let cs = entry.changeset;
      const resolved = new Map(entry.files);
      for (const f of files) {
        const r = await this.workspace.resolve(f.path);
        if (!r.ok) return fail(r.code, `${f.path}: ${r.message}`);
        const texts = await this.workspace.read(r.value);
        if (!texts.ok) return fail(texts.code, `${r.value.path}: ${texts.message}`);
        resolved.set(r.value.path, r.value);
        const base = baseTexts.has(f.path) ? (baseTexts.get(f.path) ?? null) : texts.value.disk;
        const updated = replaceProposal(
          cs,
          { path: r.value.path, baseText: base, proposedText: f.newText, ...(f.stepRanges ? { stepRanges: f.stepRanges } : {}) },
          texts.value.current,
        );
        if (!updated.ok) return fail(updated.code, `${r.value.path}: ${updated.message}`);
        cs = updated.value;
      }
      const { changeset, details } = flagChangeset(this.rules, cs, entry.flagContext);
      this.store(id, { ...entry, changeset, files: resolved, flags: details });
      return ok(undefined);
    });
  }

  /** A fix request's result: the hunk's region gets `newText` as its next revision. */
  reviseHunk(id: string, hunkId: string, newText: string): Promise<Result<void>> {
    return this.mutate(id, hunkPaths(hunkId), (cs) => reviseHunk(cs, hunkId, newText), { reflag: true });
  }

  /** A stale hunk becomes pending again, shown against the user's text (a new revision). */
  refresh(id: string, hunkId: string): Promise<Result<void>> {
    return this.mutate(id, hunkPaths(hunkId), (cs) => refreshHunk(cs, hunkId), { reflag: true });
  }

  /** `lines` are ordinals among the hunk's changed lines (context not counted). */
  decideLines(id: string, hunkId: string, lines: readonly number[], decision: Decision): Promise<Result<void>> {
    return this.mutate(id, hunkPaths(hunkId), (cs) => decideLines(cs, hunkId, lines, decision), { reflag: true });
  }

  decideFile(id: string, path: string, decision: Decision): Promise<Result<void>> {
    return this.mutate(
      id,
      () => [path],
      (cs, entry) => decideWholeFile(cs, entry, path, decision),
    );
  }

  decideAll(id: string, decision: Decision): Promise<Result<void>> {
    return this.mutate(id, allPaths, (cs, entry) => decideEverything(cs, entry, decision));
  }

  split(id: string, hunkId: string): Promise<Result<void>> {
    return this.mutate(id, hunkPaths(hunkId), (cs) => splitHunk(cs, hunkId), { reflag: true });
  }

  undo(id: string): Promise<Result<void>> {
    return this.mutate(id, allPaths, (cs) => undoDecision(cs), { reflag: true });
  }

  /**
   * Takes back every accept after the first `keep` decisions (0: all of them) as one decision, one
   * batch of writes (`rewindAccepts`); files the user edited since are left and named.
   */
  async rewind(id: string, keep: number): Promise<Result<{ restored: number; left: readonly string[] }>> {
    let outcome: { restored: number; left: readonly string[] } = { restored: 0, left: [] };
    const done = await this.mutate(
      id,
      allPaths,
      (cs) => {
        const r = rewindAccepts(cs, keep);
        if (r.ok) outcome = { restored: r.value.restored.length, left: r.value.left };
        return r.ok ? ok(r.value.changeset) : r;
      },
      { reflag: true },
    );
    return done.ok ? ok(outcome) : done;
  }

  /** Records that the reviewer looked at a hunk as it is now (it was in focus in the review). */
  markSeen(id: string, hunkId: string): void {
    const entry = this.entries.get(id);
    if (!entry) return;
    const seen = markSeen(entry.seen, entry.changeset, hunkId);
    if (seen === entry.seen) return;
    this.entries.set(id, { ...entry, seen });
    for (const l of [...this.seenListeners]) l(id);
  }

  /** A hunk was seen: nothing the review shows changes, but the store keeps it. */
  onDidMarkSeen(listener: ChangeListener): { dispose(): void } {
    this.seenListeners.add(listener);
    return { dispose: () => this.seenListeners.delete(listener) };
  }

  /** Puts back a changeset of an earlier window, rebased onto the files as they are now (`restoredEntry`). */
  restore(stored: StoredChangeset): Promise<Result<void>> {
    const id = stored.changeset.id;
    return this.queue.run(id, async () => {
      if (this.entries.has(id)) return fail('E_EXISTS', `changeset '${id}' is already open`);
      const entry = await restoredEntry(this.workspace, this.rules, stored);
      if (entry.ok) this.store(id, entry.value);
      return entry.ok ? ok(undefined) : entry;
    });
  }

  /** Folds the current text of `path` into every changeset that holds it (the user typed). */
  async syncFile(path: string): Promise<void> {
    for (const id of this.ids()) {
      if (this.entries.get(id)?.files.has(path))
        await this.mutate(
          id,
          () => [path],
          (cs) => ok(cs),
        );
    }
  }

  /**
   * The one path every decision takes: fold the user's current text into the affected files,
   * apply the operation, write the files whose decided text changed (`writeDecision`), then store and tell.
   */
  private mutate(
    id: string,
    pathsOf: (cs: Changeset) => readonly string[],
    op: (cs: Changeset, entry: ChangesetEntry) => Result<Changeset>,
    opts: { reflag?: boolean } = {},
  ): Promise<Result<void>> {
    return this.queue.run(id, async () => {
      const entry = this.entries.get(id);
      if (!entry) return fail('E_UNKNOWN_CHANGESET', `no changeset '${id}'`);
      const synced = await this.syncFiles(entry, pathsOf(entry.changeset));
      if (!synced.ok) return synced;
      const before = synced.value;
      if (before !== entry.changeset) this.store(id, { ...entry, changeset: before });
      const result = op(before, entry);
      if (!result.ok) return result;
      const after = ok(stamped(before, result.value, this.now()));
      const changes = this.changedFiles(id, entry, before, after.value);
      if (!changes.ok) return changes;
      const written = await writeDecision(this.workspace, this.trust, changes.value);
      if (!written.ok) return written;
      const latest = this.entries.get(id) ?? entry;
      if (opts.reflag) {
        // New hunks (a split, a line selection, an undone split) need their own flags.
        const { changeset, details } = flagChangeset(this.rules, after.value, entry.flagContext);
        this.store(id, { ...latest, changeset, flags: details });
      } else {
        this.store(id, { ...latest, changeset: after.value });
      }
      return ok(undefined);
    });
  }

  /** The files whose decided text `op` changed, each with its handle, for `writeDecision`. */
  private changedFiles(id: string, entry: ChangesetEntry, before: Changeset, after: Changeset): Result<FileDecision[]> {
    const changes: FileDecision[] = [];
    for (let i = 0; i < before.files.length; i++) {
      const was = before.files[i];
      const now = after.files[i];
      if (!was || !now || was === now) continue;
      const file = entry.files.get(now.path);
      if (!file) return fail('E_UNKNOWN_FILE', `no file '${now.path}' in changeset '${id}'`);
      changes.push({ file, before: was, after: now });
    }
    return ok(changes);
  }

  /** Rebases the named files onto their current text; a file that vanished is an error. */
  private async syncFiles(entry: ChangesetEntry, paths: readonly string[]): Promise<Result<Changeset>> {
    let cs = entry.changeset;
    const changed = new Map<number, FileChange>();
    for (const path of paths) {
      const index = cs.files.findIndex((f) => f.path === path);
      const file = cs.files[index];
      const handle = entry.files.get(path);
      if (!file || !handle) continue;
      const texts = await this.workspace.read(handle);
      if (!texts.ok) return fail(texts.code, `${path}: ${texts.message}`);
      const current = texts.value.current;
      const exists = existsAfterDecisions(file);
      if (current === null) {
        if (exists && file.baseText !== null) return fail('E_FILE_GONE', `${path} was deleted after the proposal was made; nothing was changed`);
        continue;
      }
      if (!exists && file.status === 'added') return fail('E_FILE_APPEARED', `${path} now exists on disk; the proposal would create it and cannot apply`);
      if (current === decidedText(file)) continue;
      const rebased = rebaseFile(file, current);
      if (!rebased.ok) return fail(rebased.code, `${path}: ${rebased.message}`);
      changed.set(index, rebased.value);
    }
    if (changed.size > 0) cs = replaceFiles(cs, changed);
    return ok(cs);
  }

  private store(id: string, entry: ChangesetEntry): void {
    this.entries.set(id, entry);
    this.emit(id);
  }

  private emit(id: string): void {
    for (const l of [...this.listeners]) l(id);
  }
}

function hunkPaths(hunkId: string): (cs: Changeset) => string[] {
  return (cs) => {
    const found = locateHunk(cs, hunkId);
    return found.ok ? [found.value.file.path] : [];
  };
}

/** `after` with its new undo entry, if the operation recorded one, stamped with the time of the decision. */
function stamped(before: Changeset, after: Changeset, at: number): Changeset {
  const entry = after.undo[after.undo.length - 1];
  if (after.undo.length <= before.undo.length || entry === undefined) return after;
  return { ...after, undo: [...after.undo.slice(0, -1), { ...entry, at }] };
}

function allPaths(cs: Changeset): string[] {
  return cs.files.map((f) => f.path);
}
