/**
 * Hunk ids come from what the change is, not where it is: the file path and the hunk's own
 * removed and added lines. Deciding, splitting or revising another hunk moves line numbers
 * but never changes this hunk's id, and recomputing the same proposal gives the same ids.
 * Identical changes in one file are told apart by an ordinal in file order.
 */
export function hunkIdFor(path: string, lines: readonly { readonly kind: string; readonly text: string }[], taken: ReadonlySet<string>): string {
  let h = hashInit();
  h = hashString(h, path);
  for (const l of lines) {
    if (l.kind === 'context') continue;
    h = hashString(h, l.kind === 'added' ? '+' : '-');
    h = hashString(h, l.text);
  }
  const stem = `h${hashDigest(h)}`;
  if (!taken.has(stem)) return stem;
  for (let n = 2; ; n++) {
    const id = `${stem}-${n}`;
    if (!taken.has(id)) return id;
  }
}

// cyrb53-style 53-bit hash: fast, dependency-free, and stable across platforms.
type HashState = readonly [number, number];

function hashInit(): HashState {
  return [0xdeadbeef, 0x41c6ce57];
}

function hashString([a, b]: HashState, s: string): HashState {
  let h1 = a;
  let h2 = b;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  // A separator so that ['ab','c'] and ['a','bc'] differ.
  h1 = Math.imul(h1 ^ 0x1f, 2654435761);
  h2 = Math.imul(h2 ^ 0x1f, 1597334677);
  return [h1, h2];
}

function hashDigest([a, b]: HashState): string {
  let h1 = Math.imul(a ^ (a >>> 16), 2246822507);
  h1 ^= Math.imul(b ^ (b >>> 13), 3266489909);
  let h2 = Math.imul(b ^ (b >>> 16), 2246822507);
  h2 ^= Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  const n = 4294967296 * (2097151 & h2) + (h1 >>> 0);
  return n.toString(36).padStart(11, '0');
}
