export type ChangeStatus = 'modified' | 'added' | 'deleted' | 'renamed';

/**
 * One unit of review: a whole file or one hunk of it. `removedLines`/`addedLines` are that
 * unit's lines without the diff markers; `baseText`/`proposedText` are the whole file before and
 * after (null when it does not exist on that side), used for context such as JSON sections.
 */
export interface TripwireInput {
  readonly path: string;
  readonly oldPath?: string;
  readonly status: ChangeStatus;
  readonly baseText: string | null;
  readonly proposedText: string | null;
  readonly removedLines: readonly string[];
  readonly addedLines: readonly string[];
}

export interface TripwireContext {
  /** The plan's Context entries (files, folders, globs). Undefined or empty: the rule is off. */
  readonly planContextPaths?: readonly string[];
  /** Net removed lines (removed minus added) above which a unit is flagged. */
  readonly deletionThreshold: number;
}

export type TripwireId =
  | 'test-file-deleted'
  | 'test-cases-removed'
  | 'tests-disabled'
  | 'assertions-removed'
  | 'test-config-changed'
  | 'suppression-added'
  | 'lint-config-changed'
  | 'ci-config-changed'
  | 'dependencies-changed'
  | 'secret-added'
  | 'outside-context'
  | 'large-deletion';

/**
 * A deterministic rule. `test` returns undefined when the input is fine, otherwise evidence:
 * a short, secret-free description of what it saw (shown next to the reason on the hunk).
 */
export interface TripwireRule {
  readonly id: TripwireId;
  readonly title: string;
  readonly reason: string;
  test(input: TripwireInput, ctx: TripwireContext): string | undefined;
}

export interface TripwireHit {
  readonly id: TripwireId;
  readonly title: string;
  readonly reason: string;
  readonly evidence: string;
}

export const DEFAULT_DELETION_THRESHOLD = 50;
