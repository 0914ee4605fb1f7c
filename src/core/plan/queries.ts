/** What the panel lists and what the agent is given, read from a parsed plan. */
import { serializePlan } from './parsePlan';
import type { ParsedPlan, PlanStatus } from './types';
import { applyChanges, type TextChange } from './editPlan';

export interface PlanSummary {
  readonly title: string | undefined;
  readonly status: PlanStatus;
  readonly created: string | undefined;
  readonly stepsDone: number;
  readonly stepsTotal: number;
  /** How many warnings the plan has; the panel shows an icon, the open plan shows them. */
  readonly warnings: number;
}

export function planSummary(plan: ParsedPlan): PlanSummary {
  return {
    title: plan.title,
    status: plan.status,
    created: plan.created,
    stepsDone: plan.steps.filter((step) => step.status === 'done').length,
    stepsTotal: plan.steps.length,
    warnings: plan.warnings.length,
  };
}

/**
 * The plan as the model reads it: the Markdown without front matter (status and model are
 * Redline's business), `\n` line breaks, the title as a `# ` heading, and every step's id visible
 * as a `<!-- id: … -->` marker so the agent can report progress by id. Nothing is summarized: the
 * file the user approved is what the agent gets.
 */
export function planForPrompt(plan: ParsedPlan): string {
  const text = serializePlan(plan);
  const ids: TextChange[] = plan.steps
    .filter((step) => step.id.startsWith('#'))
    .map((step) =>
      step.idSpan !== undefined ? { ...step.idSpan, text: step.id } : { start: step.lineEnd, end: step.lineEnd, text: ` <!-- id: ${step.id} -->` },
    );
  const bodyStart = plan.bom.length + (plan.frontMatter?.raw.length ?? 0);
  const body = applyChanges(text, ids)
    .slice(bodyStart)
    .replace(/\r\n/g, '\n')
    .replace(/^(?:[ \t]*\n)+/, '');
  const heading = plan.titleHeading === undefined ? undefined : text.slice(plan.titleHeading.start, plan.titleHeading.end);
  const title = plan.title !== undefined && heading !== plan.title ? `# ${plan.title}\n\n` : '';
  return title + body;
}

export function planChecks(plan: ParsedPlan): string[] {
  return [...plan.checks];
}

export function planConstraints(plan: ParsedPlan): string[] {
  return [...plan.constraints];
}

/** The workspace paths under Context, each once, in the order the plan gives them. */
/** Every path the Context names: an item may name several (`src/a.ts`, `src/b.ts`: helpers). */
export function planContextPaths(plan: ParsedPlan): string[] {
  const spans = (text: string): string[] => [...text.matchAll(/`([^`\s]+)`/g)].map((m) => m[1] as string);
  return [...new Set(plan.context.flatMap((item) => [...(item.path === undefined ? [] : [item.path]), ...spans(item.text)]))];
}

export function stepIds(plan: ParsedPlan): string[] {
  return plan.steps.map((step) => step.id);
}
