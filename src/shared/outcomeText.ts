import type { ReviewOutcomeView } from './planProtocol';

const count = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;

/** One sentence for the done moment, the same in the notification and in the Plan panel. */
export function outcomeSentence(outcome: ReviewOutcomeView): string {
  const landed =
    outcome.accepted === 0
      ? 'Nothing accepted'
      : `${count(outcome.accepted, 'hunk')} accepted in ${count(outcome.files, 'file')} (+${outcome.added} −${outcome.removed})`;
  const rejected = outcome.rejected.length === 0 ? '' : `, ${outcome.rejected.length} rejected`;
  const failed = outcome.checks.filter((c) => !c.passed).map((c) => c.name);
  const checks =
    outcome.checks.length === 0
      ? ' No check ran.'
      : failed.length === 0
        ? ` ${outcome.checks.length === 1 ? 'The check' : `All ${outcome.checks.length} checks`} passed.`
        : ` Failing: ${failed.join(', ')}.`;
  return `${landed}${rejected}.${checks}`;
}
