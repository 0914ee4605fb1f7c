/**
 * What the panel's buttons do to a plan's text, computed in one piece so the adapter applies it as
 * one WorkspaceEdit. Pure: no `vscode` import.
 */
import { applyChanges, assignStepIds, setStatus, type TextChange } from './editPlan';
import { parsePlan, serializePlan } from './parsePlan';
import type { PlanStatus } from './types';
import { fail, ok, type Result } from '../result';
import { wholeTextChange } from './textChange';

export interface TextEdit {
  readonly before: string;
  readonly after: string;
  readonly changes: readonly TextChange[];
}

/**
 * Approving gives every step an id first (issue 5: steps keep their ids when the agent or the user
 * reorders them during the build), then sets the status.
 */
export function approvalEdit(text: string, status: PlanStatus = 'approved'): Result<TextEdit> {
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

export function statusEdit(text: string, status: PlanStatus): Result<TextEdit> {
  const edited = setStatus(parsePlan(text), status);
  if (!edited.ok) return edited;
  return ok({ before: text, after: applyChanges(text, edited.value.changes), changes: edited.value.changes });
}

