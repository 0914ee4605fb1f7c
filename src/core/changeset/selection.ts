import { hunkIdFor } from '../diff/hunkId';
import { fail, ok, type Result } from '../result';
import type { Decision } from './decisions';
import { inDecided, stateLookup } from './items';
import { commitDecision, locateHunk, takenIds } from './locate';
import type { Changeset, ChangesetErrorCode, FileChange, HunkRecord, Item } from './types';

function pendingHunk(cs: Changeset, hunkId: string, verb: string): Result<{ fileIndex: number; file: FileChange; hunk: HunkRecord }, ChangesetErrorCode> {
  const found = locateHunk(cs, hunkId);
  if (!found.ok) return found;
  const { hunk } = found.value;
  if (hunk.state === 'stale') return fail('E_STALE', `hunk '${hunkId}' is stale; refresh it before you ${verb} it`);
  if (hunk.state !== 'pending' || hunk.detached)
    return fail('E_SELECTION', `only a pending hunk can be ${verb === 'split' ? 'split' : 'decided line by line'}; '${hunkId}' is ${hunk.state}`);
  return found;
}

/**
 * Splits a pending hunk at its context lines into its smaller hunks, as `git add -p`'s `s`.
 * The pieces are pending with ids of their own; one undo step merges them back.
 */
export function splitHunk(cs: Changeset, hunkId: string): Result<Changeset, ChangesetErrorCode> {
  const found = pendingHunk(cs, hunkId, 'split');
  if (!found.ok) return found;
  const { fileIndex, file, hunk } = found.value;
  const stateOf = stateLookup(file.hunks);
  // A piece ends where a line visible in the document (a context line) separates own lines.
  const pieceOf = new Map<number, number>();
  let piece = 0;
  let seenOwn = false;
  let sawContext = false;
  file.items.forEach((item, i) => {
    if (item.hunk === hunkId) {
      if (seenOwn && sawContext) piece++;
      pieceOf.set(i, piece);
      seenOwn = true;
      sawContext = false;
    } else if (seenOwn && inDecided(item, stateOf)) {
      sawContext = true;
    }
  });
  if (piece === 0) return fail('E_NOT_SPLITTABLE', `hunk '${hunkId}' has no context line inside it to split at`);
  const taken = takenIds(cs);
  const ids: string[] = [];
  for (let p = 0; p <= piece; p++) {
    const lines = file.items.filter((_, i) => pieceOf.get(i) === p);
    const id = hunkIdFor(file.path, lines, taken);
    taken.add(id);
    ids.push(id);
  }
  const items = file.items.map((item, i) => {
    const p = pieceOf.get(i);
    return p === undefined ? item : { ...item, hunk: ids[p] ?? hunkId };
  });
  const pieces: HunkRecord[] = ids.map((id) => ({ ...hunk, id, revision: 1, history: [] }));
  const hunks = file.hunks.flatMap((h) => (h.id === hunkId ? pieces : [h]));
  return ok(commitDecision(cs, `split ${hunkId}`, new Map([[fileIndex, { ...file, items, hunks }]])));
}

/**
 * Decides some of a pending hunk's changed lines, like staging selected lines in `git add -p`.
 * `lines` are 0-based ordinals among the hunk's changed lines (its removed and added lines in
 * view order, context not counted). The selected lines keep the hunk's id and take the decision;
 * the others stay pending as a new hunk. An unselected removed line stays in the text and an
 * unselected added line stays out, exactly as git does.
 */
export function decideLines(
  cs: Changeset,
  hunkId: string,
  lines: readonly number[],
  decision: Decision,
  reason?: string,
): Result<Changeset, ChangesetErrorCode> {
  const found = pendingHunk(cs, hunkId, 'decide line by line');
  if (!found.ok) return found;
  const { fileIndex, file, hunk } = found.value;
  const own: number[] = [];
  file.items.forEach((item, i) => {
    if (item.hunk === hunkId) own.push(i);
  });
  if (lines.length === 0) return fail('E_SELECTION', `no line selected in hunk '${hunkId}'`);
  for (const n of lines) {
    if (!Number.isInteger(n) || n < 0 || n >= own.length) {
      return fail('E_RANGE', `line ${n} is out of range: hunk '${hunkId}' has ${own.length} changed lines (0-${own.length - 1})`);
    }
  }
  const selected = new Set(lines.map((n) => own[n] ?? -1));
  if (selected.size === own.length) return fail('E_SELECTION', `all lines of hunk '${hunkId}' are selected; decide the whole hunk instead`);
  const taken = takenIds(cs);
  const restId = hunkIdFor(
    file.path,
    file.items.filter((_, i) => file.items[i]?.hunk === hunkId && !selected.has(i)),
    taken,
  );
  const items: Item[] = file.items.map((item, i) => (item.hunk === hunkId && !selected.has(i) ? { ...item, hunk: restId } : item));
  const target = decision === 'accept' ? 'accepted' : 'rejected';
  const { reason: _r, ...plain } = hunk;
  const chosen: HunkRecord =
    decision === 'reject' && reason !== undefined && reason.length > 0 ? { ...plain, state: target, reason } : { ...plain, state: target };
  const rest: HunkRecord = { ...plain, id: restId, state: 'pending', revision: 1, history: [] };
  const hunks = file.hunks.flatMap((h) => (h.id === hunkId ? [chosen, rest] : [h]));
  const joined = joinedLine(items, hunks, hunkId, restId);
  if (joined !== undefined) {
    return fail(
      'E_SELECTION',
      `this selection would join two lines ('${joined.slice(0, 40)}' has no final newline but would no longer be last); select the line that adds the newline too`,
    );
  }
  return ok(commitDecision(cs, `${decision} lines of ${hunkId}`, new Map([[fileIndex, { ...file, items, hunks }]])));
}

/**
 * A line without a terminator must stay last. Whole hunks never break that (the final line's
 * change is always one block), but a line selection can; check both ways the two parts may
 * later be decided.
 */
function joinedLine(items: readonly Item[], hunks: readonly HunkRecord[], a: string, b: string): string | undefined {
  for (const acceptedPart of [a, b]) {
    const states = stateLookup(hunks.map((h) => (h.id === a || h.id === b ? { ...h, state: h.id === acceptedPart ? 'accepted' : 'pending' } : h)));
    let last: Item | undefined;
    for (const item of items) {
      if (!inDecided(item, states)) continue;
      if (last !== undefined && !last.text.endsWith('\n')) return last.text;
      last = item;
    }
  }
  return undefined;
}
