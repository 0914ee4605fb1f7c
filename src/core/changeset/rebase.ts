import { diffLineArrays } from '../diff/lineDiff';
import { fail, ok, type Result } from '../result';
import { splitLines } from '../text/lines';
import { checkText } from '../text/textFacts';
import { decidedText, inDecided, sortHunks, stateLookup, type StateOf } from './items';
import { buildItems } from './build';
import type { ChangesetErrorCode, FileChange, HunkRecord, Item } from './types';

/** A block of the user's edits: decided lines [ds, de) became current lines [cs, ce). */
interface UserRegion {
  readonly ds: number;
  readonly de: number;
  readonly cs: number;
  readonly ce: number;
}

/** Where a hunk sits in the decided text: the lines it owns [a, b], or the gap range [a, b]. */
interface Extent {
  readonly a: number;
  readonly b: number;
  readonly owns: boolean;
}

/**
 * Folds the user's edits into a file's model: a three-way merge of base (the items' old side),
 * proposed (their new side) and `currentText` (the document). Afterwards the file's decided
 * text is exactly `currentText`, so no character the user typed can be lost, and:
 * - a pending hunk the edits did not touch keeps its id, its state and its lines, and moves with
 *   the edits (insertions next to it stay outside it);
 * - a pending or stale hunk whose lines the user changed, or inside which the user typed,
 *   becomes stale: its lines are now the user's text on the old side and the proposal on the new
 *   side, it is never applied until refreshed, and hunks in the same overlap merge into it;
 * - an accepted or rejected hunk the user edited is detached: its decision is final, unless the
 *   edit takes accepts back exactly (an Undo in the editor): then those hunks are pending again;
 * - pending hunks whose proposals the edit puts in exactly (a Redo in the editor) are accepted.
 */
export function rebaseFile(file: FileChange, currentText: string): Result<FileChange, ChangesetErrorCode> {
  const checked = checkText(currentText, `${file.path}: document text`);
  if (!checked.ok) return fail(checked.code, checked.message);
  if (decidedText(file) === currentText) return ok(file);
  let model = file;
  // Each pass either finishes or detaches at least one decided hunk, so this terminates.
  for (;;) {
    const pass = rebasePass(model, currentText);
    if (pass.kind === 'done') return ok(pass.file);
    model = pass.file;
  }
}

type Pass = { kind: 'done'; file: FileChange } | { kind: 'again'; file: FileChange };

function rebasePass(file: FileChange, currentText: string): Pass {
  const stateOf = stateLookup(file.hunks);
  const items = file.items;
  const dIndex = new Int32Array(items.length).fill(-1);
  const dLines: string[] = [];
  items.forEach((item, i) => {
    if (inDecided(item, stateOf)) {
      dIndex[i] = dLines.length;
      dLines.push(item.text);
    }
  });
  const cLines = splitLines(currentText);
  const { regions, cOfD } = userRegions(dLines, cLines);
  const extents = hunkExtents(items, dIndex, stateOf);

  // Decided hunks the user edited lose their lines first; their decision stays.
  const detach = new Set<string>();
  const members = new Map<string, number[]>(); // open hunk -> regions it overlaps
  for (const [id, ext] of extents) {
    const hit = regions.flatMap((r, k) => (overlaps(ext, r) ? [k] : []));
    if (hit.length === 0) continue;
    const state = stateOf(id);
    if (state === 'accepted' || state === 'rejected') detach.add(id);
    else members.set(id, hit);
  }
  if (detach.size > 0) {
    const reopened = reopenIfUndone(file, detach, currentText);
    if (reopened !== undefined) return { kind: 'done', file: reopened };
    return { kind: 'again', file: detachHunks(file, detach, 'edited after the decision') };
  }

  const redone = acceptIfRedone(file, members.keys(), currentText);
  if (redone !== undefined) return { kind: 'done', file: redone };

  const isOpen = (id: string): boolean => stateOf(id) === 'pending' || stateOf(id) === 'stale';
  const components = conflictComponents(items, dIndex, extents, members, regions, isOpen);
  // A decided hunk caught inside a conflict is detached too, then the pass starts over.
  for (const comp of components) {
    for (let i = comp.mStart; i <= comp.mEnd; i++) {
      const owner = items[i]?.hunk;
      if (owner === undefined || comp.hunks.has(owner)) continue;
      const state = stateOf(owner);
      if (state === 'accepted' || state === 'rejected') detach.add(owner);
    }
  }
  if (detach.size > 0) return { kind: 'again', file: detachHunks(file, detach, 'inside an edited region') };

  const rebuilt = rebuild(file, stateOf, dIndex, cLines, cOfD, regions, components);
  if (decidedText(rebuilt) !== currentText) throw new Error(`rebase bug: ${file.path} does not reproduce the document`);
  return { kind: 'done', file: rebuilt };
}

