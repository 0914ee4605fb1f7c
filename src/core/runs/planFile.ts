import type { PlanInput } from '../agent/planInput';
import type { ReportedStepStatus } from '../agent/toolRegistry';
import { assignStepIds, setStepStatus } from '../plan/editPlan';
import { parsePlan } from '../plan/parsePlan';
import { isBlankPlan } from '../plan/planChangeSummary';
import { planForPrompt } from '../plan/queries';
import type { ParsedPlan } from '../plan/types';
import { planStepStatus } from '../agent/planStepStatus';
import type { ReviewSession } from '../review/reviewSession';
import { fail, ok, type Result } from '../result';
import type { PlanWriter, RunFiles } from './ports';

export interface LoadedPlan {
  /** Workspace-relative, as the guard names it. */
  path: string;
  absolute: string;
  /** The plan text (unsaved edits included); '' for a plan file that does not exist yet. */
  text: string;
  exists: boolean;
  parsed: ParsedPlan;
  input: PlanInput;
}

/** Reads a plan through the path policy and gives the agent's view of it. */
export async function loadPlan(files: Pick<RunFiles, 'resolve' | 'absolute' | 'readText'>, raw: string): Promise<Result<LoadedPlan>> {
  const path = await files.resolve(raw, 'read');
  if (!path.ok) return fail('E_PLAN', `plan ${raw}: ${path.message}`);
  const absolute = await files.absolute(path.value);
  if (!absolute.ok) return absolute;
  const text = await files.readText(path.value);
  if (!text.ok) return fail('E_PLAN', `plan ${path.value}: ${text.message}`);
  const parsed = parsePlan(text.value ?? '');
  return ok({ path: path.value, absolute: absolute.value, text: text.value ?? '', exists: text.value !== null, parsed, input: planInput(path.value, parsed) });
}

export function planInput(path: string, parsed: ParsedPlan): PlanInput {
  return {
    path,
    text: planForPrompt(parsed),
    steps: parsed.steps.map((s) => ({ id: s.id, title: s.text })),
    // A check is named by its command: the model asks for it by that name or its number.
    checks: parsed.checks.map((command) => ({ name: command, command })),
  };
}

export function markStep(writer: PlanWriter, absolute: string, step: string, status: ReportedStepStatus): Promise<Result<boolean>> {
  const mapped = planStepStatus(status);
  if (mapped === undefined) return Promise.resolve(ok(false));
  return writer.edit(absolute, (plan) => setStepStatus(plan, step, mapped));
}

/** Before a build: every step gets an id marker, so ids survive steps being reordered meanwhile. */
export function ensureStepIds(writer: PlanWriter, absolute: string): Promise<Result<boolean>> {
  return writer.edit(absolute, (plan) => assignStepIds(plan));
}

const FENCE = /^(`{3,}|~{3,})[ \t]*(?:markdown|md)?[ \t]*\n([\s\S]*?)\n\1[ \t]*$/gm;

/**
 * The plan a plan-mode run answered with, as the new text of the plan file: the Markdown out of a
 * code fence if the model wrapped it, without a chatty lead-in, without the ordinal id markers
 * `planForPrompt` showed it, and with the file's own front matter, BOM and line breaks kept.
 * Undefined when the answer has no section heading: that is not a plan.
 */
export function planFromDraft(draft: string, current: ParsedPlan): string | undefined {
  let body = draft.replace(/\r\n/g, '\n');
  const fenced = [...body.matchAll(FENCE)].map((m) => m[2] ?? '').filter((b) => /^## /m.test(b));
  if (fenced.length > 0) body = fenced.sort((a, b) => b.length - a.length)[0] ?? body;
  const start = body.search(/^(?:---\n|#{1,2} )/m);
  if (start === -1 || !/^## /m.test(body)) return undefined;
  body = body.slice(start);
  // The model's own front matter gives way to the file's (status, created: Redline's business).
  const ownFrontMatter = /^---\n[\s\S]*?\n---\n/.exec(body);
  if (ownFrontMatter) body = body.slice(ownFrontMatter[0].length).replace(/^\n+/, '');
  body = body.replace(/[ \t]*<!-- id: #\d+ -->/g, '').replace(/\s*$/, '\n');
  const frontMatter = (current.frontMatter?.raw ?? '').replace(/\r\n/g, '\n');
  const separator = frontMatter === '' || frontMatter.endsWith('\n\n') ? '' : '\n';
  const text = frontMatter + separator + body;
  return current.bom + (current.eol === '\r\n' ? text.replace(/\n/g, '\r\n') : text);
}

/**
 * Plan mode's result goes to review as a change to the plan file, like any other proposal. The
 * value is the changeset's id, or undefined when the draft is the plan as it stands.
 */
export async function proposePlanDraft(session: ReviewSession, runId: string, plan: LoadedPlan, draft: string): Promise<Result<string | undefined>> {
  const text = planFromDraft(draft, plan.parsed);
  if (text === undefined) return fail('E_DRAFT', 'the model\'s answer has no "## " section, so it was not proposed as the plan');
  if (text === plan.text) return ok(undefined);
  const proposed = await session.propose({
    source: 'agent',
    runId,
    title: `Plan ${plan.exists && !isBlankPlan(plan.parsed) ? 'revision' : 'draft'}: ${plan.parsed.title ?? plan.path}`,
    files: [{ path: plan.path, newText: text }],
  });
  return proposed.ok ? proposed : fail(proposed.code, `the drafted plan could not be put up for review: ${proposed.message}`);
}
