/**
 * The reading order of a changeset: hunks grouped by the intent the agent stated for them, and
 * within a group by risk. Flagged hunks lead (a tripwire or a protected path asks for the most
 * attention), then source, then tests, then generated files and lockfiles, which the reviewer
 * rarely reads line by line. Pure and linear, shared by the host and the Review webview.
 */

/** Longest intent an edit may state: one line of a group header. */
export const MAX_INTENT = 120;

/** What a file is, from its path (and its first lines): see `classifyFile`. */
export type FileKind = 'source' | 'test' | 'generated' | 'lockfile';

/** The risk tiers of a group, in reading order. */
export const TIERS = ['flagged', 'source', 'tests', 'generated'] as const;
export type Tier = (typeof TIERS)[number];

const TIER_OF_KIND: Record<FileKind, Tier> = { source: 'source', test: 'tests', generated: 'generated', lockfile: 'generated' };

/** What the order needs of a hunk: the protocol's `ReviewHunk` has it. */
export interface Orderable {
  readonly file: number;
  readonly flags: readonly { readonly id: string }[];
  readonly intent?: string;
}

export interface ReadingGroup<H extends Orderable> {
  /** The stated intent its hunks share; undefined for hunks that state none. */
  readonly intent: string | undefined;
  readonly tier: Tier;
  /** In the order they were given (file order). */
  readonly hunks: readonly H[];
}

/**
 * Flags that say no more than the file's kind: every change of a lockfile changes dependencies
 * and touches a protected path, and the manifest beside it carries the change where it can be
 * read. Such a flag stays on the hunk, with all it demands (a protected hunk is accepted one by
 * one, a flagged one is seen before a bulk accept), but does not lift a lockfile out of its place.
 */
const KIND_FLAGS: Partial<Record<FileKind, readonly string[]>> = { lockfile: ['dependencies-changed', 'protected:lockfile'] };

export function tierOf(hunk: Orderable, kind: FileKind): Tier {
  const restated = KIND_FLAGS[kind] ?? [];
  return hunk.flags.some((f) => !restated.includes(f.id)) ? 'flagged' : TIER_OF_KIND[kind];
}

/**
 * Groups `hunks` (given in file order) by intent and each intent's hunks by tier. Intents are read
 * riskiest first (the one with a flagged hunk before one whose worst is a test), then in the order
 * they first appear. Every hunk lands in exactly one group and keeps its relative order there, so
 * the result is a stable permutation of the input; one pass over the hunks, a sort of the intents.
 */
export function readingOrder<H extends Orderable>(hunks: readonly H[], kindOf: (file: number) => FileKind): ReadingGroup<H>[] {
  const byIntent = new Map<string | undefined, H[][]>();
  for (const hunk of hunks) {
    let tiers = byIntent.get(hunk.intent);
    if (tiers === undefined) {
      tiers = TIERS.map(() => []);
      byIntent.set(hunk.intent, tiers);
    }
    tiers[TIERS.indexOf(tierOf(hunk, kindOf(hunk.file)))]?.push(hunk);
  }
  const worst = (tiers: H[][]): number => tiers.findIndex((members) => members.length > 0);
  // Array.prototype.sort is stable: intents of the same worst tier keep their first appearance.
  const intents = [...byIntent].sort(([, a], [, b]) => worst(a) - worst(b));
  const out: ReadingGroup<H>[] = [];
  for (const [intent, tiers] of intents) {
    tiers.forEach((members, i) => {
      if (members.length > 0) out.push({ intent, tier: TIERS[i] as Tier, hunks: members });
    });
  }
  return out;
}

const plural = (n: number, one: string, many: string): string => `${n} ${n === 1 ? one : many}`;

/** Why a group sits where it does, as its header says it: "flagged: 2 tripwires", "tests". */
export function tierReason(group: ReadingGroup<Orderable>): string {
  switch (group.tier) {
    case 'flagged': {
      let tripwires = 0;
      let protectedPaths = 0;
      for (const hunk of group.hunks) {
        for (const flag of hunk.flags) {
          if (flag.id.startsWith('protected:')) protectedPaths++;
          else tripwires++;
        }
      }
      const parts = [
        tripwires > 0 ? plural(tripwires, 'tripwire', 'tripwires') : '',
        protectedPaths > 0 ? plural(protectedPaths, 'protected path', 'protected paths') : '',
      ];
      return `flagged: ${parts.filter((p) => p !== '').join(', ')}`;
    }
    case 'source':
      return 'source';
    case 'tests':
      return 'tests';
    case 'generated':
      return 'generated, collapsed';
  }
}

/** A stated intent as one header line: whitespace runs folded, at most MAX_INTENT characters. */
export function intentLine(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length <= MAX_INTENT ? line : `${line.slice(0, MAX_INTENT - 1)}…`;
}