function userRegions(dLines: readonly string[], cLines: readonly string[]): { regions: UserRegion[]; cOfD: Int32Array } {
  const cOfD = new Int32Array(dLines.length).fill(-1);
  const regions: UserRegion[] = [];
  let d = 0;
  let c = 0;
  let open: { ds: number; de: number; cs: number; ce: number } | undefined;
  for (const run of diffLineArrays(dLines, cLines)) {
    if (run.kind === 'equal') {
      if (open !== undefined) regions.push(open);
      open = undefined;
      for (let k = 0; k < run.count; k++) cOfD[d++] = c++;
      continue;
    }
    open ??= { ds: d, de: d, cs: c, ce: c };
    if (run.kind === 'removed') d = open.de += run.count;
    else c = open.ce += run.count;
  }
  if (open !== undefined) regions.push(open);
  return { regions, cOfD };
}

function hunkExtents(items: readonly Item[], dIndex: Int32Array, stateOf: StateOf): Map<string, Extent> {
  const owned = new Map<string, { a: number; b: number }>();
  const gaps = new Map<string, { a: number; b: number }>();
  let before = 0; // decided lines before this item
  items.forEach((item, i) => {
    const d = dIndex[i] ?? -1;
    if (item.hunk !== undefined && stateOf(item.hunk) !== undefined) {
      const map = d >= 0 ? owned : gaps;
      const at = d >= 0 ? d : before;
      const e = map.get(item.hunk);
      map.set(item.hunk, e === undefined ? { a: at, b: at } : { a: e.a, b: at });
    }
    if (d >= 0) before++;
  });
  const out = new Map<string, Extent>();
  for (const [id, g] of gaps) out.set(id, { ...g, owns: false });
  for (const [id, o] of owned) out.set(id, { ...o, owns: true });
  return out;
}

/**
 * Owned lines [a, b] conflict with a region that replaces any of them or inserts strictly
 * between them; a hunk owning no line (an insertion) conflicts with a region that touches its gap.
 */
function overlaps(ext: Extent, r: UserRegion): boolean {
  if (!ext.owns) return r.ds <= ext.b && r.de >= ext.a;
  if (r.ds === r.de) return r.ds > ext.a && r.ds <= ext.b;
  return r.ds <= ext.b && r.de > ext.a;
}

interface Component {
  readonly hunks: Set<string>;
  readonly regions: Set<number>;
  mStart: number;
  mEnd: number;
}

function conflictComponents(
  items: readonly Item[],
  dIndex: Int32Array,
  extents: Map<string, Extent>,
  members: Map<string, number[]>,
  regions: readonly UserRegion[],
  isOpen: (id: string) => boolean,
): Component[] {
  const comps: Component[] = [];
  for (const [id, hit] of members) {
    const joined = comps.filter((c) => hit.some((k) => c.regions.has(k)));
    const merged: Component = { hunks: new Set([id]), regions: new Set(hit), mStart: 0, mEnd: 0 };
    for (const c of joined) {
      c.hunks.forEach((h) => merged.hunks.add(h));
      c.regions.forEach((r) => merged.regions.add(r));
      comps.splice(comps.indexOf(c), 1);
    }
    comps.push(merged);
  }
  // Grow each component to an item span; pull in open hunks inside it; merge overlapping spans.
  for (let changed = true; changed;) {
    changed = false;
    for (const c of comps) {
      const { s, e } = decidedRange(c, extents, regions);
      let lo = Infinity;
      let hi = -Infinity;
      items.forEach((item, i) => {
        const d = dIndex[i] ?? -1;
        if ((item.hunk !== undefined && c.hunks.has(item.hunk)) || (d >= s && d < e)) {
          lo = Math.min(lo, i);
          hi = Math.max(hi, i);
        }
      });
      c.mStart = lo;
      c.mEnd = hi;
      for (let i = lo; i <= hi; i++) {
        const owner = items[i]?.hunk;
        if (owner !== undefined && isOpen(owner) && !c.hunks.has(owner)) {
          c.hunks.add(owner);
          changed = true;
        }
      }
    }
    for (const c of comps) {
      const other = comps.find((o) => o !== c && o.mStart <= c.mEnd && c.mStart <= o.mEnd);
      if (other !== undefined) {
        other.hunks.forEach((h) => c.hunks.add(h));
        other.regions.forEach((r) => c.regions.add(r));
        comps.splice(comps.indexOf(other), 1);
        changed = true;
        break;
      }
    }
  }
  return comps.sort((x, y) => x.mStart - y.mStart);
}

