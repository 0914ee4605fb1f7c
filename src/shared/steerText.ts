/** The longest message the user can queue for a running agent. */
export const MAX_STEER_MESSAGE = 20_000;

/**
 * Why a message cannot be queued for the agent as written, or undefined. One rule for the run view
 * (which says so before anything is sent, keeping the text) and the host (which checks again).
 */
export function steerTextProblem(text: unknown): string | undefined {
  if (typeof text !== 'string' || text.trim() === '') return 'A message for the agent cannot be empty.';
  if (text.length > MAX_STEER_MESSAGE)
    return `A message for the agent can be at most ${MAX_STEER_MESSAGE.toLocaleString('en-US')} characters; this one has ${text.length.toLocaleString('en-US')}.`;
  return undefined;
}
