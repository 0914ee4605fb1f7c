import { fail, ok, type Result } from '../result';
import { commitDecision, locateFile, locateHunk, replaceFiles, withHunk } from './locate';
import type { Changeset, ChangesetErrorCode, DecisionState, FileChange, HunkRecord, StateChange } from './types';

export type Decision = 'accept' | 'reject';

const TARGET: Record<Decision, DecisionState> = { accept: 'accepted', reject: 'rejected' };

function decided(h: HunkRecord, decision: Decision, reason: string | undefined): HunkRecord {
  const { reason: _old, ...rest } = h;
  return decision === 'reject' && reason !== undefined && reason.length > 0 ? { ...rest, state: 'rejected', reason } : { ...rest, state: TARGET[decision] };
}

function stateChange(h: HunkRecord, decision: Decision): StateChange {
  return { hunkId: h.id, before: h.reason === undefined ? { state: h.state } : { state: h.state, reason: h.reason }, after: TARGET[decision] };
}

/** Why `h` cannot take `decision`, or undefined when it can. */
export function decisionBlocker(h: HunkRecord, decision: Decision): { code: ChangesetErrorCode; message: string } | undefined {
  if (h.state === 'stale')
    return { code: 'E_STALE', message: `hunk '${h.id}' is stale (${h.staleReason ?? 'the file changed under it'}); refresh it before deciding` };
  if (h.detached)
    return { code: 'E_DETACHED', message: `hunk '${h.id}' no longer owns any line (${h.staleReason ?? 'the lines were edited after the decision'})` };
  if (h.state === TARGET[decision]) return { code: 'E_ALREADY', message: `hunk '${h.id}' is already ${h.state}` };
  return undefined;
}

/**
 * Accepts or rejects one hunk. A decided hunk may be switched (accepted -> rejected); deciding a
 * hunk into the state it already has, or deciding a stale hunk, is an error.
 */
export function decideHunk(cs: Changeset, hunkId: string, decision: Decision, reason?: string): Result<Changeset, ChangesetErrorCode> {
  const found = locateHunk(cs, hunkId);
  if (!found.ok) return found;
  const { fileIndex, file, hunk } = found.value;
  const blocker = decisionBlocker(hunk, decision);
  if (blocker !== undefined) return fail(blocker.code, blocker.message);
  const next = withHunk(file, decided(hunk, decision, reason));
  return ok(commitDecision(cs, `${decision} ${hunkId}`, new Map([[fileIndex, next]]), [stateChange(hunk, decision)]));
}

/**
 * Decides several hunks, of one file or several, as one undo step (a moved block and the hunk it
 * came from). A hunk already in the target state is left as it is; a stale or detached one
 * refuses the whole decision.
 */
export function decideHunks(cs: Changeset, hunkIds: readonly string[], decision: Decision, reason?: string): Result<Changeset, ChangesetErrorCode> {
  const changed = new Map<number, FileChange>();
  const states: StateChange[] = [];
  for (const hunkId of hunkIds) {
    const found = locateHunk(cs, hunkId);
    if (!found.ok) return found;
    const { fileIndex, hunk } = found.value;
    const blocker = decisionBlocker(hunk, decision);
    if (blocker?.code === 'E_ALREADY') continue;
    if (blocker !== undefined) return fail(blocker.code, blocker.message);
    changed.set(fileIndex, withHunk(changed.get(fileIndex) ?? found.value.file, decided(hunk, decision, reason)));
    states.push(stateChange(hunk, decision));
  }
  if (states.length === 0) return fail('E_ALREADY', `hunks ${hunkIds.join(', ')} are already ${TARGET[decision]}`);
  return ok(commitDecision(cs, `${decision} ${hunkIds.join(' + ')}`, changed, states));
}

export function acceptHunk(cs: Changeset, hunkId: string): Result<Changeset, ChangesetErrorCode> {
  return decideHunk(cs, hunkId, 'accept');
}

export function rejectHunk(cs: Changeset, hunkId: string, reason?: string): Result<Changeset, ChangesetErrorCode> {
  return decideHunk(cs, hunkId, 'reject', reason);
}

