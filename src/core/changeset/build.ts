import { fail, ok, type Result } from '../result';
import { diffLineArrays } from '../diff/lineDiff';
import { hunkIdFor } from '../diff/hunkId';
import { splitLines } from '../text/lines';
import { checkText } from '../text/textFacts';
import type { Changeset, ChangesetErrorCode, ChangesetInput, FileChange, FileInput, FileStatus, HunkRecord, Item, StepRange } from './types';

export const DEFAULT_CONTEXT = 3;

interface BuiltItems {
  readonly items: Item[];
  readonly hunks: HunkRecord[];
}

/**
 * Diffs `oldText` against `newText` into merged items and pending hunks. Change blocks closer
 * than `2 * context` unchanged lines share a hunk, as in `git diff`; `single` puts every change in
 * one hunk (a created or deleted file is one decision). `taken` holds ids in use in the changeset.
 */
export function buildItems(path: string, oldText: string, newText: string, context: number, taken: Set<string>, options: { single?: boolean; stepRanges?: readonly StepRange[] } = {}): BuiltItems {
  const oldLines = splitLines(oldText);
  const newLines = splitLines(newText);
  const runs = diffLineArrays(oldLines, newLines);
  const raw: { kind: Item['kind']; text: string; group: number }[] = [];
  let ai = 0;
  let bi = 0;
  let group = -1;
  let lastChangeEnd = -Infinity; // index in `raw` after the last changed line
  for (const run of runs) {
    for (let k = 0; k < run.count; k++) {
      if (run.kind === 'equal') {
        raw.push({ kind: 'context', text: newLines[bi] ?? '', group: -1 });
        ai++;
        bi++;
        continue;
      }
      const gap = raw.length - lastChangeEnd;
      if (group === -1 || (!options.single && gap > 2 * context)) group++;
      if (run.kind === 'removed') raw.push({ kind: 'removed', text: oldLines[ai++] ?? '', group });
      else raw.push({ kind: 'added', text: newLines[bi++] ?? '', group });
      lastChangeEnd = raw.length;
    }
  }
  const groupIds: string[] = [];
  const groupLines = new Map<number, { kind: string; text: string }[]>();
  for (const r of raw) {
    if (r.group < 0) continue;
    let list = groupLines.get(r.group);
    if (list === undefined) groupLines.set(r.group, (list = []));
    list.push(r);
  }
  for (let g = 0; g <= group; g++) {
    const id = hunkIdFor(path, groupLines.get(g) ?? [], taken);
    taken.add(id);
    groupIds.push(id);
  }
  const items: Item[] = raw.map((r) => (r.group < 0 ? { kind: 'context', text: r.text } : { kind: r.kind, text: r.text, hunk: groupIds[r.group] ?? '' }));
  const steps = stepsByHunk(items, options.stepRanges ?? []);
  const hunks = groupIds.map((id) => newHunk(id, steps.get(id) ?? []));
  return { items, hunks };
}

export function newHunk(id: string, steps: readonly string[] = []): HunkRecord {
  return { id, state: 'pending', revision: 1, history: [], flags: [], steps };
}

/**
 * A hunk serves every step whose range (1-based, inclusive, over the proposed text) intersects
 * the hunk's added lines; a pure deletion sits between two proposed lines and serves the steps
 * whose range touches either of them.
 */
