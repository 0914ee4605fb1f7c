import { fail, ok, type Result } from '../result';
import { splitLines } from '../text/lines';
import { checkText } from '../text/textFacts';
import { buildItems, newHunk } from './build';
import { decidedText, inDecided, sortHunks, stateLookup } from './items';
import { locateFile, locateHunk, replaceFiles, takenIds } from './locate';
import type { Changeset, ChangesetErrorCode, FileChange, HunkRecord, HunkRevision, Item } from './types';

/** The text a hunk spans, from its first to its last own line: what a fix request rewrites. */
export interface HunkRegion {
  /** The region as the document has it now (the hunk not applied). */
  readonly oldText: string;
  /** The region with the hunk applied. */
  readonly newText: string;
}

function span(file: FileChange, hunkId: string): { first: number; last: number } | undefined {
  const first = file.items.findIndex((i) => i.hunk === hunkId);
  if (first === -1) return undefined;
  let last = first;
  file.items.forEach((i, k) => {
    if (i.hunk === hunkId) last = k;
  });
  return { first, last };
}

export function hunkRegion(cs: Changeset, hunkId: string): Result<HunkRegion, ChangesetErrorCode> {
  const found = locateHunk(cs, hunkId);
  if (!found.ok) return found;
  const { file } = found.value;
  const s = span(file, hunkId);
  if (s === undefined) return fail('E_DETACHED', `hunk '${hunkId}' owns no line`);
  const stateOf = stateLookup(file.hunks.map((h) => (h.id === hunkId ? { ...h, state: 'pending' as const } : h)));
  let oldText = '';
  let newText = '';
  for (const item of file.items.slice(s.first, s.last + 1)) {
    if (item.hunk === hunkId) {
      if (item.kind === 'removed') oldText += item.text;
      else newText += item.text;
    } else if (inDecided(item, stateOf)) {
      oldText += item.text;
      newText += item.text;
    }
  }
  return { ok: true, value: { oldText, newText } };
}

function revisionOf(file: FileChange, h: HunkRecord, replacedBy: string): HunkRevision {
  const lines = file.items.filter((i) => i.hunk === h.id).map((i) => ({ kind: i.kind, text: i.text }));
  return { revision: h.revision, lines, replacedBy };
}

/**
 * Replaces a pending or stale hunk's new side with `newText` (the hunk's region as
 * `hunkRegion(...).newText` describes it): revision + 1, the old revision kept in `history`.
 * Not a decision, so no undo step; the hunk keeps its id, a stale hunk becomes pending.
 * A revision that changes nothing is refused, unless `unchanged` is 'keep': then the hunk
 * removes its region's lines and adds them back, so it still owns them (a reviewer's edit back
 * to the base is a decision about those lines).
 */
export function reviseHunk(
  cs: Changeset,
  hunkId: string,
  newText: string,
  replacedBy = 'fix',
  unchanged: 'refuse' | 'keep' = 'refuse',
): Result<Changeset, ChangesetErrorCode> {
  const found = locateHunk(cs, hunkId);
  if (!found.ok) return found;
  const { fileIndex, file, hunk } = found.value;
  if (hunk.detached) return fail('E_DETACHED', `hunk '${hunkId}' owns no line (${hunk.staleReason ?? 'detached'})`);
  if (hunk.state !== 'pending' && hunk.state !== 'stale')
    return fail('E_ALREADY', `hunk '${hunkId}' is already ${hunk.state}; only a pending or stale hunk can be revised`);
  const checked = checkText(newText, `revision of hunk '${hunkId}'`);
  if (!checked.ok) return fail(checked.code, checked.message);
  const s = span(file, hunkId);
  const region = hunkRegion(cs, hunkId);
  if (s === undefined || !region.ok) return fail('E_DETACHED', `hunk '${hunkId}' owns no line`);
  const stateOf = stateLookup(file.hunks);
  const inside = file.items.slice(s.first, s.last + 1);
  if (inside.some((i) => i.hunk !== undefined && i.hunk !== hunkId && !inDecided(i, stateOf))) {
    return fail('E_SELECTION', `hunk '${hunkId}' is interleaved with another hunk's lines; decide that one first`);
  }
  const atEnd = file.items.slice(s.last + 1).every((i) => !inDecided(i, stateOf) && i.kind !== 'context');
  if (!atEnd && newText.length > 0 && !newText.endsWith('\n')) {
    return fail('E_INPUT', `the revision of hunk '${hunkId}' must end with a newline: more lines follow it`);
  }
  const same = newText === region.value.oldText;
  if (same && unchanged === 'refuse') return fail('E_INPUT', `the revision of hunk '${hunkId}' changes nothing; reject the hunk instead`);
  const own = same
    ? [
        ...splitLines(newText).map((text): Item => ({ kind: 'removed', text, hunk: hunkId })),
        ...splitLines(newText).map((text): Item => ({ kind: 'added', text, hunk: hunkId })),
      ]
    : buildItems(file.path, region.value.oldText, newText, file.context, new Set(), { single: true }).items.map((i) =>
        i.hunk === undefined ? i : { ...i, hunk: hunkId },
      );
  const items: Item[] = [...file.items.slice(0, s.first), ...own, ...file.items.slice(s.last + 1)];
  const { staleReason: _s, freshBase: _f, ...plain } = hunk;
  const next: HunkRecord = { ...plain, state: 'pending', revision: hunk.revision + 1, history: [...hunk.history, revisionOf(file, hunk, replacedBy)] };
  return ok(replaceFiles(cs, new Map([[fileIndex, { ...file, items, hunks: file.hunks.map((h) => (h.id === hunkId ? next : h)) }]])));
}

