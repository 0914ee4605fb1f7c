import Anthropic, { APIConnectionError, APIError, APIUserAbortError } from '@anthropic-ai/sdk';
import type { MessageCreateParamsStreaming } from '@anthropic-ai/sdk/resources/messages';
import type { ModelErrorCode, ModelEvent, ModelPort, ModelRequest, ModelTurn } from '../core/agent/ports';
import { type Failure, fail, type Result } from '../core/result';
import { classifyError } from './modelErrors';
import { defaultRetryPolicy, isRetryable, type RetryPolicy, serverWaitMs } from './retryPolicy';
import { TurnBuilder } from './turnBuilder';

export interface Credentials {
  apiKey: string;
  /** Empty or absent: the Anthropic default. Never taken from the environment here. */
  baseURL?: string;
}

export interface AnthropicModelOptions {
  /** Asked on every call, so a key set with *Set API Key* applies to the next turn; `refused` sends nothing. */
  credentials: () => Promise<Credentials | { refused: string }> | Credentials | { refused: string };
  /** Retries of 429, 529, 5xx, connection failures and dropped or silent streams (default 6). */
  maxRetries?: number;
  /** Total time a call may spend retrying (default 3 minutes). */
  retryBudgetMs?: number;
  /** Backoff before retry `attempt` when the server names no wait (default 0.5 s doubling, jittered). */
  retryDelayMs?: (attempt: number) => number;
  /** A stream that sends nothing, not even a ping, for this long is aborted and retried (default 60 s). */
  idleTimeoutMs?: number;
  timeoutMs?: number;
}

/** What a retry says in the run log (the failure's own message is worded for when retries are over). */
const retryLabels: Partial<Record<ModelErrorCode, string>> = {
  rate_limited: 'rate limited (429)',
  overloaded: 'the API is overloaded (529)',
  server: 'the API failed (5xx)',
  connection: 'could not reach the model endpoint',
};

/** A failed attempt: whether to try again, and after how long the server asked. */
type Attempt = Result<ModelTurn, ModelErrorCode> | (Failure<ModelErrorCode> & { retryable: boolean; waitMs?: number });

/**
 * The Model port on `@anthropic-ai/sdk`: one streamed Messages call per `send`. Faults come back
 * as typed failures after retries; the key never appears in an error or a log line.
 */
export function createAnthropicModel(options: AnthropicModelOptions): ModelPort {
  const policy: RetryPolicy = {
    maxRetries: options.maxRetries ?? defaultRetryPolicy.maxRetries,
    budgetMs: options.retryBudgetMs ?? defaultRetryPolicy.budgetMs,
    delayMs: options.retryDelayMs ?? defaultRetryPolicy.delayMs,
  };
  const idleMs = options.idleTimeoutMs ?? 60_000;
  return {
    async send(request, { signal, onEvent }) {
      const given = await options.credentials();
      if ('refused' in given) return fail('auth', given.refused);
      const credentials = given;
      const scrub = (message: string): string => message.split(credentials.apiKey).join('[key]');
      const started = Date.now();
      // Nothing of a failed attempt is kept: `retry` tells the listener to drop what it streamed.
      for (let attempt = 0; ; attempt++) {
        const result = await attemptOnce(credentials, options.timeoutMs, idleMs, request, signal, onEvent);
        if (signal.aborted) return fail('cancelled', 'cancelled');
        if (result.ok || !('retryable' in result)) return result.ok ? result : fail(result.code, scrub(result.message));
        if (!result.retryable || attempt >= policy.maxRetries) return fail(result.code, scrub(result.message));
        const wait = result.waitMs ?? policy.delayMs(attempt + 1);
        if (Date.now() - started + wait > policy.budgetMs) {
          const asked = result.waitMs === undefined ? '' : ` (the server asked to wait ${Math.ceil(wait / 1000)} s)`;
          return fail(result.code, `${scrub(result.message)} Gave up after ${Math.round((Date.now() - started) / 1000)} s of retries${asked}.`);
        }
        const why = result.code === 'stream_dropped' ? scrub(result.message) : (retryLabels[result.code] ?? result.code);
        onEvent({ type: 'retry', attempt: attempt + 1, reason: `${why}; trying again in ${(wait / 1000).toFixed(1)} s` });
        if (!(await sleep(wait, signal))) return fail('cancelled', 'cancelled');
      }
    },
  };
}