function stepsByHunk(items: readonly Item[], ranges: readonly StepRange[]): Map<string, string[]> {
  const added = new Map<string, { first: number; last: number }>();
  const removed = new Map<string, { first: number; last: number }>();
  const widen = (map: Map<string, { first: number; last: number }>, id: string, first: number, last: number): void => {
    const s = map.get(id);
    if (s === undefined) map.set(id, { first, last });
    else map.set(id, { first: Math.min(s.first, first), last: Math.max(s.last, last) });
  };
  let p = 0; // proposed lines up to and including this item
  for (const item of items) {
    if (item.kind !== 'removed') p++;
    if (item.hunk === undefined) continue;
    // An added line is proposed line p; a removed line sits between proposed lines p and p + 1.
    if (item.kind === 'added') widen(added, item.hunk, p, p);
    else widen(removed, item.hunk, Math.max(p, 1), p + 1);
  }
  const out = new Map<string, string[]>();
  for (const id of new Set([...added.keys(), ...removed.keys()])) {
    const s = added.get(id) ?? removed.get(id);
    if (s === undefined) continue;
    const steps: string[] = [];
    for (const r of ranges) if (r.startLine <= s.last && r.endLine >= s.first && !steps.includes(r.step)) steps.push(r.step);
    out.set(id, steps);
  }
  return out;
}

/** Checks one file input and builds its change. */
export function buildFileChange(input: FileInput, context: number, taken: Set<string>): Result<FileChange, ChangesetErrorCode> {
  if (input.path.length === 0) return fail('E_INPUT', 'a file has an empty path');
  if (input.baseText === null && input.proposedText === null) {
    return fail('E_INPUT', `${input.path}: base and proposed text are both null (nothing to change)`);
  }
  for (const [what, text] of [['base', input.baseText], ['proposed', input.proposedText]] as const) {
    if (text === null) continue;
    const checked = checkText(text, `${input.path}: ${what} text`);
    if (!checked.ok) return fail(checked.code, checked.message);
  }
  const status: FileStatus = input.baseText === null ? 'added' : input.proposedText === null ? 'deleted' : input.oldPath !== undefined && input.oldPath !== input.path ? 'renamed' : 'modified';
  const proposedLineCount = splitLines(input.proposedText ?? '').length;
  for (const r of input.stepRanges ?? []) {
    // An empty range (endLine = startLine - 1) is the point where whole lines were removed.
    if (!Number.isInteger(r.startLine) || !Number.isInteger(r.endLine) || r.startLine < 1 || r.endLine < r.startLine - 1 || r.endLine > Math.max(proposedLineCount, 1)) {
      return fail('E_RANGE', `${input.path}: step '${r.step}' has range ${r.startLine}-${r.endLine}, outside the proposed text's lines 1-${proposedLineCount}`);
    }
  }
  const single = status === 'added' || status === 'deleted';
  const built = buildItems(input.path, input.baseText ?? '', input.proposedText ?? '', context, taken, { single, stepRanges: input.stepRanges ?? [] });
  let hunks = built.hunks;
  if (single && hunks.length === 0) {
    // An empty file created or deleted is still one decision.
    const id = hunkIdFor(input.path, [{ kind: status === 'added' ? 'added' : 'removed', text: '' }], taken);
    taken.add(id);
    hunks = [newHunk(id)];
  }
  return ok({
    path: input.path,
    ...(status === 'renamed' && input.oldPath !== undefined ? { oldPath: input.oldPath } : {}),
    status,
    context,
    baseText: input.baseText,
    proposedText: input.proposedText,
    items: built.items,
    hunks,
  });
}

/** Builds a changeset; every hunk starts pending. An error names the first bad input. */
export function createChangeset(input: ChangesetInput): Result<Changeset, ChangesetErrorCode> {
  const context = input.context ?? DEFAULT_CONTEXT;
  if (!Number.isInteger(context) || context < 0) return fail('E_INPUT', `context must be a whole number >= 0, got ${context}`);
  if (input.id.length === 0) return fail('E_INPUT', 'changeset id is empty');
  const seen = new Set<string>();
  const taken = new Set<string>();
  const files: FileChange[] = [];
  for (const f of input.files) {
    if (seen.has(f.path)) return fail('E_INPUT', `${f.path} appears twice in the changeset`);
    seen.add(f.path);
    const built = buildFileChange(f, context, taken);
    if (!built.ok) return built;
    files.push(built.value);
  }
  return ok({ id: input.id, title: input.title, source: input.source, files, undo: [] });
}
