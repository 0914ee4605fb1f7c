import { fail, ok, type Result } from '../result';
import type { PlanInput } from './planInput';

/** `3`, `#3`, `s3`, `Step 3`, `step-3`, `Step #3`: the forms models write for the third step. */
const numbered = /^(?:step\s*[-_:]?\s*|s)?#?\s*(\d+)$/i;

/**
 * The plan's own id for what the model wrote in a `step` field. Ids are `s3` (a marker) or `#3`
 * (the ordinal of a step without one, see the plan parser); a model writes either, or `Step 3`.
 * A number is looked up among the real ids only, never guessed as an ordinal: `3` when the plan
 * has `s3` and `#3` both would be ambiguous, and a wrong guess tags a hunk with the wrong step.
 */
export function resolveStep(plan: PlanInput, raw: string): Result<string, 'step'> {
  const written = raw.trim();
  // With no steps declared any label is accepted: there is nothing to check it against.
  if (plan.steps.length === 0) return ok(written);
  const ids = plan.steps.map((s) => s.id);
  const exact = ids.find((id) => id === written) ?? ids.find((id) => id.toLowerCase() === written.toLowerCase());
  if (exact !== undefined) return ok(exact);
  const number = numbered.exec(written)?.[1];
  if (number !== undefined) {
    const n = String(Number(number));
    const candidates = ids.filter((id) => id.toLowerCase() === `s${n}` || id === `#${n}`);
    if (candidates.length === 1 && candidates[0] !== undefined) return ok(candidates[0]);
    if (candidates.length > 1) return fail('step', `step "${raw}" could be ${candidates.join(' or ')}; use the exact id. ${listed(plan)}`);
  }
  return fail('step', `unknown plan step "${raw}". ${listed(plan)}`);
}

function listed(plan: PlanInput): string {
  return `The plan's steps are: ${plan.steps.map((s) => `${s.id} (${s.title})`).join(', ')}`;
}
