import { feedbackText } from '../agent/feedback';
import { type FixErrorCode, runFix } from '../agent/fix';
import { rejectionNotes } from './reviewSync';
import type { PlanInput } from '../agent/planInput';
import type { ChecksPort } from '../agent/ports';
import type { AgentDeps } from '../agent/run';
import type { UsageTotals } from '../agent/usage';
import { inDecided, stateLookup } from '../changeset/items';
import { hunkRegion } from '../changeset/revise';
import type { FileChange } from '../changeset/types';
import { viewHunks } from '../changeset/view';
import type { ReviewSession } from '../review/reviewSession';
import { fail, ok, type Result } from '../result';
import { loadPlan } from './planFile';
import type { RunFiles } from './ports';
import type { AgentSettings } from './settings';

export interface FixDeps {
  session: ReviewSession;
  agent: () => Promise<Result<Pick<AgentDeps, 'model' | 'files' | 'search' | 'guard' | 'checks' | 'clock'>>>;
  settings: () => AgentSettings;
  /** The plan the changeset's run served; an empty plan for changesets from elsewhere. */
  planOf: (changesetId: string) => Promise<PlanInput>;
  /** Each model turn's tokens, as they are spent (a failed fix costs tokens too). */
  onUsage?: (turn: UsageTotals) => void;
}

const noPlan: PlanInput = { path: '(no plan)', text: '(This change was not made from a plan.)', steps: [], checks: [] };
const emptyPlan = (): PlanInput => noPlan;

/** The plan a run works on, as a fix request shows it; an empty plan for a changeset of no run. */
export async function planInputOf(files: RunFiles, plan: string | undefined): Promise<PlanInput> {
  if (plan === undefined) return emptyPlan();
  const loaded = await loadPlan(files, plan);
  return loaded.ok ? loaded.value.input : emptyPlan();
}

/** Fix requests edit one hunk; they never run checks. */
export const refusingChecks: ChecksPort = { run: async () => fail('not_available', 'checks do not run in a fix request') };

/**
 * A reviewer's fix request on one hunk: a focused model turn on the file as the document has it
 * plus this hunk, and the hunk's region of its answer becomes the hunk's next revision. Each
 * request has its own overlay (in the core), so several run at once while the user reviews.
 */
export async function requestFix(
  deps: FixDeps,
  changesetId: string,
  hunkId: string,
  comment: string,
  signal: AbortSignal,
): Promise<Result<void, FixErrorCode | string>> {
  const entry = deps.session.get(changesetId);
  if (entry === undefined) return fail('E_UNKNOWN_CHANGESET', `no changeset '${changesetId}'`);
  const file = entry.changeset.files.find((f) => f.hunks.some((h) => h.id === hunkId));
  const record = file?.hunks.find((h) => h.id === hunkId);
  if (file === undefined || record === undefined) return fail('E_UNKNOWN_HUNK', `no hunk '${hunkId}' in changeset '${changesetId}'`);
  if (record.state !== 'pending' && record.state !== 'stale')
    return fail('E_STATE', `hunk ${hunkId} is ${record.state}; only a pending or stale hunk can be revised`);
  const region = hunkRegion(entry.changeset, hunkId);
  if (!region.ok) return region;
  const view = viewHunks(file, { emphasis: false }).find((v) => v.id === hunkId);
  const { prefix, suffix } = around(file, hunkId);
  const fileText = prefix + region.value.newText + suffix;
  const agent = await deps.agent();
  if (!agent.ok) return agent;
  const settings = deps.settings();
  const step = record.steps[0];
  const plan = await deps.planOf(changesetId);
  // The changeset's rejections, read from the changeset itself (it survives a reload, a queue
  // would not): a fix must not bring back what the reviewer turned down.
  const feedback = feedbackText(rejectionNotes(entry.changeset));
  const outcome = await runFix(
    agent.value,
    {
      plan,
      path: file.path,
      baseText: file.baseText,
      fileText,
      hunk: {
        oldStart: view?.oldStart ?? 0,
        oldLines: view?.oldLines ?? 0,
        newStart: view?.newStart ?? 0,
        newLines: view?.newLines ?? 0,
        oldText: region.value.oldText,
        newText: region.value.newText,
      },
      comment,
      ...(step === undefined ? {} : { step }),
      ...(feedback === undefined ? {} : { feedback }),
    },
    {
      model: settings.model,
      prices: settings.prices,
      signal,
      onEvent: (event) => {
        if (event.type === 'usage') deps.onUsage?.(event.turn);
      },
    },
  );
  if (!outcome.ok) return outcome;
  const revised = outcome.value.proposedText;
  // The revision replaces this hunk's region only; a fix that reached past it is not applied.
  if (revised.length < prefix.length + suffix.length || !revised.startsWith(prefix) || !revised.endsWith(suffix)) {
    return fail('E_FIX_SCOPE', 'the fix changed lines outside the hunk; nothing was revised. Ask again, or edit the file yourself.');
  }
  const revisedRegion = revised.slice(prefix.length, revised.length - suffix.length);
  const applied = await deps.session.reviseHunk(changesetId, hunkId, revisedRegion);
  return applied.ok ? ok(undefined) : applied;
}

/** The document's text before and after the hunk's region (decided lines only). */
function around(file: FileChange, hunkId: string): { prefix: string; suffix: string } {
  const stateOf = stateLookup(file.hunks);
  const first = file.items.findIndex((i) => i.hunk === hunkId);
  let last = first;
  file.items.forEach((i, k) => {
    if (i.hunk === hunkId) last = k;
  });
  const text = (from: number, to: number): string =>
    file.items
      .slice(from, to)
      .filter((i) => inDecided(i, stateOf))
      .map((i) => i.text)
      .join('');
  return { prefix: text(0, first), suffix: text(last + 1, file.items.length) };
}
