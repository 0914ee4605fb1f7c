import { fail, ok, type Result } from '../result';
import { diffTexts, type LineRun } from '../diff/lineDiff';
import type { LineDiffPort } from '../diff/lineDiffPort';
import { HunkHash, hunkIdFor } from '../diff/hunkId';
import { lineStarts } from '../text/lines';
import { checkText } from '../text/textFacts';
import { runAll, runSliced, type Steps } from '../slices';
import type { Changeset, ChangesetErrorCode, ChangesetInput, FileChange, FileInput, HunkRecord, Item, LineKind, StepRange } from './types';
import type { FileStatus } from '../../shared/api';

export const DEFAULT_CONTEXT = 3;

interface BuiltItems {
  readonly items: Item[];
  readonly hunks: HunkRecord[];
}

/**
 * Diffs `oldText` against `newText` into merged items and pending hunks. Change blocks closer
 * than `2 * context` unchanged lines share a hunk, as in `git diff`; `single` puts every change in
 * one hunk (a created or deleted file is one decision). `taken` holds ids in use in the changeset.
 * `runs`, when given, is the line diff of the two texts computed elsewhere (a worker).
 */
export function buildItems(path: string, oldText: string, newText: string, context: number, taken: Set<string>, options: BuildOptions = {}): BuiltItems {
  return runAll(buildItemSteps(path, oldText, newText, context, taken, options));
}

interface BuildOptions {
  readonly single?: boolean;
  readonly stepRanges?: readonly StepRange[];
  /** The intent of hunks that no step range gives one. */
  readonly intent?: string;
  readonly runs?: readonly LineRun[];
}

/** Lines between two steps of `buildItemSteps`. */
const LINES_PER_STEP = 4096;

/** `buildItems` in steps, for `runSliced` (a 100,000-line file is 100,000 items). */
function* buildItemSteps(path: string, oldText: string, newText: string, context: number, taken: Set<string>, options: BuildOptions): Steps<BuiltItems> {
  // Line strings are cut from the texts as the runs need them: on large files, arrays of every
  // line kept the garbage collector busier than the diff itself.
  const { runs, aStarts, bStarts } =
    options.runs === undefined ? diffTexts(oldText, newText) : { runs: options.runs, aStarts: lineStarts(oldText), bStarts: lineStarts(newText) };
  const oldLine = (i: number): string => oldText.slice(aStarts[i], aStarts[i + 1]);
  const newLine = (i: number): string => newText.slice(bStarts[i], bStarts[i + 1]);
  // Runs, not lines, decide the groups, and the ids are hashed as the lines go by: this is the
  // hot path for large files (no per-line objects but the items themselves).
  const items: Item[] = [];
  const groupIds: string[] = [];
  let hash: HunkHash | undefined;
  // The open group's items: their owner id is known only once the group ends.
  let open: { kind: LineKind; text: string; hunk: string }[] = [];
  let equalSince = Infinity; // unchanged lines since the last changed one
  let ai = 0;
  let bi = 0;
  let untilStep = LINES_PER_STEP;
  const closeGroup = (): void => {
    if (hash === undefined) return;
    const id = hash.id(taken);
    taken.add(id);
    groupIds.push(id);
    for (const item of open) item.hunk = id;
    open = [];
  };
  for (const run of runs) {
    if (run.kind === 'equal') {
      for (let k = 0; k < run.count; k++) {
        items.push({ kind: 'context', text: newLine(bi + k) });
        if (--untilStep === 0) {
          untilStep = LINES_PER_STEP;
          yield;
        }
      }
      equalSince += run.count;
      ai += run.count;
      bi += run.count;
      continue;
    }
    if (hash === undefined || (!options.single && equalSince > 2 * context)) {
      closeGroup();
      hash = new HunkHash(path);
    }
    equalSince = 0;
    const removed = run.kind === 'removed';
    for (let k = 0; k < run.count; k++) {
      const text = removed ? oldLine(ai++) : newLine(bi++);
      hash.line(!removed, text);
      const item = { kind: run.kind, text, hunk: '' };
      open.push(item);
      items.push(item);
      if (--untilStep === 0) {
        untilStep = LINES_PER_STEP;
        yield;
      }
    }
  }
  closeGroup();
  const tags = stepsByHunk(items, options.stepRanges ?? []);
  const hunks = groupIds.map((id) => {
    const tag = tags.get(id);
    return newHunk(id, tag?.steps ?? [], tag?.intent ?? options.intent);
  });
  return { items, hunks };
}

export function newHunk(id: string, steps: readonly string[] = [], intent?: string): HunkRecord {
  return { id, state: 'pending', revision: 1, history: [], flags: [], steps, ...(intent === undefined ? {} : { intent }) };
}

/**
 * A hunk serves every step whose range (1-based, inclusive, over the proposed text) intersects
 * the hunk's added lines; a pure deletion sits between two proposed lines and serves the steps
 * whose range touches either of them. Its intent is that of the latest such range that states
 * one: ranges are kept in the order of the edits, and the last edit there is what the reader sees.
 */
function stepsByHunk(items: readonly Item[], ranges: readonly StepRange[]): Map<string, { steps: string[]; intent?: string }> {
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
  const out = new Map<string, { steps: string[]; intent?: string }>();
  for (const id of new Set([...added.keys(), ...removed.keys()])) {
    const s = added.get(id) ?? removed.get(id);
    if (s === undefined) continue;
    const steps: string[] = [];
    let intent: string | undefined;
    for (const r of ranges) {
      if (r.startLine > s.last || r.endLine < s.first) continue;
      if (!steps.includes(r.step)) steps.push(r.step);
      if (r.intent !== undefined) intent = r.intent;
    }
    out.set(id, intent === undefined ? { steps } : { steps, intent });
  }
  return out;
}

