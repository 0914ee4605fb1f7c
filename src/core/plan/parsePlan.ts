/**
 * Parsing never throws and never loses a byte: the plan is cut into BOM, front matter, preamble
 * and sections whose raw texts concatenate back to the input, and everything else in the model
 * is read from those pieces. Broken input gives warnings, not a blank panel (issue 5, Bad input).
 */
import { isIsoDate, parseFrontMatter, readStatus } from './frontMatter';
import { atxHeading, walkLines } from './lines';
import { readChecks, readConstraints, readContext, readSteps } from './sectionContent';
import { SECTION_KINDS, type ParsedPlan, type PlanSection, type SectionKind, type Span } from './types';
import { warningCollector } from './warnings';

/** Above this size the panel warns that the plan is unusually large (it still opens). */
export const LARGE_PLAN_CHARS = 1024 * 1024;

interface Heading {
  readonly line: number;
  readonly start: number;
  readonly next: number;
  readonly name: string;
}

export function parsePlan(text: string): ParsedPlan {
  const collector = warningCollector();
  const { warn, warnings } = collector;
  const bom = text.startsWith('\uFEFF') ? '\uFEFF' : '';
  const frontMatter = parseFrontMatter(text, bom.length, collector);
  const bodyStart = bom.length + (frontMatter?.raw.length ?? 0);
  const bodyLine = countLineBreaks(frontMatter?.raw ?? '');

  const headings: Heading[] = [];
  let titleHeading: Span | undefined;
  const walk = walkLines(text, bodyStart, text.length, bodyLine, (line) => {
    if (line.opaque) return;
    const heading = atxHeading(line.content);
    if (heading?.level === 2) {
      headings.push({ line: line.index, start: line.start, next: line.next, name: line.content.slice(heading.textStart, heading.textEnd) });
    } else if (heading?.level === 1 && titleHeading === undefined && headings.length === 0) {
      titleHeading = { start: line.start + heading.textStart, end: line.start + heading.textEnd };
    }
  });
  if (walk.unclosedBlockLine !== undefined) {
    const line = walk.unclosedBlockLine;
    warn('unclosed-block', line, `the code block or HTML comment opened on line ${line + 1} is never closed, so the rest of the file is inside it`);
  }

  const seen = new Set<SectionKind>();
  const sections = headings.map((heading, i): PlanSection => {
    const end = headings[i + 1]?.start ?? text.length;
    const known = SECTION_KINDS.find((kind) => kind === heading.name.trim().toLowerCase());
    if (known !== undefined && seen.has(known)) {
      warn('duplicate-section', heading.line, `"## ${heading.name}" on line ${heading.line + 1} repeats an earlier section; only the first one is used`);
    }
    const kind = known !== undefined && !seen.has(known) ? known : undefined;
    if (kind !== undefined) seen.add(kind);
    return { name: heading.name, kind, raw: text.slice(heading.start, end), line: heading.line, start: heading.start, bodyStart: heading.next, end };
  });
  const section = (kind: SectionKind) => sections.find((candidate) => candidate.kind === kind);

  const read = (key: string) => frontMatter?.entries.find((entry) => entry.key === key);
  const statusEntry = read('status');
  const status = statusEntry === undefined ? undefined : readStatus(statusEntry.value);
  if (statusEntry !== undefined && status === undefined) {
    warn(
      'unknown-status',
      statusEntry.line,
      `status "${statusEntry.value}" on line ${statusEntry.line + 1} is not one of draft, approved, building, in review, done; the plan is treated as a draft`,
    );
  }
  const createdEntry = read('created');
  if (createdEntry !== undefined && !isIsoDate(createdEntry.value)) {
    warn('invalid-created', createdEntry.line, `created "${createdEntry.value}" on line ${createdEntry.line + 1} is not an ISO date (2025-01-31)`);
  }
  if (text.length > LARGE_PLAN_CHARS) {
    warn('large-plan', undefined, `this plan is ${(text.length / 1024 / 1024).toFixed(1)} MB; the agent reads all of it, so consider trimming it`);
  }

  const goal = section('goal');
  const steps = section('steps');
  const context = section('context');
  const checks = section('checks');
  const constraints = section('constraints');
  const frontTitle = nonEmpty(read('title')?.value);
  const headingTitle = titleHeading === undefined ? undefined : nonEmpty(text.slice(titleHeading.start, titleHeading.end));
  return {
    bom,
    frontMatter,
    preamble: text.slice(bodyStart, sections[0]?.start ?? text.length),
    sections,
    eol: firstLineBreak(text),
    title: frontTitle ?? headingTitle,
    titleHeading,
    status: status ?? 'draft',
    created: nonEmpty(createdEntry?.value),
    model: nonEmpty(read('model')?.value),
    goal: goal === undefined ? '' : sectionContent(text, goal),
    context: context === undefined ? [] : readContext(text, context),
    steps: steps === undefined ? [] : readSteps(text, steps, warn),
    checks: checks === undefined ? [] : readChecks(text, checks, warn),
    constraints: constraints === undefined ? [] : readConstraints(text, constraints, warn),
    warnings: warnings(),
  };
}

/** The exact text of the plan: the pieces `parsePlan` cut it into, concatenated. */
export function serializePlan(plan: ParsedPlan): string {
  return plan.bom + (plan.frontMatter?.raw ?? '') + plan.preamble + plan.sections.map((section) => section.raw).join('');
}

/**
 * `text[from, to)` without the blank lines around it: from the start of its first non-blank line
 * to the end of its last one (before the line break). Empty, at `from`, when all of it is blank.
 * Scans by hand: a regex like /(\n\s*)+$/ is quadratic on a long run of blank lines.
 */
export function innerSpan(text: string, from: number, to: number): Span {
  let first = from;
  while (first < to && /\s/.test(text[first] ?? '')) first++;
  if (first === to) return { start: from, end: from };
  const lineStart = Math.max(from, text.lastIndexOf('\n', first) + 1);
  let last = to;
  while (last > first && /\s/.test(text[last - 1] ?? '')) last--;
  let end = last;
  while (end < to && text[end] !== '\n') end++;
  if (end < to && end > last && text[end - 1] === '\r') end--;
  return { start: lineStart, end };
}

function sectionContent(text: string, section: PlanSection): string {
  const inner = innerSpan(text, section.bodyStart, section.end);
  return text.slice(inner.start, inner.end);
}

function firstLineBreak(text: string): '\n' | '\r\n' {
  const newline = text.indexOf('\n');
  return newline > 0 && text[newline - 1] === '\r' ? '\r\n' : '\n';
}

function countLineBreaks(text: string): number {
  let count = 0;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) count++;
  return count;
}

function nonEmpty(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed === '' ? undefined : trimmed;
}
