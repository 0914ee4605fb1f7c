import { lineStarts } from '../text/lines';

/** The lines of two texts as integers, and where each line starts (see `lineStarts`). */
export interface InternedTexts {
  /** Equal lines (terminators included) have equal ids, in [0, valueCount). */
  readonly a: Int32Array;
  readonly b: Int32Array;
  readonly valueCount: number;
  readonly aStarts: Int32Array;
  readonly bStarts: Int32Array;
}

/**
 * Interns the lines of two texts by hashing the texts in place: no string per line and no Map.
 * On 100,000-line inputs the garbage collector dominated: every line string and map entry lived
 * until the diff was done, and each young-generation collection copied them all.
 */
export function internTexts(oldText: string, newText: string): InternedTexts {
  const aStarts = lineStarts(oldText);
  const bStarts = lineStarts(newText);
  const table = new InternTable(aStarts.length + bStarts.length - 2);
  const a = table.add(oldText, 0, aStarts);
  const b = table.add(newText, 1, bStarts);
  return { a, b, valueCount: table.size, aStarts, bStarts };
}

/** Open addressing over entries kept in typed arrays: an entry is one distinct line. */
class InternTable {
  /** Pairs (hash, id + 1) per slot, side by side so that a probe touches one cache line. */
  private readonly slots: Int32Array;
  private readonly mask: number;
  private readonly texts: string[] = [];
  private readonly entryText: Uint8Array;
  private readonly entryStart: Int32Array;
  private readonly entryEnd: Int32Array;
  size = 0;

  constructor(lines: number) {
    let capacity = 16;
    while (capacity < lines * 2) capacity *= 2;
    this.slots = new Int32Array(capacity * 2);
    this.mask = capacity - 1;
    this.entryText = new Uint8Array(lines);
    this.entryStart = new Int32Array(lines);
    this.entryEnd = new Int32Array(lines);
  }

  add(text: string, which: number, starts: Int32Array): Int32Array {
    this.texts[which] = text;
    const ids = new Int32Array(starts.length - 1);
    for (let line = 0; line < ids.length; line++) {
      const start = starts[line] as number;
      const end = starts[line + 1] as number;
      // FNV-1a over UTF-16 units, then a final mix so the low bits index well.
      let h = 0x811c9dc5;
      for (let i = start; i < end; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
      h ^= h >>> 15;
      ids[line] = this.idOf(text, which, start, end, h | 0);
    }
    return ids;
  }

  private idOf(text: string, which: number, start: number, end: number, hash: number): number {
    const { slots, mask } = this;
    for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
      const entry = (slots[2 * slot + 1] as number) - 1;
      if (entry === -1) {
        const id = this.size++;
        this.entryText[id] = which;
        this.entryStart[id] = start;
        this.entryEnd[id] = end;
        slots[2 * slot] = hash;
        slots[2 * slot + 1] = id + 1;
        return id;
      }
      if (slots[2 * slot] === hash && this.same(entry, text, start, end)) return entry;
    }
  }

  private same(entry: number, text: string, start: number, end: number): boolean {
    const other = this.texts[this.entryText[entry] as number] as string;
    const otherStart = this.entryStart[entry] as number;
    const otherEnd = this.entryEnd[entry] as number;
    // Two short-lived slices compared by the engine beat a character loop by ~3x.
    return otherEnd - otherStart === end - start && other.slice(otherStart, otherEnd) === text.slice(start, end);
  }
}