function decidedRange(c: Component, extents: Map<string, Extent>, regions: readonly UserRegion[]): { s: number; e: number } {
  let s = Infinity;
  let e = -Infinity;
  for (const k of c.regions) {
    const r = regions[k];
    if (r === undefined) continue;
    s = Math.min(s, r.ds);
    e = Math.max(e, r.de);
  }
  for (const id of c.hunks) {
    const x = extents.get(id);
    if (x === undefined) continue;
    s = Math.min(s, x.a);
    e = Math.max(e, x.owns ? x.b + 1 : x.b);
  }
  return { s, e };
}

/**
 * The user's edit is exactly the accepts of `hit` taken back (an Undo in the editor): those hunks
 * are pending again, so the proposal is not lost. Undefined for any other edit.
 */
function reopenIfUndone(file: FileChange, hit: ReadonlySet<string>, currentText: string): FileChange | undefined {
  if (!file.hunks.some((h) => hit.has(h.id) && h.state === 'accepted')) return undefined;
  const hunks = file.hunks.map((h) => (hit.has(h.id) && h.state === 'accepted' ? { ...h, state: 'pending' as const } : h));
  const reopened = { ...file, hunks };
  return decidedText(reopened) === currentText ? reopened : undefined;
}

/**
 * The user's edit puts in exactly the proposals of pending hunks it touches (a Redo in the editor
 * after an Undo took their accept back): the file holds what they propose, so they are accepted
 * again, with their ids, instead of going stale against their own text. Undefined for any other edit.
 */
function acceptIfRedone(file: FileChange, touched: Iterable<string>, currentText: string): FileChange | undefined {
  const ids = new Set([...touched].filter((id) => file.hunks.some((h) => h.id === id && h.state === 'pending' && !h.detached)));
  if (ids.size === 0) return undefined;
  const hunks = file.hunks.map((h) => (ids.has(h.id) ? { ...h, state: 'accepted' as const } : h));
  const accepted = { ...file, hunks };
  return decidedText(accepted) === currentText ? accepted : undefined;
}

function detachHunks(file: FileChange, ids: ReadonlySet<string>, why: string): FileChange {
  const stateOf = stateLookup(file.hunks);
  const items: Item[] = [];
  for (const item of file.items) {
    if (item.hunk === undefined || !ids.has(item.hunk)) items.push(item);
    else if (inDecided(item, stateOf)) items.push({ kind: 'context', text: item.text });
  }
  // The lines a decided hunk owned go to its history: the decision and what it was about stay
  // on record and in the review, though they no longer sit in the file.
  const owned = (id: string) => file.items.filter((i) => i.hunk === id).map((i) => ({ kind: i.kind, text: i.text }));
  const hunks = file.hunks.map((h) =>
    ids.has(h.id) ? { ...h, detached: true, staleReason: why, history: [...h.history, { revision: h.revision, lines: owned(h.id), replacedBy: 'edit' }] } : h,
  );
  return { ...file, items, hunks };
}

