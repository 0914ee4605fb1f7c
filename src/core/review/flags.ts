import { hunkViewer } from '../changeset/view';
import { runAll, type Steps } from '../slices';
import type { Changeset, FileChange } from '../changeset/types';
import { setHunkFlags } from '../changeset/decisions';
import type { PolicyRules } from '../policy/policyRules';
import type { Protection } from '../policy/protectedPaths';
import { isMarkdown, STEERING_REASON, steeringSectionOf } from '../policy/planSteering';
import { decidedText } from '../changeset/items';
import { DEFAULT_DELETION_THRESHOLD, type TripwireContext } from '../policy/tripwireTypes';

/** A flag id and the reason shown on the hunk. Protected-path flags start with `protected:`. */
export interface FlagInfo {
  readonly id: string;
  readonly reason: string;
}

export const PROTECTED_PREFIX = 'protected:';

export interface FlagContext {
  /** The plan's Constraints: paths the agent must not touch without a look of their own. */
  readonly constraints?: readonly string[];
  readonly tripwires?: Partial<TripwireContext>;
}

/**
 * The rules a hunk is flagged by: a port, because the host loads them on first use (the review
 * session gets them from whoever builds it; tests pass `policyRules`).
 */
export type FlagRules = Pick<PolicyRules, 'evaluateTripwires' | 'protectionFor'>;

/**
 * Evaluates tripwires and protected paths over every open hunk and stores the flag ids on the
 * hunks. Returns each flagged hunk's flags with their reasons, for display.
 */
export function flagChangeset(rules: FlagRules, cs: Changeset, ctx: FlagContext = {}): FlaggedChangeset {
  return runAll(flagSteps(rules, cs, ctx));
}

export interface FlaggedChangeset {
  readonly changeset: Changeset;
  readonly details: Map<string, FlagInfo[]>;
}

const HUNKS_PER_STEP = 100;

/** `flagChangeset` in steps, for `runSliced`: a large diff has thousands of hunks to look at. */
export function* flagSteps(rules: FlagRules, cs: Changeset, ctx: FlagContext = {}): Steps<FlaggedChangeset> {
  const details = new Map<string, FlagInfo[]>();
  const tripCtx: TripwireContext = { deletionThreshold: DEFAULT_DELETION_THRESHOLD, ...ctx.tripwires };
  let next = cs;
  let n = 0;
  for (const file of cs.files) {
    const protections = protectionsOf(rules, file, ctx.constraints ?? []);
    const view = hunkViewer(file, { emphasis: false });
    // The hunks' old side lies in the decided text; only Markdown files pay for computing it.
    const markdown = isMarkdown(file.path);
    let decided: string | undefined;
    for (const record of file.hunks) {
      if (++n % HUNKS_PER_STEP === 0) yield;
      if (record.state !== 'pending' && record.state !== 'stale') continue;
      const { lines, oldStart, oldLines } = view(record);
      const infos: FlagInfo[] = protections.map((p) => ({ id: `${PROTECTED_PREFIX}${p.id}`, reason: p.reason }));
      if (markdown) decided ??= decidedText(file);
      if (decided !== undefined && steeringSectionOf(file.path, decided, oldLines === 0 ? oldStart : oldStart - 1, lines) !== undefined) {
        infos.push({ id: `${PROTECTED_PREFIX}plan-steering`, reason: STEERING_REASON });
      }
      for (const hit of rules.evaluateTripwires(tripwireInput(file, lines), tripCtx)) {
        infos.push({ id: hit.id, reason: flagReason(hit) });
      }
      if (infos.length > 0) details.set(record.id, infos);
      // Only a change of flags rewrites the file: a large diff has thousands of unflagged hunks.
      const ids = infos.map((f) => f.id);
      if (ids.length === 0 && record.flags.length === 0) continue;
      const flagged = setHunkFlags(next, record.id, ids);
      if (flagged.ok) next = flagged.value;
    }
  }
  return { changeset: next, details };
}

/**
 * A rename moves a file out of its old path as much as into its new one: renaming
 * `.github/workflows/ci.yml` away switches CI off, so both names count.
 */
function protectionsOf(rules: FlagRules, file: FileChange, constraints: readonly string[]): Protection[] {
  const found = rules.protectionFor(file.path, constraints);
  if (file.oldPath === undefined || file.oldPath === file.path) return found;
  const ids = new Set(found.map((p) => p.id));
  return [...found, ...rules.protectionFor(file.oldPath, constraints).filter((p) => !ids.has(p.id))];
}

function tripwireInput(file: FileChange, lines: readonly { kind: string; text: string }[]) {
  return {
    path: file.path,
    ...(file.oldPath !== undefined ? { oldPath: file.oldPath } : {}),
    status: file.status,
    baseText: file.baseText,
    proposedText: file.proposedText,
    removedLines: lines.filter((l) => l.kind === 'removed').map((l) => l.text),
    addedLines: lines.filter((l) => l.kind === 'added').map((l) => l.text),
  };
}

export function isProtectedFlag(flag: string): boolean {
  return flag.startsWith(PROTECTED_PREFIX);
}

/**
 * What a tripwire's flag says on its hunk: what it is, what it found, why it matters
 * ("Tests skipped or focused: added `test.skip(`. `.skip` … turn a test off…"). Evidence ends a
 * sentence of its own, never inside parentheses that its own `(` would unbalance.
 */
export function flagReason(hit: { readonly title: string; readonly reason: string; readonly evidence: string }): string {
  return `${hit.title}: ${hit.evidence}. ${hit.reason}`;
}
