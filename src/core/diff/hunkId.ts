/**
 * Hunk ids come from what the change is, not where it is: the file path and the hunk's own
 * removed and added lines. Deciding, splitting or revising another hunk moves line numbers
 * but never changes this hunk's id, and recomputing the same proposal gives the same ids.
 * Identical changes in one file are told apart by an ordinal in file order.
 */
export function hunkIdFor(path: string, lines: readonly { readonly kind: string; readonly text: string }[], taken: ReadonlySet<string>): string {
  const hash = new HunkHash(path);
  for (const l of lines) if (l.kind !== 'context') hash.line(l.kind === 'added', l.text);
  return hash.id(taken);
}

/**
 * `hunkIdFor` fed one changed line at a time, so a caller that walks a large diff needs no
 * line objects to name its hunks.
 */
export class HunkHash {
  private h1 = 0xdeadbeef;
  private h2 = 0x41c6ce57;

  constructor(path: string) {
    this.string(path);
  }

  line(added: boolean, text: string): void {
    this.string(added ? '+' : '-');
    this.string(text);
  }

  /** The id, with the first free ordinal suffix when another hunk already has it. */
  id(taken: ReadonlySet<string>): string {
    const stem = `h${digest(this.h1, this.h2)}`;
    if (!taken.has(stem)) return stem;
    for (let n = 2; ; n++) {
      const id = `${stem}-${n}`;
      if (!taken.has(id)) return id;
    }
  }

  // cyrb53-style 53-bit hash: fast, dependency-free, and stable across platforms.
  private string(s: string): void {
    let h1 = this.h1;
    let h2 = this.h2;
    for (let i = 0; i < s.length; i++) {
      const c = s.charCodeAt(i);
      h1 = Math.imul(h1 ^ c, 2654435761);
      h2 = Math.imul(h2 ^ c, 1597334677);
    }
    // A separator so that ['ab','c'] and ['a','bc'] differ.
    this.h1 = Math.imul(h1 ^ 0x1f, 2654435761);
    this.h2 = Math.imul(h2 ^ 0x1f, 1597334677);
  }
}

const DIGITS = '0123456789abcdefghijklmnopqrstuvwxyz';

function digest(a: number, b: number): string {
  let h1 = Math.imul(a ^ (a >>> 16), 2246822507);
  h1 ^= Math.imul(b ^ (b >>> 13), 3266489909);
  let h2 = Math.imul(b ^ (b >>> 16), 2246822507);
  h2 ^= Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  let n = 4294967296 * (2097151 & h2) + (h1 >>> 0);
  // `n.toString(36).padStart(11, '0')`, digit by digit: V8's radix conversion of a double took
  // several microseconds an id, which adds up over the thousands of hunks of a large diff.
  // n < 2^53, so the remainder and the exact quotient stay integers.
  let out = '';
  while (n > 0) {
    const r = n % 36;
    out = (DIGITS[r] as string) + out;
    n = (n - r) / 36;
  }
  return out.padStart(11, '0');
}
