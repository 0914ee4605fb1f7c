/**
 * A plan's Checks are commands that later runs execute once each is approved, and its Constraints
 * are the paths the agent must leave alone: an agent that drops or rewrites one quietly widens
 * what every later run may do. Such a hunk is protected like a settings file (one by one, never in
 * bulk), and a kept draft that drops one is confirmed on its own (plan/steering.ts).
 *
 * Decision: only what a hunk takes away counts, not what it adds. A check the agent adds runs only
 * after its exact command is approved (checkApprovals), and a constraint it adds only forbids more;
 * flagging additions would make every first draft of a plan (it fills these sections) a
 * one-by-one accept for nothing.
 *
 * Decision: any Markdown file counts, not only the plans folder's: a run can take any Markdown
 * file as its plan, and a README with a "## Checks" heading costs one click.
 */
export const STEERING_REASON = "The plan's Checks run as commands and its Constraints bound the agent in every later run.";

const STEERING_SECTIONS = new Set(['checks', 'constraints']);

/** The lines of one hunk, old side then new, as the review shows them. */
export interface SteeringLine {
  readonly kind: 'context' | 'removed' | 'added';
  readonly text: string;
}

/**
 * The plan section ('checks' or 'constraints') a hunk of a Markdown file changes, or undefined.
 * `oldText` is the text the hunk's old side lies in, `linesBefore` how many of its lines come
 * before the hunk's first line; headings the hunk itself shows, adds or removes count too.
 */
export function steeringSectionOf(path: string, oldText: string | null, linesBefore: number, lines: readonly SteeringLine[]): string | undefined {
  if (!isMarkdown(path)) return undefined;
  // The old side only: the section each old line sits in, and whether the hunk removes an entry.
  let section = sectionAbove(oldText, linesBefore);
  for (const [i, line] of lines.entries()) {
    if (line.kind === 'added') continue;
    const heading = headingOf(line.text);
    if (heading !== undefined) {
      // Removing a steering heading moves its entries under another section: they stop steering.
      if (line.kind === 'removed' && STEERING_SECTIONS.has(heading) && sectionHasEntries(oldText, linesBefore + oldIndex(lines, i))) return heading;
      section = heading;
      continue;
    }
    if (line.kind === 'removed' && isEntry(line.text) && section !== undefined && STEERING_SECTIONS.has(section)) return section;
  }
  return undefined;
}

/** A list item with content: a check or a constraint (a hint in an HTML comment is neither). */
function isEntry(line: string): boolean {
  const item = /^\s*(?:[-*+]|\d+[.)])\s+(.*)$/.exec(line);
  return item !== null && (item[1] ?? '').trim() !== '' && !(item[1] ?? '').trim().startsWith('<!--');
}

/** The hunk's line `i` as a 0-based line of the old text, counted from the hunk's first line. */
function oldIndex(lines: readonly SteeringLine[], i: number): number {
  let n = 0;
  for (let j = 0; j < i; j++) if (lines[j]?.kind !== 'added') n++;
  return n;
}

/** Whether the section whose heading is old line `headingLine` holds an entry before the next heading. */
function sectionHasEntries(text: string | null, headingLine: number): boolean {
  if (text === null) return false;
  const lines = text.split(/\r?\n/);
  for (let i = headingLine + 1; i < lines.length; i++) {
    const line = lines[i] ?? '';
    if (headingOf(line) !== undefined) return false;
    if (isEntry(line)) return true;
  }
  return false;
}

export function isMarkdown(path: string): boolean {
  return /\.(?:md|markdown)$/i.test(path);
}

function sectionAbove(text: string | null, linesBefore: number): string | undefined {
  if (text === null || linesBefore <= 0) return undefined;
  const lines = text.split(/\r?\n/, linesBefore);
  for (let i = lines.length - 1; i >= 0; i--) {
    const heading = headingOf(lines[i] ?? '');
    if (heading !== undefined) return heading;
  }
  return undefined;
}

/** A level-1 or level-2 ATX heading's name, lower-case (the plan's title and its sections). */
function headingOf(line: string): string | undefined {
  const match = /^ {0,3}#{1,2}[ \t]+(.*?)[ \t]*#*[ \t]*$/.exec(line);
  return match?.[1]?.trim().toLowerCase();
}