async function attemptOnce(
  credentials: Credentials,
  timeoutMs: number | undefined,
  idleMs: number,
  request: ModelRequest,
  signal: AbortSignal,
  onEvent: (event: ModelEvent) => void,
): Promise<Attempt> {
  // The watchdog: every byte from the server (a ping included, which the SDK does not surface)
  // pushes the deadline back; silence past it aborts the attempt, which is then retried.
  const idle = new AbortController();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const touch = (): void => {
    clearTimeout(timer);
    timer = setTimeout(() => idle.abort(), idleMs);
  };
  const client = new Anthropic({
    apiKey: credentials.apiKey,
    authToken: null,
    baseURL: credentials.baseURL === undefined || credentials.baseURL === '' ? null : credentials.baseURL,
    maxRetries: 0,
    ...(timeoutMs === undefined ? {} : { timeout: timeoutMs }),
    // The SDK logs request details at info/debug; none of it may reach a log with the key around.
    logLevel: 'off',
    fetch: async (input, init) => watched(await fetch(input, init), touch),
  });
  let started = false;
  touch();
  try {
    const stream = await client.messages.create(toParams(request), { signal: AbortSignal.any([signal, idle.signal]) });
    started = true;
    const turn = new TurnBuilder(onEvent);
    for await (const event of stream) turn.add(event);
    if (signal.aborted) return fail('cancelled', 'cancelled');
    // The SDK ends the iteration quietly when its signal aborts: the watchdog's abort lands here.
    if (idle.signal.aborted) return silent(idleMs);
    const result = turn.finish();
    return result.ok ? result : { ...result, retryable: true };
  } catch (error) {
    if (signal.aborted) return fail('cancelled', 'cancelled');
    if (idle.signal.aborted) return silent(idleMs);
    if (error instanceof APIUserAbortError) return fail('cancelled', 'cancelled');
    if (started) {
      // After the response began, any fault (socket cut, an `error` event such as overloaded
      // mid-stream) leaves a partial message: the whole call is retried.
      const detail = error instanceof APIError ? error.message : String(error instanceof Error ? error.message : error);
      return { ...fail('stream_dropped', `the response stream broke off: ${detail}`), retryable: true };
    }
    if (error instanceof APIError || error instanceof APIConnectionError) {
      const wait = serverWaitMs(error);
      return { ...classifyError(error), retryable: isRetryable(error), ...(wait === undefined ? {} : { waitMs: wait }) };
    }
    throw error;
  } finally {
    clearTimeout(timer);
  }
}

function silent(idleMs: number): Attempt {
  const how = idleMs >= 1000 ? `${Math.round(idleMs / 1000)} s` : `${idleMs} ms`;
  return { ...fail('stream_dropped', `the response stream sent nothing for ${how}`), retryable: true };
}

/** The response with its body passed through `touch` chunk by chunk. */
function watched(response: Response, touch: () => void): Response {
  touch();
  if (response.body === null) return response;
  const body = response.body.pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        touch();
        controller.enqueue(chunk);
      },
    }),
  );
  return new Response(body, { status: response.status, statusText: response.statusText, headers: response.headers });
}

function toParams(request: ModelRequest): MessageCreateParamsStreaming {
  return {
    model: request.model,
    max_tokens: request.maxTokens,
    system: request.system,
    tools: request.tools.map((tool) => ({
      name: tool.name,
      description: tool.description,
      input_schema: { type: 'object', ...tool.input_schema },
      ...(tool.cache_control === undefined ? {} : { cache_control: tool.cache_control }),
    })),
    // The core's message shapes are the wire shapes (see conversation.ts): no mapping needed.
    messages: request.messages,
    ...(request.thinking === undefined ? {} : { thinking: request.thinking }),
    ...(request.effort === undefined ? {} : { output_config: { effort: request.effort } }),
    ...(request.cacheLatest ? { cache_control: { type: 'ephemeral' } } : {}),
    stream: true,
  };
}

/** Resolves false if aborted first. */
function sleep(ms: number, signal: AbortSignal): Promise<boolean> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve(true);
    }, ms);
    const onAbort = (): void => {
      clearTimeout(timer);
      resolve(false);
    };
    signal.addEventListener('abort', onAbort, { once: true });
  });
}
export { listModels } from './modelList';
