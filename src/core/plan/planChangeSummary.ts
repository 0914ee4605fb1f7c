import { parsePlan } from './parsePlan';
import type { ParsedPlan } from './types';

/**
 * One line that says what a plan-mode run proposes to change in a plan ("Plan revision: 1 step
 * added, 1 changed; Context changed"), for the review header: the drafted plan itself is the diff
 * below it, not a summary. `before` is the plan as it stands (null or empty for a new plan).
 */
export function planChangeSummary(before: string | null, after: string | null): string {
  if (after === null) return 'Plan removed.';
  const next = parsePlan(after);
  const prev = before === null ? undefined : parsePlan(before);
  if (prev === undefined || isBlankPlan(prev)) {
    const parts = [count(next.steps.length, 'step'), count(next.checks.length, 'check')];
    if (next.constraints.length > 0) parts.push(count(next.constraints.length, 'constraint'));
    return `Plan draft: ${parts.join(', ')}.`;
  }
  const steps = stepChanges(prev, next);
  const sections = otherChanges(prev, next);
  const parts = [steps, sections.length > 0 ? `${joined(sections)} changed` : ''].filter((p) => p !== '');
  return parts.length === 0 ? 'Plan revision: wording only.' : `Plan revision: ${parts.join('; ')}.`;
}

/** A plan with nothing in it yet: the stub a new plan starts as, before its first draft. */
export function isBlankPlan(plan: ParsedPlan): boolean {
  return plan.steps.length === 0 && plan.goal === '' && plan.sections.length === 0;
}

/** "2 steps added, 1 changed, 1 removed"; a step keeps its id across a revision, else its text is matched. */
function stepChanges(prev: ParsedPlan, next: ParsedPlan): string {
  const key = (s: ParsedPlan['steps'][number]) => (s.hasMarker ? `id:${s.id}` : `text:${s.text}`);
  const before = new Map(prev.steps.map((s) => [key(s), s.text]));
  const texts = new Set(prev.steps.map((s) => s.text));
  let added = 0;
  let changed = 0;
  const kept = new Set<string>();
  for (const step of next.steps) {
    const was = before.get(key(step));
    if (was !== undefined) {
      kept.add(key(step));
      if (was !== step.text) changed++;
    } else if (texts.has(step.text)) {
      kept.add(`text:${step.text}`);
      for (const s of prev.steps) if (s.text === step.text) kept.add(key(s));
    } else added++;
  }
  const removed = prev.steps.filter((s) => !kept.has(key(s))).length;
  const out: string[] = [];
  if (added > 0) out.push(`${count(added, 'step')} added`);
  if (changed > 0) out.push(out.length === 0 ? `${count(changed, 'step')} changed` : `${changed} changed`);
  if (removed > 0) out.push(out.length === 0 ? `${count(removed, 'step')} removed` : `${removed} removed`);
  return out.join(', ');
}

function otherChanges(prev: ParsedPlan, next: ParsedPlan): string[] {
  const out: string[] = [];
  if ((prev.title ?? '') !== (next.title ?? '')) out.push('title');
  if (prev.goal !== next.goal) out.push('Goal');
  if (
    !same(
      prev.context.map((c) => c.text),
      next.context.map((c) => c.text),
    )
  )
    out.push('Context');
  if (!same(prev.checks, next.checks)) out.push('Checks');
  if (!same(prev.constraints, next.constraints)) out.push('Constraints');
  return out;
}

function same(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

function joined(words: readonly string[]): string {
  return words.length <= 1 ? (words[0] ?? '') : `${words.slice(0, -1).join(', ')} and ${words[words.length - 1]}`;
}
