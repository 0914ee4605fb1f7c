import { inputTokens } from './cache';
import type { Json } from './json';

/**
 * The API's context window, played by the double: a request whose input, counted as the double
 * bills it (tools, system and messages, all three cache buckets together), exceeds the window is
 * refused before any step of the script is used, with the API's 400 and its wording.
 */
export function promptTooLong(body: Json, window: number | undefined): string | undefined {
  if (window === undefined) return undefined;
  const tokens = inputTokens(body);
  return tokens > window ? `prompt is too long: ${tokens} tokens > ${window} maximum` : undefined;
}
