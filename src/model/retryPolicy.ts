import { APIConnectionError, APIError } from '@anthropic-ai/sdk';

/**
 * When a failed model call is tried again. The SDK's own retries are off: it gives up after two and
 * ignores a `retry-after` over a minute, while an overloaded API (529) can stay so for minutes. Ours
 * try more often, honour the server's wait, and stop at a total time so a run never hangs.
 */
export interface RetryPolicy {
  /** Retries after the first attempt. */
  maxRetries: number;
  /** From the first attempt: no retry starts whose wait would end past this. */
  budgetMs: number;
  /** The wait before retry `attempt` (1-based) when the server names none. */
  delayMs: (attempt: number) => number;
}

export const defaultRetryPolicy: RetryPolicy = {
  maxRetries: 6,
  budgetMs: 3 * 60_000,
  // 0.5 s doubling up to 30 s, with jitter so that many clients do not come back at once.
  delayMs: (attempt) => Math.min(500 * 2 ** (attempt - 1), 30_000) * (0.75 + Math.random() / 2),
};

/** As the API documents it: 408, 409, 429 and 5xx (529 included) are worth another try, unless the server says otherwise. */
export function isRetryable(error: unknown): boolean {
  if (error instanceof APIConnectionError) return true;
  if (!(error instanceof APIError)) return false;
  const should = error.headers?.get('x-should-retry');
  if (should === 'true') return true;
  if (should === 'false') return false;
  const status = error.status ?? 0;
  return status === 408 || status === 409 || status === 429 || status >= 500;
}

/** The wait the server asked for (`retry-after-ms`, else `retry-after` in seconds or as a date), in ms. */
export function serverWaitMs(error: unknown, now: number = Date.now()): number | undefined {
  if (!(error instanceof APIError) || error.headers === undefined) return undefined;
  const ms = Number.parseFloat(error.headers.get('retry-after-ms') ?? '');
  if (Number.isFinite(ms) && ms >= 0) return ms;
  const raw = error.headers.get('retry-after');
  if (raw === null || raw.trim() === '') return undefined;
  const seconds = Number(raw);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const date = Date.parse(raw);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}
