/**
 * What is left to decide: the `n` / `N` walk over undecided hunks and the counts the header shows.
 * Pure functions over the display order, so paging asks nothing of the DOM.
 */
import type { ReviewHunk } from '../../src/shared/reviewProtocol';

/** Pending or stale: a hunk that still needs the reviewer (a stale one needs a refresh first). */
export function isUndecided(hunk: ReviewHunk): boolean {
  return hunk.state === 'pending' || hunk.state === 'stale';
}

/**
 * The next (`direction` 1) or previous (-1) hunk of `order` after `from` that `open` holds,
 * wrapping past the end; `wrapped` says the walk went round. `from` itself is found last, so a
 * single undecided hunk is its own next one, wrapped. Undefined when no hunk is open.
 */
export function nextUndecided(
  order: readonly string[],
  from: string | undefined,
  direction: 1 | -1,
  open: (id: string) => boolean,
): { readonly id: string; readonly wrapped: boolean } | undefined {
  const n = order.length;
  if (n === 0) return undefined;
  const here = from === undefined ? -1 : order.indexOf(from);
  // From nowhere, forward starts at the first hunk and backward at the last.
  const start = here >= 0 ? here : direction === 1 ? -1 : n;
  for (let step = 1; step <= n; step++) {
    const raw = start + direction * step;
    const at = ((raw % n) + n) % n;
    const id = order[at] as string;
    if (open(id)) return { id, wrapped: raw < 0 || raw >= n };
  }
  return undefined;
}

/** A tripwire or protected-path flag on a hunk that still waits for a decision. */
export function isFlaggedLeft(hunk: ReviewHunk): boolean {
  return isUndecided(hunk) && hunk.flags.length > 0;
}

/** What *Accept all* writes: pending hunks that own lines, except protected paths' (accepted one by one). */
export function acceptAllWrites(hunk: ReviewHunk): boolean {
  return hunk.state === 'pending' && hunk.detached !== true && !hunk.flags.some((f) => f.id.startsWith('protected:'));
}
