import type { Changeset } from '../changeset/types';
import type { ReviewStep } from '../../shared/reviewProtocol';
import type { FlagContext, FlagInfo } from './flags';
import type { ResolvedFile } from './ports';
import type { SeenMarks } from './seenMarks';

/**
 * What the session keeps beside the changeset itself. Its own module, not reviewSession.ts, so that
 * the session's helpers (the stored record, the view model) can name it without importing the
 * session that imports them.
 */
export interface ChangesetEntry {
  readonly changeset: Changeset;
  readonly files: ReadonlyMap<string, ResolvedFile>;
  /** Flags with their reasons, by hunk id. */
  readonly flags: ReadonlyMap<string, readonly FlagInfo[]>;
  /** Hunks the reviewer has looked at, with what they looked like: Accept all waits for the flagged ones. */
  readonly seen: SeenMarks;
  readonly flagContext?: FlagContext;
  readonly runId?: string;
  /** The plan's steps when the changeset was made, in plan order: hunks name them by id. */
  readonly steps?: readonly ReviewStep[];
}
