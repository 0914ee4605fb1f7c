/**
 * A plan's Checks are commands that later runs execute after one approval, and its Constraints
 * are the paths the agent must leave alone: an agent that edits either steers every run after it.
 * Such a hunk is protected like a settings file (one by one, never in bulk) and a kept draft that
 * changes them is confirmed on its own.
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
  let section = sectionAbove(oldText, linesBefore);
  for (const line of lines) {
    const heading = headingOf(line.text);
    if (heading !== undefined) {
      if (line.kind !== 'context' && STEERING_SECTIONS.has(heading)) return heading;
      // A removed heading no longer starts a section on the new side, and an added one not on the old.
      section = heading;
      continue;
    }
    if (line.kind !== 'context' && line.text.trim() !== '' && section !== undefined && STEERING_SECTIONS.has(section)) return section;
  }
  return undefined;
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
