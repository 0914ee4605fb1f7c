import { parsePlan } from './parsePlan';

/**
 * What a new version of a plan drops of the Checks and Constraints the old one had: the lines
 * that steer every later run. A check or constraint that is added needs no look of its own here (a
 * new check runs only once its command is approved; a new constraint only forbids more); one that
 * is dropped or rewritten quietly widens what later runs may do.
 */
export function steeringLoss(before: string | null, after: string | null): string[] {
  if (before === null) return [];
  const old = parsePlan(before);
  const next = after === null ? undefined : parsePlan(after);
  const keptChecks = new Set(next?.checks ?? []);
  const keptConstraints = new Set(next?.constraints ?? []);
  return [
    ...old.checks.filter((c) => !keptChecks.has(c)).map((c) => `Check dropped or rewritten: ${c}`),
    ...old.constraints.filter((c) => !keptConstraints.has(c)).map((c) => `Constraint dropped or rewritten: ${c}`),
  ];
}
