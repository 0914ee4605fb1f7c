/**
 * Reads the list sections of a plan. Each reader takes a section body and returns what the agent
 * and the panel need, warning (never failing) about items it cannot use.
 */
import { firstReference, referencedPath } from './inline';
import { topLevelItems } from './lists';
import type { ContextItem, PlanSection, PlanStep, StepStatus } from './types';
import type { Warn } from './warnings';

/**
 * Step marks. `[ ]` and `[x]` are GitHub's task list; in progress and skipped follow the
 * Obsidian Tasks convention (`[/]`, `[-]`), which other Markdown tools already render, instead
 * of a new one of our own. `[X]` reads as done; writing always uses the first mark of a status.
 */
export const STEP_MARKS: Readonly<Record<StepStatus, string>> = {
  pending: ' ',
  'in progress': '/',
  done: 'x',
  skipped: '-',
};

function statusOfMark(mark: string): StepStatus | undefined {
  if (mark === 'X') return 'done';
  return (Object.keys(STEP_MARKS) as StepStatus[]).find((status) => STEP_MARKS[status] === mark);
}

const CHECKBOX = /^\[(.)\](?=[ \t]|$)/;
/** `<!-- id: s1 -->`: an HTML comment, so the id is invisible wherever the plan is rendered. */
const ID_MARKER = /(<!--[ \t]*id:[ \t]*)([A-Za-z0-9][\w.-]*)[ \t]*-->/;

function bodyItems(text: string, section: PlanSection) {
  return topLevelItems(text, section.bodyStart, section.end, section.line + 1);
}

export function readSteps(text: string, section: PlanSection, warn: Warn): PlanStep[] {
  const steps: PlanStep[] = [];
  const taken = new Set<string>();
  for (const item of bodyItems(text, section)) {
    const box = CHECKBOX.exec(item.content);
    const status = box === null ? undefined : statusOfMark(box[1] ?? '');
    if (box === null) {
      warn('step-without-checkbox', item.line, `line ${item.line + 1} under Steps has no checkbox ("- [ ] …"), so it is not a step`);
      continue;
    }
    if (status === undefined) {
      warn('unknown-step-mark', item.line, `line ${item.line + 1}: "[${box[1]}]" is not a step mark (use [ ], [/], [x] or [-]), so it is not a step`);
      continue;
    }
    const ordinal = steps.length + 1;
    const rest = item.content.slice(box[0].length);
    const marker = ID_MARKER.exec(rest);
    const markerId = marker?.[2];
    const idStart = marker === null ? undefined : item.contentStart + box[0].length + marker.index + (marker[1] ?? '').length;
    // Ordinal ids start with "#", which a marker id cannot, so only marker ids can collide.
    let id = markerId ?? `#${ordinal}`;
    if (markerId !== undefined && taken.has(markerId)) {
      warn('duplicate-step-id', item.line, `line ${item.line + 1}: step id "${markerId}" is used twice; this step is "#${ordinal}" until it gets its own id`);
      id = `#${ordinal}`;
    }
    if (markerId !== undefined) taken.add(markerId);
    steps.push({
      id,
      hasMarker: marker !== null,
      ordinal,
      status,
      text: (marker === null ? rest : rest.slice(0, marker.index) + rest.slice(marker.index + marker[0].length)).trim(),
      line: item.line,
      markOffset: item.contentStart + 1,
      lineEnd: item.end,
      idSpan: idStart === undefined ? undefined : { start: idStart, end: idStart + (markerId ?? '').length },
    });
  }
  return steps;
}

export function readContext(text: string, section: PlanSection): ContextItem[] {
  return bodyItems(text, section).map((item) => ({
    path: referencedPath(firstReference(item.content, true)),
    text: item.content.trim(),
    line: item.line,
  }));
}

export function readChecks(text: string, section: PlanSection, warn: Warn): string[] {
  const checks: string[] = [];
  for (const item of bodyItems(text, section)) {
    const code = firstReference(item.content, false);
    const command = code?.value.trim() ?? '';
    if (command === '') {
      warn('check-without-command', item.line, `line ${item.line + 1} under Checks has no command in a code span (\`npm test\`); it will not run`);
    } else {
      checks.push(command);
    }
  }
  return checks;
}

/** A constraint is a path or glob: the first code span or link, or an item that is one bare word. */
export function readConstraints(text: string, section: PlanSection, warn: Warn): string[] {
  const constraints: string[] = [];
  for (const item of bodyItems(text, section)) {
    const reference = firstReference(item.content, true);
    const bare = item.content.trim();
    const path = reference === undefined ? (/^\S+$/.test(bare) ? bare : undefined) : referencedPath(reference);
    if (path === undefined) {
      warn('constraint-without-path', item.line, `line ${item.line + 1} under Constraints names no path or glob; the agent reads it but it cannot be enforced`);
    } else {
      constraints.push(path);
    }
  }
  return constraints;
}
