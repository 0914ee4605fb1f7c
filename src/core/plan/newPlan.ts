import { yamlScalar } from './frontMatter';

export interface NewPlanInput {
  readonly title: string;
  /** ISO date (`2025-01-31`); the core has no clock, the caller passes today. */
  readonly created: string;
  readonly model?: string;
}

/**
 * The text of a new plan: front matter and the five sections, each with a hint in an HTML comment.
 * Hints are comments rather than sample items so that they render as nothing and are never read
 * as a real step, check or constraint.
 */
export function newPlan(input: NewPlanInput): string {
  const title = input.title.replace(/[\s\u0000-\u001f\u007f]+/g, ' ').trim() || 'Untitled plan';
  const model = input.model?.trim();
  return [
    '---',
    `title: ${yamlScalar(title)}`,
    'status: draft',
    `created: ${yamlScalar(input.created.trim())}`,
    ...(model ? [`model: ${yamlScalar(model)}`] : []),
    '---',
    '',
    '## Goal',
    '',
    '<!-- What is true when this plan is done, in a sentence or two. -->',
    '',
    '## Context',
    '',
    '<!-- Files and notes the agent should read first, one per item: - `src/file.ts`: why it matters -->',
    '',
    '## Steps',
    '',
    '<!-- One checkbox per step: - [ ] Do one thing. Ticked as the agent builds. -->',
    '',
    '## Checks',
    '',
    '<!-- Commands that show the work is right, one per item in a code span: - `npm test` -->',
    '',
    '## Constraints',
    '',
    '<!-- Paths and globs the agent must not touch, one per item: - `src/generated/**` -->',
    '',
  ].join('\n');
}