function rebuild(
  file: FileChange,
  stateOf: StateOf,
  dIndex: Int32Array,
  cLines: readonly string[],
  cOfD: Int32Array,
  regions: readonly UserRegion[],
  comps: readonly Component[],
): FileChange {
  const items = file.items;
  const out: Item[] = [];
  const records = new Map(file.hunks.map((h) => [h.id, h]));
  let cPos = 0;
  const flushTo = (c: number): void => {
    for (; cPos < c; cPos++) out.push({ kind: 'context', text: cLines[cPos] ?? '' });
  };
  let k = 0;
  for (let i = 0; i < items.length; i++) {
    const comp = comps[k];
    if (comp !== undefined && i === comp.mStart) {
      const lead = file.hunks.find((h) => comp.hunks.has(h.id));
      const { cStart, cEnd } = currentRange(comp, dIndex, cOfD, regions);
      flushTo(cStart);
      const current = cLines.slice(cStart, cEnd).join('');
      let proposed = '';
      let before = '';
      for (let j = comp.mStart; j <= comp.mEnd; j++) {
        const item = items[j];
        if (item === undefined) continue;
        const own = item.hunk !== undefined && comp.hunks.has(item.hunk);
        if (own ? item.kind !== 'removed' : inDecided(item, stateOf)) proposed += item.text;
        if (inDecided(item, stateOf)) before += item.text;
      }
      if (lead !== undefined && comp.hunks.size === 1 && lead.state === 'stale' && lead.freshBase === current) {
        // The user's edit is taken back exactly: the hunk is what it was before it went stale.
        const built = buildItems(file.path, current, proposed, file.context, new Set(), { single: true });
        for (const x of built.items) out.push(x.hunk === undefined ? x : { ...x, hunk: lead.id });
        const { staleReason: _s, freshBase: _f, ...fresh } = lead;
        records.set(lead.id, { ...fresh, state: 'pending' });
      } else if (lead !== undefined) {
        const built = buildItems(file.path, current, proposed, file.context, new Set(), { single: true });
        const has = built.items.some((x) => x.hunk !== undefined);
        for (const x of built.items) out.push(x.hunk === undefined ? x : { ...x, hunk: lead.id });
        const lastLine = Math.max(cEnd, cStart + 1);
        const reason = `overlaps your edit at ${lastLine === cStart + 1 ? `line ${lastLine}` : `lines ${cStart + 1}-${lastLine}`}`;
        for (const id of comp.hunks) {
          const h = records.get(id);
          if (h === undefined) continue;
          const isLead = id === lead.id;
          const freshBase = isLead && comp.hunks.size === 1 ? (h.state === 'stale' ? h.freshBase : before) : undefined;
          const next: HunkRecord = {
            ...withoutFreshBase(h),
            state: 'stale',
            staleReason: isLead ? (has ? reason : 'your edit already matches it') : `merged into ${lead.id}`,
            ...(freshBase === undefined ? {} : { freshBase }),
          };
          records.set(id, isLead && has ? withoutDetached(next) : { ...next, detached: true });
        }
      }
      cPos = cEnd;
      i = comp.mEnd;
      k++;
      continue;
    }
    const item = items[i];
    if (item === undefined) continue;
    const d = dIndex[i] ?? -1;
    if (d < 0) {
      out.push(item);
      continue;
    }
    const c = cOfD[d] ?? -1;
    if (c < 0) continue; // the user deleted this (context) line
    flushTo(c);
    out.push(item);
    cPos = c + 1;
  }
  flushTo(cLines.length);
  const hunks = sortHunks(
    out,
    file.hunks.map((h) => records.get(h.id) ?? h),
  );
  return { ...file, items: out, hunks };
}

function withoutFreshBase(h: HunkRecord): HunkRecord {
  const { freshBase: _f, ...rest } = h;
  return rest;
}

function withoutDetached(h: HunkRecord): HunkRecord {
  const { detached: _d, ...rest } = h;
  return rest;
}

function currentRange(comp: Component, dIndex: Int32Array, cOfD: Int32Array, regions: readonly UserRegion[]): { cStart: number; cEnd: number } {
  let cStart = Infinity;
  let cEnd = -Infinity;
  for (const k of comp.regions) {
    const r = regions[k];
    if (r === undefined) continue;
    cStart = Math.min(cStart, r.cs);
    cEnd = Math.max(cEnd, r.ce);
  }
  for (let i = comp.mStart; i <= comp.mEnd; i++) {
    const d = dIndex[i] ?? -1;
    const c = d >= 0 ? (cOfD[d] ?? -1) : -1;
    if (c < 0) continue;
    cStart = Math.min(cStart, c);
    cEnd = Math.max(cEnd, c + 1);
  }
  return { cStart, cEnd };
}
