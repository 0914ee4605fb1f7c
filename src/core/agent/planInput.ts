import type { DeclaredCheck } from './ports';

/**
 * What the agent needs of a plan. The plan parser (src/core/plan) produces it; the agent does not
 * parse Markdown itself, so it stays independent of the plan format.
 */
export interface PlanInput {
  /** Workspace-relative path of the plan file. */
  path: string;
  text: string;
  steps: { id: string; title: string }[];
  checks: DeclaredCheck[];
}

/** A check by name, or by its 1-based number in the plan's Checks list. Nothing else runs. */
export function findCheck(plan: PlanInput, ref: string): DeclaredCheck | undefined {
  const byName = plan.checks.find((c) => c.name === ref);
  if (byName !== undefined) return byName;
  return /^[1-9][0-9]*$/.test(ref) ? plan.checks[Number(ref) - 1] : undefined;
}
