import { packSteps, type Move } from '../diff/movedCode';
import { runSliced } from '../slices';
import type { MovedCodePort } from '../diff/movedCodePort';
import type { ReviewHunk, ReviewMove } from '../../shared/reviewProtocol';

/**
 * The moved blocks of one Review panel's changeset. The panel hands it the hunks it posts; when
 * their ids or revisions changed, the detection runs again through the port (off the host's
 * thread for a large changeset) and `deliver` gets the moves once they are in; a newer run
 * supersedes one still going. Decisions leave ids and revisions alone, so they cost nothing here.
 */
export class MovedCodeTracker {
  private ids: readonly string[] = [];
  private revisions: readonly number[] = [];
  private running: AbortController | undefined;
  private moves: readonly ReviewMove[] = [];
  /** Whether the panel was last given moves: no moves then and none now is nothing to say. */
  private shown = false;

  constructor(
    private readonly port: MovedCodePort,
    private readonly deliver: (moves: readonly ReviewMove[]) => void,
    private readonly warn: (message: string) => void,
    private readonly pause?: () => Promise<void>,
  ) {}

  /** `again`: a fresh page needs the moves even when they did not change. */
  update(hunks: readonly ReviewHunk[], again = false): void {
    if (this.same(hunks)) {
      if (again && this.running === undefined) this.tell();
      return;
    }
    this.ids = hunks.map((h) => h.id);
    this.revisions = hunks.map((h) => h.revision);
    this.running?.abort();
    const running = new AbortController();
    this.running = running;
    void this.detect(hunks, this.ids, running);
  }

  private async detect(hunks: readonly ReviewHunk[], ids: readonly string[], running: AbortController): Promise<void> {
    // Packed in slices: the host's event loop turns between them (a changeset of 20,000 hunks).
    const input = await runSliced(packSteps(hunks), 8, this.pause);
    if (running.signal.aborted) return;
    const r = await this.port.findMoves(input, running.signal);
    if (running.signal.aborted) return;
    this.running = undefined;
    if (!r.ok) return this.warn(`moved code was not detected: ${r.message}`);
    this.moves = r.value.flatMap((m) => reviewMove(m, ids));
    this.tell();
  }

  private tell(): void {
    if (this.moves.length === 0 && !this.shown) return;
    this.shown = this.moves.length > 0;
    this.deliver(this.moves);
  }

  /** The same hunks at the same revisions as the last detection: compared in place, no key built. */
  private same(hunks: readonly ReviewHunk[]): boolean {
    if (hunks.length !== this.ids.length) return false;
    for (let i = 0; i < hunks.length; i++) if (hunks[i]?.id !== this.ids[i] || hunks[i]?.revision !== this.revisions[i]) return false;
    return true;
  }

  /** The whole move whose added side is `hunkId`: that hunk and `from` are one item. */
  wholeMoveTo(hunkId: string): ReviewMove | undefined {
    return this.moves.find((m) => m.whole && m.to === hunkId);
  }

  dispose(): void {
    this.running?.abort();
  }
}

function reviewMove(m: Move, ids: readonly string[]): ReviewMove[] {
  const from = ids[m.from.hunk];
  const to = ids[m.to.hunk];
  if (from === undefined || to === undefined) return [];
  return [{ from, fromLine: m.from.line, to, toLine: m.to.line, lines: m.to.count, reindented: m.reindented, whole: m.whole }];
}
