/**
 * The plan's status machine: what the panel's buttons and the end of a build do to a plan's text,
 * computed in one piece so the adapter applies it as one WorkspaceEdit.
 *
 *     draft ──approve──▶ approved ──build──▶ building ──build done──▶ in review ──all decided──▶ done
 *                           ▲                    │                        ▲                      │
 *                           └──build failed or cancelled                  └──a decision undone───┘
 */
import { applyChanges, assignStepIds, setStatus, type TextChange } from './editPlan';
import { parsePlan, serializePlan } from './parsePlan';
import type { RunSnapshot } from '../../shared/api';
import type { PlanStatus } from './types';
import { fail, ok, type Result } from '../result';
import { wholeTextChange } from './textChange';

export interface PlanTextEdit {
  readonly before: string;
  readonly after: string;
  readonly changes: readonly TextChange[];
}

/**
 * Approving gives every step an id first (issue 5: steps keep their ids when the agent or the user
 * reorders them during the build), then sets the status.
 */
export function approvalEdit(text: string, status: PlanStatus = 'approved'): Result<PlanTextEdit> {
  const plan = parsePlan(text);
  if (plan.warnings.some((w) => w.code === 'front-matter-unclosed')) {
    return fail('front-matter-unclosed', 'the front matter has no closing "---" line; fix the plan before approving it');
  }
  const ids = assignStepIds(plan);
  if (!ids.ok) return ids;
  const approved = setStatus(ids.value.plan, status);
  if (!approved.ok) return approved;
  const after = serializePlan(approved.value.plan);
  return ok({ before: text, after, changes: wholeTextChange(text, after) });
}

export function statusEdit(text: string, status: PlanStatus): Result<PlanTextEdit> {
  const edited = setStatus(parsePlan(text), status);
  if (!edited.ok) return edited;
  return ok({ before: text, after: applyChanges(text, edited.value.changes), changes: edited.value.changes });
}

/**
 * Where a plan goes when a run on it ends: a finished build leaves it "in review" (its proposals
 * wait), a failed or cancelled one back at "approved". Plan-mode runs and running builds leave it.
 */
export function statusAfterRun(run: Pick<RunSnapshot, 'mode' | 'state'>): PlanStatus | undefined {
  if (run.mode !== 'build' || run.state === 'running') return undefined;
  return run.state === 'done' ? 'in review' : 'approved';
}

/**
 * Where a built plan goes as its review moves: the last hunk decided takes "in review" to "done",
 * and a decision undone brings it back. Any other status is the user's, and stays.
 */
export function reviewStatusEdit(text: string, reviewComplete: boolean): Result<PlanTextEdit> {
  const from = parsePlan(text).status;
  const to = from === 'in review' && reviewComplete ? 'done' : from === 'done' && !reviewComplete ? 'in review' : undefined;
  return to === undefined ? ok({ before: text, after: text, changes: [] }) : statusEdit(text, to);
}