function decidePending(file: FileChange, decision: Decision, reason: string | undefined, states: StateChange[]): FileChange {
  let changed = false;
  const hunks = file.hunks.map((h) => {
    if (h.state !== 'pending' || h.detached) return h;
    changed = true;
    states.push(stateChange(h, decision));
    return decided(h, decision, reason);
  });
  return changed ? { ...file, hunks } : file;
}

/** Decides every pending hunk of one file (stale hunks stay stale). One undo step. */
export function decideFile(cs: Changeset, path: string, decision: Decision, reason?: string): Result<Changeset, ChangesetErrorCode> {
  const found = locateFile(cs, path);
  if (!found.ok) return found;
  const states: StateChange[] = [];
  const next = decidePending(found.value.file, decision, reason, states);
  if (states.length === 0) return fail('E_ALREADY', `${path} has no pending hunk to ${decision}`);
  return ok(commitDecision(cs, `${decision} file ${path}`, new Map([[found.value.fileIndex, next]]), states));
}

/** Decides every pending hunk of the changeset (stale hunks stay stale). One undo step. */
export function decideAll(cs: Changeset, decision: Decision, reason?: string): Result<Changeset, ChangesetErrorCode> {
  const states: StateChange[] = [];
  const changed = new Map<number, FileChange>();
  cs.files.forEach((f, i) => changed.set(i, decidePending(f, decision, reason, states)));
  if (states.length === 0) return fail('E_ALREADY', `changeset '${cs.id}' has no pending hunk to ${decision}`);
  return ok(commitDecision(cs, `${decision} all`, changed, states));
}

/** Sets a hunk's tripwire flags (owned by the tripwire module). Not a decision: no undo step. */
export function setHunkFlags(cs: Changeset, hunkId: string, flags: readonly string[]): Result<Changeset, ChangesetErrorCode> {
  const found = locateHunk(cs, hunkId);
  if (!found.ok) return found;
  const { fileIndex, file, hunk } = found.value;
  const unique = [...new Set(flags)];
  if (unique.some((f) => f.length === 0)) return fail('E_INPUT', 'a flag id is empty');
  return ok(replaceFiles(cs, new Map([[fileIndex, withHunk(file, { ...hunk, flags: unique })]])));
}

/**
 * Undoes the most recent decision. The files come back exactly as they were, unless they have
 * changed since (a rebase folded in the user's typing): then a decision that only set states is
 * undone hunk by hunk, and a split or line selection is refused with E_UNDO_CONFLICT.
 */
export function undoDecision(cs: Changeset): Result<Changeset, ChangesetErrorCode> {
  const entry = cs.undo[cs.undo.length - 1];
  if (entry === undefined) return fail('E_NOTHING_TO_UNDO', `changeset '${cs.id}' has no decision to undo`);
  const rest = cs.undo.slice(0, -1);
  const indexOf = (f: FileChange): number => cs.files.findIndex((g) => g.path === f.path);
  if (entry.after.every((f) => cs.files[indexOf(f)] === f)) {
    const files = cs.files.slice();
    entry.before.forEach((f, k) => {
      const at = indexOf(entry.after[k] ?? f);
      files[at] = f;
    });
    return ok({ ...cs, files, undo: rest });
  }
  if (entry.states === undefined)
    return fail('E_UNDO_CONFLICT', `cannot undo '${entry.label}': the file changed since; only decisions can be undone after an edit`);
  let next: Changeset = cs;
  for (const change of entry.states) {
    const found = locateHunk(next, change.hunkId);
    if (!found.ok) return fail('E_UNDO_CONFLICT', `cannot undo '${entry.label}': hunk '${change.hunkId}' no longer exists`);
    const { fileIndex, file, hunk } = found.value;
    if (hunk.state !== change.after || hunk.detached) {
      return fail('E_UNDO_CONFLICT', `cannot undo '${entry.label}': hunk '${change.hunkId}' is now ${hunk.detached ? 'detached by an edit' : hunk.state}`);
    }
    const { reason: _r, ...plain } = hunk;
    const restored: HunkRecord =
      change.before.reason === undefined ? { ...plain, state: change.before.state } : { ...plain, state: change.before.state, reason: change.before.reason };
    next = replaceFiles(next, new Map([[fileIndex, withHunk(file, restored)]]));
  }
  return ok({ ...next, undo: rest });
}
