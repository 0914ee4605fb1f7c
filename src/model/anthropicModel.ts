import Anthropic, { APIConnectionError, APIError, APIUserAbortError } from '@anthropic-ai/sdk';
import type { MessageCreateParamsStreaming, RawMessageStreamEvent } from '@anthropic-ai/sdk/resources/messages';
import type { JsonValue, TokenUsage } from '../core/agent/conversation';
import type { ModelErrorCode, ModelEvent, ModelPort, ModelRequest, ModelTurn, ReceivedToolUse } from '../core/agent/ports';
import { fail, ok, type Result } from '../core/result';
import { classifyError } from './modelErrors';

export interface Credentials {
  apiKey: string;
  /** Empty or absent: the Anthropic default. Never taken from the environment here. */
  baseURL?: string;
}

export interface AnthropicModelOptions {
  /** Asked on every call, so a key set with *Set API Key* applies to the next turn. */
  credentials: () => Promise<Credentials> | Credentials;
  /** The SDK's retries (429, 5xx, 529, connection failures), and ours for streams cut midway. */
  maxRetries?: number;
  /** Backoff before retrying a stream cut midway; the SDK's shape (0.5 s doubling) by default. */
  streamRetryDelayMs?: (attempt: number) => number;
  timeoutMs?: number;
}

const defaultStreamDelay = (attempt: number): number => Math.min(500 * 2 ** (attempt - 1), 8000);

/**
 * The Model port on `@anthropic-ai/sdk`: one streamed Messages call per `send`. Faults come back
 * as typed failures after retries; the key never appears in an error or a log line.
 */
export function createAnthropicModel(options: AnthropicModelOptions): ModelPort {
  const maxRetries = options.maxRetries ?? 2;
  const streamDelay = options.streamRetryDelayMs ?? defaultStreamDelay;
  return {
    async send(request, { signal, onEvent }) {
      const credentials = await options.credentials();
      const client = new Anthropic({
        apiKey: credentials.apiKey,
        authToken: null,
        baseURL: credentials.baseURL === undefined || credentials.baseURL === '' ? null : credentials.baseURL,
        maxRetries,
        ...(options.timeoutMs === undefined ? {} : { timeout: options.timeoutMs }),
        // The SDK logs request details at info/debug; none of it may reach a log with the key around.
        logLevel: 'off',
      });
      const scrub = (message: string): string => message.split(credentials.apiKey).join('[key]');
      // The SDK retries a request that fails before its response starts; a stream cut after it
      // started is ours to retry. Nothing of the cut attempt is kept: `retry` tells the listener.
      for (let attempt = 0; ; attempt++) {
        const result = await attemptOnce(client, request, signal, onEvent);
        if (result.ok || signal.aborted) return signal.aborted ? fail('cancelled', 'cancelled') : result;
        if (result.code !== 'stream_dropped' || attempt >= maxRetries) return fail(result.code, scrub(result.message));
        onEvent({ type: 'retry', attempt: attempt + 1, reason: scrub(result.message) });
        if (!(await sleep(streamDelay(attempt + 1), signal))) return fail('cancelled', 'cancelled');
      }
    },
  };
}

async function attemptOnce(
  client: Anthropic,
  request: ModelRequest,
  signal: AbortSignal,
  onEvent: (event: ModelEvent) => void,
): Promise<Result<ModelTurn, ModelErrorCode>> {
  let started = false;
  try {
    const stream = await client.messages.create(toParams(request), { signal });
    started = true;
    const turn = new TurnBuilder(onEvent);
    for await (const event of stream) turn.add(event);
    if (signal.aborted) return fail('cancelled', 'cancelled');
    return turn.finish();
  } catch (error) {
    if (signal.aborted || error instanceof APIUserAbortError) return fail('cancelled', 'cancelled');
    if (started) {
      // After the response began, any fault (socket cut, an `error` event such as overloaded
      // mid-stream) leaves a partial message: the whole call is retried.
      const detail = error instanceof APIError ? error.message : String(error instanceof Error ? error.message : error);
      return fail('stream_dropped', `the response stream broke off: ${detail}`);
    }
    if (error instanceof APIError || error instanceof APIConnectionError) return classifyError(error);
    throw error;
  }
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
    ...(request.cacheLatest ? { cache_control: { type: 'ephemeral' } } : {}),
    stream: true,
  };
}

/** Assembles one assistant message from raw stream events. */
class TurnBuilder {
  private readonly blocks: ({ type: 'text'; text: string } | { type: 'tool_use'; id: string; name: string; json: string })[] = [];
  private usage: TokenUsage = { input: 0, output: 0, cacheRead: 0, cacheWrite: 0 };
  private stopReason = '';
  private stopped = false;

  constructor(private readonly onEvent: (event: ModelEvent) => void) {}

  add(event: RawMessageStreamEvent): void {
    switch (event.type) {
      case 'message_start': {
        const u = event.message.usage;
        this.usage = {
          input: u.input_tokens,
          output: u.output_tokens,
          cacheRead: u.cache_read_input_tokens ?? 0,
          cacheWrite: u.cache_creation_input_tokens ?? 0,
        };
        break;
      }
      case 'content_block_start': {
        const block = event.content_block;
        if (block.type === 'text') this.blocks[event.index] = { type: 'text', text: block.text };
        else if (block.type === 'tool_use') {
          this.blocks[event.index] = { type: 'tool_use', id: block.id, name: block.name, json: '' };
          this.onEvent({ type: 'tool_use_start', id: block.id, name: block.name });
        }
        break;
      }
      case 'content_block_delta': {
        const block = this.blocks[event.index];
        if (event.delta.type === 'text_delta' && block?.type === 'text') {
          block.text += event.delta.text;
          this.onEvent({ type: 'text_delta', text: event.delta.text });
        } else if (event.delta.type === 'input_json_delta' && block?.type === 'tool_use') {
          block.json += event.delta.partial_json;
        }
        break;
      }
      case 'message_delta': {
        const u = event.usage;
        this.stopReason = event.delta.stop_reason ?? this.stopReason;
        // message_delta usage is cumulative; fields it leaves null keep message_start's value.
        this.usage = {
          input: u.input_tokens ?? this.usage.input,
          output: u.output_tokens,
          cacheRead: u.cache_read_input_tokens ?? this.usage.cacheRead,
          cacheWrite: u.cache_creation_input_tokens ?? this.usage.cacheWrite,
        };
        break;
      }
      case 'message_stop':
        this.stopped = true;
        break;
      case 'content_block_stop':
        break;
    }
  }

  finish(): Result<ModelTurn, ModelErrorCode> {
    // A body that ends without message_stop is a cut stream, even if the socket closed cleanly.
    if (!this.stopped) return fail('stream_dropped', 'the response stream ended before message_stop');
    const content = this.blocks
      .filter((b) => b !== undefined)
      .map((b): ModelTurn['content'][number] => (b.type === 'text' ? { type: 'text', text: b.text } : toolUse(b)));
    return ok({ content, stopReason: this.stopReason, usage: this.usage });
  }
}

function toolUse(block: { id: string; name: string; json: string }): ReceivedToolUse {
  let input: JsonValue | undefined;
  try {
    // An empty input streams no deltas at all: that is `{}`, not bad JSON.
    input = block.json === '' ? {} : (JSON.parse(block.json) as JsonValue);
  } catch {
    input = undefined; // the core answers with an is_error result naming the bad JSON
  }
  return { type: 'tool_use', id: block.id, name: block.name, input, rawInput: block.json };
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
