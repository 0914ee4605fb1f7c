import { ok, type Result } from '../result';
import { findMoves, type Move, type PackedMoveInput } from './movedCode';

/**
 * Moved-code detection that may run elsewhere: across a changeset of thousands of hunks it takes
 * longer than a frame, so the VS Code adapter runs large inputs in the diff worker and the Review
 * panel paints first and shows the moves when they arrive.
 */
export interface MovedCodePort {
  /** `findMoves(input)`. Fails with E_CANCELLED when `signal` aborts, E_DIFF when the detection could not run. */
  findMoves(input: PackedMoveInput, signal?: AbortSignal): Promise<Result<Move[], 'E_CANCELLED' | 'E_DIFF'>>;
}

/** Changed lines from which detection is worth sending off the host's thread. */
export const MOVES_IN_WORKER_ABOVE_LINES = 2_000;

/** The default: the detection runs in this thread. */
export const inThreadMovedCode: MovedCodePort = {
  findMoves: async (input) => ok(findMoves(input)),
};
