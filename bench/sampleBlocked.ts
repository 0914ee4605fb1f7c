/**
 * Runs `work` while a 1 ms timer samples the event loop: the longest gap between two ticks, less
 * the period, is the longest time the thread was blocked. Also the work's wall time.
 */
export async function sampleBlocked(work: () => Promise<unknown>): Promise<{ maxBlockMs: number; wallMs: number }> {
  let last = performance.now();
  let maxGap = 0;
  const timer = setInterval(() => {
    const now = performance.now();
    maxGap = Math.max(maxGap, now - last);
    last = now;
  }, 1);
  const started = performance.now();
  await work();
  const wallMs = performance.now() - started;
  // One more tick, so a block at the very end is counted too.
  await new Promise((resolve) => setTimeout(resolve, 2));
  clearInterval(timer);
  return { maxBlockMs: Math.max(0, maxGap - 1), wallMs };
}
