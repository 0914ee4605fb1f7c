/**
 * How a large changeset crosses to the Review panel: its first hunks at once, so the panel paints
 * them while the rest is under way, then parts that grow four times each, so the panel rebuilds
 * its list a few times (not once per part) and 20,000 hunks take four messages after the first.
 */
export const FIRST_PART = 150;
const GROWTH = 4;

/** `hunks` cut into parts, in order: the first of `FIRST_PART`, each next one `GROWTH` times larger. */
export function stateParts<T>(hunks: readonly T[]): T[][] {
  const parts: T[][] = [];
  let size = FIRST_PART;
  for (let at = 0; at < hunks.length || parts.length === 0; at += size, size *= GROWTH) parts.push(hunks.slice(at, at + size));
  return parts;
}
