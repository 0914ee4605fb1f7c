/**
 * Moved code in the pager, like `git diff --color-moved`: a block moved whole from one hunk to
 * another is one item, its added side, dimmed, "moved from `a.ts:120`", decided together with the
 * hunk it came from (which is not listed). A move that is only part of a hunk marks it and leaves
 * it to be decided as usual. Whitespace-only hunks can be hidden (`w`).
 */
import type { ReviewFile, ReviewHunk, ReviewMove } from '../../src/shared/reviewProtocol';

/** What of the panel's model this reads (the model holds a `MovedCode`). */
export interface Hunks {
  readonly files: readonly ReviewFile[];
  readonly hunks: readonly ReviewHunk[];
  get(id: string): ReviewHunk | undefined;
}

export class MovedCode {
  private byTo = new Map<string, ReviewMove[]>();
  private byFrom = new Map<string, ReviewMove[]>();
  hideWhitespace = false;

  set(moves: readonly ReviewMove[]): void {
    this.byTo = group(moves, (m) => m.to);
    this.byFrom = group(moves, (m) => m.from);
  }

  /**
   * The whole move shown as one item at `hunk`, its added side: both hunks stand the same way
   * (a decision on one alone splits them again) and neither is flagged (a flag is seen on its own).
   */
  merged(model: Hunks, hunk: ReviewHunk): ReviewMove | undefined {
    const move = this.byTo.get(hunk.id)?.find((m) => m.whole);
    const from = move && model.get(move.from);
    if (!move || !from || from.state !== hunk.state || from.flags.length > 0 || hunk.flags.length > 0) return undefined;
    return move;
  }

  /** What the list leaves out: the sources of merged moves, and whitespace-only hunks while hidden. */
  hidden(model: Hunks): { readonly ids: ReadonlySet<string>; readonly whitespace: number } {
    const ids = new Set<string>();
    for (const moves of this.byTo.values()) {
      const to = model.get(moves[0]?.to ?? '');
      const move = to && this.merged(model, to);
      if (move) ids.add(move.from);
    }
    let whitespace = 0;
    if (this.hideWhitespace) {
      for (const hunk of model.hunks) {
        if (hunk.whitespaceOnly && !ids.has(hunk.id)) {
          ids.add(hunk.id);
          whitespace++;
        }
      }
    }
    return { ids, whitespace };
  }

  /** The move that brings code to `hunk` and the one that takes code from it, if any. */
  of(hunk: ReviewHunk): { readonly to?: ReviewMove; readonly from?: ReviewMove } {
    const to = this.byTo.get(hunk.id)?.[0];
    const from = this.byFrom.get(hunk.id)?.[0];
    return { ...(to ? { to } : {}), ...(from ? { from } : {}) };
  }
}

function group(moves: readonly ReviewMove[], key: (m: ReviewMove) => string): Map<string, ReviewMove[]> {
  const out = new Map<string, ReviewMove[]>();
  for (const m of moves) {
    const list = out.get(key(m));
    if (list) list.push(m);
    else out.set(key(m), [m]);
  }
  return out;
}