/** Checks one file input and builds its change; `runs` is its line diff when computed elsewhere. */
export function buildFileChange(input: FileInput, context: number, taken: Set<string>, runs?: readonly LineRun[]): Result<FileChange, ChangesetErrorCode> {
  return runAll(buildFileChangeSteps(input, context, taken, runs));
}

function* buildFileChangeSteps(
  input: FileInput,
  context: number,
  taken: Set<string>,
  runs?: readonly LineRun[],
): Steps<Result<FileChange, ChangesetErrorCode>> {
  if (input.path.length === 0) return fail('E_INPUT', 'a file has an empty path');
  if (input.baseText === null && input.proposedText === null) {
    return fail('E_INPUT', `${input.path}: base and proposed text are both null (nothing to change)`);
  }
  for (const [what, text] of [
    ['base', input.baseText],
    ['proposed', input.proposedText],
  ] as const) {
    if (text === null) continue;
    const checked = checkText(text, `${input.path}: ${what} text`);
    if (!checked.ok) return fail(checked.code, checked.message);
  }
  const status: FileStatus =
    input.baseText === null
      ? 'added'
      : input.proposedText === null
        ? 'deleted'
        : input.oldPath !== undefined && input.oldPath !== input.path
          ? 'renamed'
          : 'modified';
  const proposedLineCount = lineStarts(input.proposedText ?? '').length - 1;
  for (const r of input.stepRanges ?? []) {
    // An empty range (end = start - 1) marks lines removed just before `startLine`.
    const empty = r.endLine === r.startLine - 1;
    if (
      !Number.isInteger(r.startLine) ||
      !Number.isInteger(r.endLine) ||
      r.startLine < 1 ||
      (r.endLine < r.startLine && !empty) ||
      r.endLine > Math.max(proposedLineCount, 1) ||
      r.startLine > proposedLineCount + 1
    ) {
      return fail('E_RANGE', `${input.path}: step '${r.step}' has range ${r.startLine}-${r.endLine}, outside the proposed text's lines 1-${proposedLineCount}`);
    }
  }
  const single = status === 'added' || status === 'deleted';
  const built = yield* buildItemSteps(input.path, input.baseText ?? '', input.proposedText ?? '', context, taken, {
    single,
    stepRanges: input.stepRanges ?? [],
    ...(input.intent === undefined ? {} : { intent: input.intent }),
    ...(runs ? { runs } : {}),
  });
  let hunks = built.hunks;
  if (single && hunks.length === 0) {
    // An empty file created or deleted is still one decision.
    const id = hunkIdFor(input.path, [{ kind: status === 'added' ? 'added' : 'removed', text: '' }], taken);
    taken.add(id);
    hunks = [newHunk(id, [], input.intent)];
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

/**
 * `createChangeset` with the line diffs of modified files computed through `diff` (a worker for
 * large files). A diff that fails there is computed here instead: the changeset never depends on
 * the worker being alive.
 */
export async function createChangesetWith(input: ChangesetInput, diff: LineDiffPort): Promise<Result<Changeset, ChangesetErrorCode>> {
  const runs = new Map<string, readonly LineRun[]>();
  for (const f of input.files) {
    if (f.baseText === null || f.proposedText === null || runs.has(f.path)) continue;
    if (!checkText(f.baseText).ok || !checkText(f.proposedText).ok) continue;
    const r = await diff.lineRuns(f.baseText, f.proposedText);
    if (r.ok && coversLines(r.value, f.baseText, f.proposedText)) runs.set(f.path, r.value);
  }
  // Built in slices: the items of a large file would hold the extension host for a while.
  return runSliced(createChangesetSteps(input, runs));
}

/** Runs that account for every line of both texts, no more: anything else is not this diff. */
function coversLines(runs: readonly LineRun[], oldText: string, newText: string): boolean {
  let old = 0;
  let next = 0;
  for (const r of runs) {
    if (!Number.isInteger(r.count) || r.count < 0) return false;
    if (r.kind !== 'added') old += r.count;
    if (r.kind !== 'removed') next += r.count;
  }
  return old === lineStarts(oldText).length - 1 && next === lineStarts(newText).length - 1;
}

/** Builds a changeset; every hunk starts pending. An error names the first bad input. */
export function createChangeset(input: ChangesetInput, runs: ReadonlyMap<string, readonly LineRun[]> = new Map()): Result<Changeset, ChangesetErrorCode> {
  return runAll(createChangesetSteps(input, runs));
}

function* createChangesetSteps(input: ChangesetInput, runs: ReadonlyMap<string, readonly LineRun[]>): Steps<Result<Changeset, ChangesetErrorCode>> {
  const context = input.context ?? DEFAULT_CONTEXT;
  if (!Number.isInteger(context) || context < 0) return fail('E_INPUT', `context must be a whole number >= 0, got ${context}`);
  if (input.id.length === 0) return fail('E_INPUT', 'changeset id is empty');
  const seen = new Set<string>();
  const taken = new Set<string>();
  const files: FileChange[] = [];
  for (const f of input.files) {
    if (seen.has(f.path)) return fail('E_INPUT', `${f.path} appears twice in the changeset`);
    seen.add(f.path);
    const built = yield* buildFileChangeSteps(f, context, taken, runs.get(f.path));
    if (!built.ok) return built;
    files.push(built.value);
  }
  return ok({ id: input.id, title: input.title, source: input.source, files, undo: [] });
}
