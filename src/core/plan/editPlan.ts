/**
 * Edits change the fewest bytes they can and return the changes themselves, so the adapter can
 * apply them as one `WorkspaceEdit` (one undo step) without disturbing the rest of the user's
 * formatting or cursor. Nothing is "reformatted": the new plan is the old text with the changes
 * applied, parsed again.
 */
import { fail, ok, type Result } from '../result';
import { readStatus, yamlScalar } from './frontMatter';
import { atxHeading, walkLines } from './lines';
import { innerSpan, parsePlan, serializePlan } from './parsePlan';
import { STEP_MARKS } from './sectionContent';
import {
  PLAN_STATUSES,
  SECTION_KINDS,
  STEP_STATUSES,
  type FrontMatterEntry,
  type ParsedPlan,
  type PlanSection,
  type PlanStatus,
  type SectionKind,
  type StepStatus,
} from './types';

/** Replace `text[start, end)` of the plan's text before the edit with `text`. */
export interface TextChange {
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

export interface PlanEdit {
  readonly plan: ParsedPlan;
  /** Sorted and non-overlapping, with offsets into the text before the edit; empty when nothing changed. */
  readonly changes: readonly TextChange[];
}

export type PlanEditError =
  'invalid-status' | 'unknown-step' | 'invalid-title' | 'invalid-section-name' | 'section-body-has-heading' | 'section-body-unclosed' | 'front-matter-unclosed';

export type PlanEditResult = Result<PlanEdit, PlanEditError>;

/** Applies sorted, non-overlapping changes to a text. */
export function applyChanges(text: string, changes: readonly TextChange[]): string {
  let result = '';
  let at = 0;
  for (const change of changes) {
    result += text.slice(at, change.start) + change.text;
    at = change.end;
  }
  return result + text.slice(at);
}

function edit(plan: ParsedPlan, changes: readonly TextChange[]): PlanEditResult {
  if (changes.length === 0) return ok({ plan, changes });
  return ok({ plan: parsePlan(applyChanges(serializePlan(plan), changes)), changes });
}

export function setStatus(plan: ParsedPlan, status: PlanStatus): PlanEditResult {
  if (!PLAN_STATUSES.includes(status)) return fail('invalid-status', `"${String(status)}" is not a plan status`);
  const entry = plan.frontMatter?.entries.find((candidate) => candidate.key === 'status');
  if (entry === undefined) return addFrontMatterKey(plan, 'status', status);
  if (entry.value === status || (readStatus(entry.value) === status && plan.status === status)) return edit(plan, []);
  return edit(plan, [valueChange(serializePlan(plan), entry, status)]);
}

export function setStepStatus(plan: ParsedPlan, stepId: string, status: StepStatus): PlanEditResult {
  if (!STEP_STATUSES.includes(status)) return fail('invalid-status', `"${String(status)}" is not a step status`);
  const step = plan.steps.find((candidate) => candidate.id === stepId);
  if (step === undefined) return fail('unknown-step', `the plan has no step "${stepId}"`);
  if (step.status === status) return edit(plan, []);
  return edit(plan, [{ start: step.markOffset, end: step.markOffset + 1, text: STEP_MARKS[status] }]);
}

/**
 * Sets the title where the plan keeps it: the front matter `title`, and the first `# ` heading
 * too when it shows the same title (or is the only title). A plan with neither gets front matter.
 */
export function setTitle(plan: ParsedPlan, title: string): PlanEditResult {
  const value = singleLine(title);
  if (value === '') return fail('invalid-title', 'a plan title cannot be empty');
  const text = serializePlan(plan);
  const entry = plan.frontMatter?.entries.find((candidate) => candidate.key === 'title');
  const changes: TextChange[] = [];
  if (entry !== undefined && entry.value.trim() !== value) {
    changes.push(valueChange(text, entry, value));
  }
  const heading = plan.titleHeading;
  const headingText = heading === undefined ? undefined : text.slice(heading.start, heading.end);
  if (heading !== undefined && (entry === undefined || headingText === plan.title) && headingText !== value) {
    changes.push({ ...heading, text: value });
  }
  if (entry === undefined && heading === undefined) return addFrontMatterKey(plan, 'title', value);
  return edit(plan, changes);
}

function addFrontMatterKey(plan: ParsedPlan, key: string, value: string): PlanEditResult {
  const line = `${key}: ${yamlScalar(value)}${plan.eol}`;
  if (plan.frontMatter !== undefined) {
    return edit(plan, [{ start: plan.frontMatter.closeOffset, end: plan.frontMatter.closeOffset, text: line }]);
  }
  if (plan.warnings.some((warning) => warning.code === 'front-matter-unclosed')) {
    // A second front matter above an unclosed one would change what the rest of the file means.
    return fail('front-matter-unclosed', 'the front matter has no closing "---" line; fix it in the editor first');
  }
  const at = plan.bom.length;
  return edit(plan, [{ start: at, end: at, text: `---${plan.eol}${line}---${plan.eol}` }]);
}

/** Writes `value` in the quoting style of the token it replaces, so a diff shows only the value. */
function valueChange(text: string, entry: FrontMatterEntry, value: string): TextChange {
  const token = text.slice(entry.valueSpan.start, entry.valueSpan.end);
  let written = yamlScalar(value);
  if (token.startsWith("'")) written = `'${value.replace(/'/g, "''")}'`;
  if (token.startsWith('"')) written = `"${value.replace(/[\\"]/g, '\\$&')}"`;
  // "title:" with no value: "title:x" would not be a key, so a space goes in first.
  const space = token === '' && text[entry.valueSpan.start - 1] === ':' ? ' ' : '';
  return { ...entry.valueSpan, text: space + written };
}

function singleLine(value: string): string {
  return value.replace(/[\s\u0000-\u001f\u007f]+/g, ' ').trim();
}

const CANONICAL_NAMES: Readonly<Record<SectionKind, string>> = {
  goal: 'Goal',
  context: 'Context',
  steps: 'Steps',
  checks: 'Checks',
  constraints: 'Constraints',
};

function kindOf(name: string): SectionKind | undefined {
  return SECTION_KINDS.find((kind) => kind === name.trim().toLowerCase());
}

/**
 * Replaces the content of a section (the first of that name, the one the model reads), keeping its
 * heading and the blank lines around the content; adds the section when it is missing, known
 * sections in their usual order. `body` may use `\n`; it is written with the plan's line breaks.
 */
export function replaceSection(plan: ParsedPlan, name: string, body: string): PlanEditResult {
  const trimmedName = name.trim();
  if (trimmedName === '' || /[\r\n]/.test(trimmedName)) {
    return fail('invalid-section-name', 'a section name must be one non-empty line');
  }
  const problem = bodyProblem(body);
  if (problem !== undefined) return problem;
  const eol = plan.eol;
  const text = serializePlan(plan);
  const span = innerSpan(body, 0, body.length);
  const content = body.slice(span.start, span.end).replace(/\r?\n/g, eol);
  const kind = kindOf(trimmedName);
  const lower = trimmedName.toLowerCase();
  const section = plan.sections.find((candidate) => (kind !== undefined ? candidate.kind === kind : candidate.name.trim().toLowerCase() === lower));
  if (section !== undefined) {
    const inner = innerSpan(text, section.bodyStart, section.end);
    if (inner.start !== inner.end) return edit(plan, text.slice(inner.start, inner.end) === content ? [] : [{ ...inner, text: content }]);
    if (content === '') return edit(plan, []);
    const headingEnded = text[section.bodyStart - 1] === '\n';
    return edit(plan, [{ start: section.bodyStart, end: section.bodyStart, text: headingEnded ? `${eol}${content}${eol}` : `${eol}${eol}${content}` }]);
  }
  const heading = `## ${kind !== undefined ? CANONICAL_NAMES[kind] : trimmedName}${eol}`;
  const block = content === '' ? heading : `${heading}${eol}${content}${eol}`;
  const before = kind === undefined ? undefined : plan.sections.find((candidate) => isLater(candidate, kind));
  if (before !== undefined) return edit(plan, [{ start: before.start, end: before.start, text: `${block}${eol}` }]);
  const separator = text === '' || /\n[ \t]*\r?\n$/.test(text.slice(-8)) ? '' : text.endsWith('\n') ? eol : `${eol}${eol}`;
  return edit(plan, [{ start: text.length, end: text.length, text: `${separator}${block}` }]);
}

function isLater(section: PlanSection, kind: SectionKind): boolean {
  return section.kind !== undefined && SECTION_KINDS.indexOf(section.kind) > SECTION_KINDS.indexOf(kind);
}

/** A body that would end its section early, or swallow the sections after it, is refused. */
function bodyProblem(body: string): PlanEditResult | undefined {
  let headingLine: number | undefined;
  const walk = walkLines(body, 0, body.length, 0, (line) => {
    if (!line.opaque && headingLine === undefined && atxHeading(line.content)?.level === 2) headingLine = line.index;
  });
  if (headingLine !== undefined) {
    return fail('section-body-has-heading', `line ${headingLine + 1} of the new content is a "## " heading, which would start another section`);
  }
  if (walk.unclosedBlockLine !== undefined) {
    return fail('section-body-unclosed', `the code block or comment on line ${walk.unclosedBlockLine + 1} of the new content is never closed`);
  }
  return undefined;
}

/**
 * Gives every step without its own id a `<!-- id: sN -->` marker (and a step whose marker repeats
 * another's a new id), so ids survive steps being added or reordered during a build.
 */
export function assignStepIds(plan: ParsedPlan): PlanEditResult {
  const taken = new Set(plan.steps.filter((step) => !step.id.startsWith('#')).map((step) => step.id));
  const changes: TextChange[] = [];
  for (const step of plan.steps) {
    if (!step.id.startsWith('#')) continue;
    let n = step.ordinal;
    while (taken.has(`s${n}`)) n++;
    const id = `s${n}`;
    taken.add(id);
    changes.push(step.idSpan !== undefined ? { ...step.idSpan, text: id } : { start: step.lineEnd, end: step.lineEnd, text: ` <!-- id: ${id} -->` });
  }
  return edit(plan, changes);
}
