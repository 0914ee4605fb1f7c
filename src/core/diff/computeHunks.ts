import { fail, ok, type Result } from '../result';
import { buildItems, DEFAULT_CONTEXT } from '../changeset/build';
import { viewHunks, type HunkLine } from '../changeset/view';
import { checkText, type TextErrorCode } from '../text/textFacts';

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
 * emphasis. Every line keeps its exact content and terminator. Binary or invalid text is refused.
 */
export function computeHunks(baseText: string, proposedText: string, options: ComputeHunksOptions = {}): Result<DiffHunk[], TextErrorCode | 'E_INPUT'> {
  const context = options.context ?? DEFAULT_CONTEXT;
  if (!Number.isInteger(context) || context < 0) return fail('E_INPUT', `context must be a whole number >= 0, got ${context}`);
  for (const [what, text] of [['base', baseText], ['proposed', proposedText]] as const) {
    const checked = checkText(text, `${what} text`);
    if (!checked.ok) return checked;
  }
  const path = options.path ?? '';
  const built = buildItems(path, baseText, proposedText, context, new Set());
  const views = viewHunks({ path, status: 'modified', context, baseText, proposedText, items: built.items, hunks: built.hunks }, { emphasis: options.emphasis ?? true });
  return ok(views.map((v) => ({ id: v.id, oldStart: v.oldStart, oldLines: v.oldLines, newStart: v.newStart, newLines: v.newLines, lines: v.lines })));
}
