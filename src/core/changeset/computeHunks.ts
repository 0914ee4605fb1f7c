import { fail, ok, type Result } from '../result';
import { DEFAULT_CONTEXT } from './build';
import { withEmphasis, type HunkLine } from './view';
import { checkText, type TextErrorCode } from '../text/textFacts';
import { HunkHash } from '../diff/hunkId';
import { diffTexts, type LineRun } from '../diff/lineDiff';

export interface DiffHunk {
  /** Stable: derived from the path and the hunk's own changed lines, see `hunkIdFor`. */
  readonly id: string;
  readonly oldStart: number;
  readonly oldLines: number;
  readonly newStart: number;
  readonly newLines: number;
  readonly lines: readonly HunkLine[];
}

export interface ComputeHunksOptions {
  /** Context lines around each change; changes closer than twice this share a hunk. Default 3. */
  readonly context?: number;
  /** Goes into the ids, so equal changes in different files differ. Default ''. */
  readonly path?: string;
  /** Word emphasis on paired lines (default true). */
  readonly emphasis?: boolean;
}

/**
 * The hunks of `git diff base proposed` (same ranges, same grouping), with stable ids and word
 * emphasis: the same hunks as a fresh changeset shows (`buildItems` + `viewHunks`), made straight
 * from the line diff, so a 100,000-line file costs no object per unchanged line. Every line keeps
 * its exact content and terminator. Binary or invalid text is refused.
 */
export function computeHunks(baseText: string, proposedText: string, options: ComputeHunksOptions = {}): Result<DiffHunk[], TextErrorCode | 'E_INPUT'> {
  const context = options.context ?? DEFAULT_CONTEXT;
  if (!Number.isInteger(context) || context < 0) return fail('E_INPUT', `context must be a whole number >= 0, got ${context}`);
  for (const [what, text] of [['base', baseText], ['proposed', proposedText]] as const) {
    const checked = checkText(text, `${what} text`);
    if (!checked.ok) return checked;
  }
  const { runs, aStarts, bStarts } = diffTexts(baseText, proposedText);
  const hunks: DiffHunk[] = [];
  const taken = new Set<string>();
  for (const group of groupRuns(runs, context)) {
    const hash = new HunkHash(options.path ?? '');
    const lines: HunkLine[] = [];
    let added = 0;
    let removed = 0;
    // One line of `text` as a hunk line: content and terminator cut straight from the text.
    const push = (kind: HunkLine['kind'], text: string, starts: Int32Array, i: number): void => {
      const start = starts[i] as number;
      const end = starts[i + 1] as number;
      const lf = end > start && text.charCodeAt(end - 1) === 10;
      const eol = !lf ? '' : end - 1 > start && text.charCodeAt(end - 2) === 13 ? '\r\n' : '\n';
      if (kind !== 'context') hash.line(kind === 'added', text.slice(start, end));
      lines.push({ kind, text: text.slice(start, end - eol.length), eol });
    };
    let ai = group.oldFrom;
    let bi = group.newFrom;
    for (let k = 0; k < group.before; k++, ai++) push('context', proposedText, bStarts, bi++);
    for (let r = group.first; r <= group.last; r++) {
      const run = runs[r] as LineRun;
      for (let k = 0; k < run.count; k++) {
        if (run.kind === 'equal') {
          ai++;
          push('context', proposedText, bStarts, bi++);
        } else if (run.kind === 'removed') {
          removed++;
          push('removed', baseText, aStarts, ai++);
        } else {
          added++;
          push('added', proposedText, bStarts, bi++);
        }
      }
    }
    for (let k = 0; k < group.after; k++) push('context', proposedText, bStarts, bi++);
    const id = hash.id(taken);
    taken.add(id);
    const oldLines = lines.length - added;
    const newLines = lines.length - removed;
    hunks.push({
      id,
      oldStart: oldLines === 0 ? group.oldFrom : group.oldFrom + 1,
      oldLines,
      newStart: newLines === 0 ? group.newFrom : group.newFrom + 1,
      newLines,
      lines: options.emphasis ?? true ? withEmphasis(lines) : lines,
    });
  }
  return ok(hunks);
}

interface RunGroup {
  /** Runs `first`..`last` (inclusive) hold the group's changes and the short equal runs between. */
  readonly first: number;
  readonly last: number;
  /** Context lines shown before and after. */
  readonly before: number;
  readonly after: number;
  /** 0-based old and new line where the hunk (with its leading context) starts. */
  readonly oldFrom: number;
  readonly newFrom: number;
}

/** `buildItems`' grouping: changes closer than `2 * context` unchanged lines share a hunk. */
function groupRuns(runs: readonly LineRun[], context: number): RunGroup[] {
  const groups: RunGroup[] = [];
  let open: { first: number; last: number; before: number; oldFrom: number; newFrom: number } | undefined;
  let ai = 0;
  let bi = 0;
  const close = (after: number): void => {
    if (open) groups.push({ ...open, after });
    open = undefined;
  };
  runs.forEach((run, r) => {
    if (run.kind === 'equal') {
      if (open && run.count > 2 * context) close(Math.min(context, run.count));
      ai += run.count;
      bi += run.count;
      return;
    }
    if (open) open.last = r;
    else {
      const previous = runs[r - 1];
      const before = previous?.kind === 'equal' ? Math.min(context, previous.count) : 0;
      open = { first: r, last: r, before, oldFrom: ai - before, newFrom: bi - before };
    }
    if (run.kind === 'removed') ai += run.count;
    else bi += run.count;
  });
  // The last group's trailing context: the equal run after its last change, if it ends the file.
  const tail = runs[runs.length - 1];
  close(tail?.kind === 'equal' ? Math.min(context, tail.count) : 0);
  return groups;
}
