import { ok, type Result } from '../result';
import { diffTexts, type LineRun } from './lineDiff';

/**
 * A line diff that may run elsewhere. The VS Code adapter sends large inputs to a worker, so a
 * diff of seconds never freezes the extension host (Performance issue); the core only awaits it.
 */
export interface LineDiffPort {
  /**
   * The runs of `diffLineArrays(splitLines(oldText), splitLines(newText))`. Fails with
   * E_CANCELLED when `signal` aborts, E_DIFF when the diff could not run.
   */
  lineRuns(oldText: string, newText: string, signal?: AbortSignal): Promise<Result<LineRun[], 'E_CANCELLED' | 'E_DIFF'>>;
}

/** Old plus new text (UTF-16 units) from which a diff is worth sending off the host's thread. */
export const WORKER_ABOVE_CHARS = 200_000;

/** The default: the diff runs in this thread. */
export const inThreadLineDiff: LineDiffPort = {
  lineRuns: async (oldText, newText) => ok(diffTexts(oldText, newText).runs),
};
