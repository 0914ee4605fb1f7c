import type { PlanComment, StartRunInput } from './runService';

const planShape =
  'a # title, then ## Goal, ## Context (the files involved, in backticks), ## Steps (a "- [ ]" checklist), ## Checks (commands that verify the work, one per line in backticks) and ## Constraints (paths not to touch)';

/**
 * The opening user message of a run. Plan mode writes nothing but the plan: the plan comes back
 * as the final answer, and the extension proposes it as a change to the plan file for review.
 */
export function openingPrompt(input: StartRunInput): string | undefined {
  if (input.mode === 'build') return undefined;
  const comments = input.comments ?? [];
  if (comments.length > 0) {
    return [
      'Revise the plan to answer these review comments:',
      ...comments.map(describeComment),
      `Keep everything the comments do not ask to change. Answer with the complete revised plan in Markdown (${planShape}) and nothing else.`,
    ].join('\n');
  }
  if (input.intent !== undefined && input.intent.trim() !== '') {
    return `Draft the plan for this intent: ${JSON.stringify(input.intent.trim())}\nRead the code you need first. Answer with the complete plan in Markdown (${planShape}) and nothing else.`;
  }
  return `Refine the plan: read the code it names, fix what is wrong or missing. Answer with the complete plan in Markdown (${planShape}) and nothing else.`;
}

function describeComment(comment: PlanComment): string {
  const where = [comment.line === undefined ? undefined : `line ${comment.line + 1}`, comment.section === undefined ? undefined : `section ${comment.section}`]
    .filter((w): w is string => w !== undefined)
    .join(', ');
  return `- ${where === '' ? '' : `(${where}) `}${comment.text.replace(/\s+/g, ' ').trim()}`;
}

const MAX_INTENT = 2000;
const MAX_MESSAGE = 10_000;

/** The user's message that continues a run. */
export function validateContinueMessage(message: unknown): string | undefined {
  if (typeof message !== 'string' || message.trim() === '' || message.length > MAX_MESSAGE)
    return `a run is continued with a message of 1 to ${MAX_MESSAGE} characters`;
  return undefined;
}
const MAX_COMMENTS = 200;
const MAX_COMMENT = 5000;

/** Input from the panel or the API, checked before anything happens. */
export function validateStartInput(input: unknown): string | undefined {
  if (typeof input !== 'object' || input === null) return 'a run needs { plan, mode }';
  const { plan, mode, intent, comments } = input as Record<string, unknown>;
  if (typeof plan !== 'string' || plan.trim() === '' || plan.length > 1024) return 'plan must be a workspace-relative path to a plan file';
  // A plan run proposes the whole file as a plan: pointed at source code it would rewrite it.
  if (!/\.md$/i.test(plan.trim())) return `plan must be a Markdown plan file (.md), got ${JSON.stringify(plan)}`;
  if (mode !== 'plan' && mode !== 'build') return `mode must be 'plan' or 'build', got ${JSON.stringify(mode)}`;
  if (intent !== undefined && (typeof intent !== 'string' || intent.length > MAX_INTENT)) return `intent must be a string of at most ${MAX_INTENT} characters`;
  if (comments !== undefined) {
    if (!Array.isArray(comments) || comments.length > MAX_COMMENTS) return `comments must be an array of at most ${MAX_COMMENTS} comments`;
    for (const c of comments as unknown[]) {
      if (typeof c !== 'object' || c === null) return 'each comment must be { text, line?, section? }';
      const { text, line, section } = c as Record<string, unknown>;
      if (typeof text !== 'string' || text.trim() === '' || text.length > MAX_COMMENT)
        return `a comment's text must be a non-empty string of at most ${MAX_COMMENT} characters`;
      if (line !== undefined && (typeof line !== 'number' || !Number.isInteger(line) || line < 0)) return "a comment's line must be a 0-based line number";
      if (section !== undefined && typeof section !== 'string') return "a comment's section must be a string";
    }
  }
  if (mode === 'build' && (intent !== undefined || comments !== undefined)) return 'intent and comments are for plan mode';
  return undefined;
}