/**
 * Makes a stale hunk pending again, so it can be reviewed against the user's text (which its old
 * side now shows). With `newText`, the hunk is revised at the same time (see `reviseHunk`).
 */
export function refreshHunk(cs: Changeset, hunkId: string, newText?: string): Result<Changeset, ChangesetErrorCode> {
  const found = locateHunk(cs, hunkId);
  if (!found.ok) return found;
  const { fileIndex, file, hunk } = found.value;
  if (hunk.state !== 'stale') return fail('E_ALREADY', `hunk '${hunkId}' is ${hunk.state}, not stale`);
  if (hunk.detached) return fail('E_DETACHED', `hunk '${hunkId}' cannot be refreshed: ${hunk.staleReason ?? 'it owns no line'}`);
  if (newText !== undefined) return reviseHunk(cs, hunkId, newText, 'refresh');
  const { staleReason: _s, freshBase: _f, ...plain } = hunk;
  const next: HunkRecord = { ...plain, state: 'pending', revision: hunk.revision + 1, history: [...hunk.history, revisionOf(file, hunk, 'refresh')] };
  return ok(replaceFiles(cs, new Map([[fileIndex, { ...file, hunks: file.hunks.map((h) => (h.id === hunkId ? next : h)) }]])));
}

/**
 * Re-proposes a whole file against the document: `proposedText` is the new proposal for the
 * text the document has now. Every open hunk is replaced by the new diff (a new hunk whose change
 * is identical to an old one keeps its id, flags and history); decided hunks stay as records,
 * detached, since their effect is already part of the document.
 */
export function refreshFile(cs: Changeset, path: string, currentText: string, proposedText: string): Result<Changeset, ChangesetErrorCode> {
  const found = locateFile(cs, path);
  if (!found.ok) return found;
  const { fileIndex, file } = found.value;
  if (decidedText(file) !== currentText) return fail('E_MISMATCH', `${path}: the document differs from the changeset's view of it; rebase the file first`);
  const checked = checkText(proposedText, `${path}: proposed text`);
  if (!checked.ok) return fail(checked.code, checked.message);
  const open = new Map(file.hunks.filter((h) => h.state === 'pending' || h.state === 'stale').map((h) => [h.id, h]));
  const taken = takenIds(cs);
  for (const id of open.keys()) taken.delete(id);
  const built = buildItems(path, currentText, proposedText, file.context, taken);
  const fresh = built.hunks
    .map((h) => {
      const old = open.get(h.id);
      return old === undefined
        ? newHunk(h.id, h.steps, h.intent)
        : { ...old, state: 'pending' as const, staleReason: undefined, freshBase: undefined, detached: undefined };
    })
    .map(clean);
  const decided = file.hunks
    .filter((h) => !open.has(h.id))
    .map((h): HunkRecord => ({ ...h, detached: true, staleReason: h.staleReason ?? 'the file was refreshed after this decision' }));
  const hunks = sortHunks(built.items, [...decided, ...fresh]);
  return ok(replaceFiles(cs, new Map([[fileIndex, { ...file, baseText: currentText, proposedText, items: built.items, hunks }]])));
}

function clean(h: HunkRecord): HunkRecord {
  const out: { -readonly [K in keyof HunkRecord]?: HunkRecord[K] } = { ...h };
  if (out.staleReason === undefined) delete out.staleReason;
  if (out.freshBase === undefined) delete out.freshBase;
  if (out.detached === undefined) delete out.detached;
  return out as HunkRecord;
}
