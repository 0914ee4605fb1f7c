import type { CacheUsage } from './cache';
import { estimateTokens } from './cache';
import type { Json, JsonObject } from './json';
import type { ReplyBlock, StopReason } from './script';

/** One server-sent event, as the Messages API names and shapes it. */
export interface SseEvent {
  event: string;
  data: JsonObject;
}

export interface Reply {
  id: string;
  model: string;
  content: ReplyBlock[];
  stopReason?: StopReason;
  outputTokens?: number;
  usage: CacheUsage;
}

function toolId(block: ReplyBlock, messageId: string, index: number): string {
  return (block.type === 'tool_use' ? block.id : undefined) ?? `toolu_${messageId.slice(4)}_${index}`;
}

export function inputText(block: Extract<ReplyBlock, { type: 'tool_use' }>): string {
  return 'rawInput' in block ? block.rawInput : JSON.stringify(block.input);
}

function stopReasonOf(reply: Reply): StopReason {
  return reply.stopReason ?? (reply.content.some((b) => b.type === 'tool_use') ? 'tool_use' : 'end_turn');
}

/** What a block costs in output, in characters (the double's tokens are about four of them). */
export function outputChars(block: ReplyBlock): number {
  switch (block.type) {
    case 'text':
      return block.text.length;
    case 'thinking':
      return block.thinking.length;
    case 'redacted_thinking':
      return (block.data ?? '').length;
    case 'tool_use':
      return inputText(block).length;
  }
}

function outputTokensOf(reply: Reply): number {
  const chars = reply.content.reduce((n, b) => n + outputChars(b), 0);
  return reply.outputTokens ?? Math.max(1, estimateTokens(chars));
}

/** Splits `text` into `parts` pieces (some may be empty for short text), so clients must join deltas. */
export function chunks(text: string, parts: number): string[] {
  const size = Math.max(1, Math.ceil(text.length / parts));
  const out: string[] = [];
  for (let i = 0; i < text.length; i += size) out.push(text.slice(i, i + size));
  return out.length === 0 ? [''] : out;
}

/** The non-streaming response body. Malformed `rawInput` cannot be expressed here, so it is sent as a string. */
export function messageJson(reply: Reply): JsonObject {
  const content = reply.content.map((block, i): Json => {
    if (block.type === 'text') return { type: 'text', text: block.text, citations: null };
    if (block.type === 'thinking') return { type: 'thinking', thinking: block.thinking, signature: block.signature ?? '' };
    if (block.type === 'redacted_thinking') return { type: 'redacted_thinking', data: block.data ?? '' };
    const input: Json = 'rawInput' in block ? block.rawInput : block.input;
    return { type: 'tool_use', id: toolId(block, reply.id, i), name: block.name, input };
  });
  return {
    id: reply.id,
    type: 'message',
    role: 'assistant',
    model: reply.model,
    content,
    stop_reason: stopReasonOf(reply),
    stop_sequence: null,
    usage: { ...reply.usage, output_tokens: outputTokensOf(reply) },
  };
}

/** The SSE events of a streamed reply: text in three deltas, tool input JSON in three or more. */
export function streamEvents(reply: Reply): SseEvent[] {
  const events: SseEvent[] = [
    {
      event: 'message_start',
      data: {
        type: 'message_start',
        message: {
          id: reply.id,
          type: 'message',
          role: 'assistant',
          model: reply.model,
          content: [],
          stop_reason: null,
          stop_sequence: null,
          usage: { ...reply.usage, output_tokens: 1 },
        },
      },
    },
  ];
  reply.content.forEach((block, index) => {
    if (block.type === 'thinking') {
      // As the API streams it: the text in deltas, then the whole signature in one delta just before the stop.
      events.push({
        event: 'content_block_start',
        data: { type: 'content_block_start', index, content_block: { type: 'thinking', thinking: '', signature: '' } },
      });
      for (const thinking of block.thinking === '' ? [] : chunks(block.thinking, 3)) {
        events.push({ event: 'content_block_delta', data: { type: 'content_block_delta', index, delta: { type: 'thinking_delta', thinking } } });
      }
      events.push({
        event: 'content_block_delta',
        data: { type: 'content_block_delta', index, delta: { type: 'signature_delta', signature: block.signature ?? '' } },
      });
    } else if (block.type === 'redacted_thinking') {
      events.push({
        event: 'content_block_start',
        data: { type: 'content_block_start', index, content_block: { type: 'redacted_thinking', data: block.data ?? '' } },
      });
    } else if (block.type === 'text') {
      events.push({
        event: 'content_block_start',
        data: { type: 'content_block_start', index, content_block: { type: 'text', text: '', citations: null } },
      });
      for (const text of chunks(block.text, 3)) {
        events.push({
          event: 'content_block_delta',
          data: { type: 'content_block_delta', index, delta: { type: 'text_delta', text } },
        });
      }
    } else {
      events.push({
        event: 'content_block_start',
        data: {
          type: 'content_block_start',
          index,
          content_block: { type: 'tool_use', id: toolId(block, reply.id, index), name: block.name, input: {} },
        },
      });
      for (const partial_json of chunks(inputText(block), 3)) {
        events.push({
          event: 'content_block_delta',
          data: { type: 'content_block_delta', index, delta: { type: 'input_json_delta', partial_json } },
        });
      }
    }
    events.push({ event: 'content_block_stop', data: { type: 'content_block_stop', index } });
  });
  events.push({
    event: 'message_delta',
    data: {
      type: 'message_delta',
      delta: { stop_reason: stopReasonOf(reply), stop_sequence: null },
      usage: { ...reply.usage, output_tokens: outputTokensOf(reply) },
    },
  });
  events.push({ event: 'message_stop', data: { type: 'message_stop' } });
  return events;
}

const errorTypes: Record<number, string> = {
  400: 'invalid_request_error',
  401: 'authentication_error',
  403: 'permission_error',
  404: 'not_found_error',
  413: 'request_too_large',
  429: 'rate_limit_error',
  500: 'api_error',
  529: 'overloaded_error',
};

export function errorJson(status: number, type: string | undefined, message: string | undefined): JsonObject {
  const errorType = type ?? errorTypes[status] ?? 'api_error';
  return {
    type: 'error',
    error: { type: errorType, message: message ?? `double: ${errorType}` },
    request_id: `req_double_${status}`,
  };
}
