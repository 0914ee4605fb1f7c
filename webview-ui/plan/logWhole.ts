/**
 * The whole text of a clipped log entry, asked of the host by the clip's id (never by a path) and
 * answered by a `logFull` message; main.ts hands the answers in.
 */
import type { FromPlanWebview } from '../../src/shared/planProtocol';

const waiting = new Map<string, ((text: string | undefined) => void)[]>();

/** Resolves with the whole text, or undefined when the host no longer holds it. */
export function askWhole(post: (m: FromPlanWebview) => void, runId: string, clipId: string): Promise<string | undefined> {
  const key = `${runId}\n${clipId}`;
  return new Promise((resolve) => {
    const queue = waiting.get(key);
    if (queue) queue.push(resolve);
    else {
      waiting.set(key, [resolve]);
      post({ type: 'logFull', runId, clipId });
    }
  });
}

export function receiveWhole(runId: string, clipId: string, text: string | undefined): void {
  const key = `${runId}\n${clipId}`;
  const queue = waiting.get(key);
  waiting.delete(key);
  for (const resolve of queue ?? []) resolve(text);
}
