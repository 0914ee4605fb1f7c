import { CONFIG_RULES } from './tripwireConfigRules';
import { CONTENT_RULES } from './tripwireContentRules';
import { TEST_RULES } from './tripwireTestRules';
import type { TripwireContext, TripwireHit, TripwireInput, TripwireRule } from './tripwireTypes';

/**
 * Every tripwire, in the order they are shown. Deterministic rules over the diff that flag
 * changes which quietly redefine success (issue 10); adding one is adding a row.
 */
export const TRIPWIRE_RULES: readonly TripwireRule[] = [...TEST_RULES, ...CONFIG_RULES, ...CONTENT_RULES];

/** The rules a file or hunk trips, each with its reason and secret-free evidence. */
export function evaluateTripwires(input: TripwireInput, ctx: TripwireContext, rules: readonly TripwireRule[] = TRIPWIRE_RULES): TripwireHit[] {
  const hits: TripwireHit[] = [];
  for (const rule of rules) {
    const evidence = rule.test(input, ctx);
    if (evidence !== undefined) hits.push({ id: rule.id, title: rule.title, reason: rule.reason, evidence });
  }
  return hits;
}
