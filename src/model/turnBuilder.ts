import type { RawMessageStreamEvent } from '@anthropic-ai/sdk/resources/messages';
import type { JsonValue, TokenUsage } from '../core/agent/conversation';
import type { ModelErrorCode, ModelEvent, ModelTurn, ReceivedToolUse } from '../core/agent/ports';
import { nestsDeeperThan } from '../core/agent/toolInput';
import { limits } from '../core/agent/toolRegistry';
import { fail, ok, type Result } from '../core/result';

type Building =
  | { type: 'text'; text: string }
  | { type: 'thinking'; thinking: string; signature: string }
  | { type: 'redacted_thinking'; data: string }
  | { type: 'tool_use'; id: string; name: string; json: string };

/**
 * Assembles one assistant message from raw stream events, in block order. Thinking arrives as
 * `thinking_delta`s and its signature in one `signature_delta` just before the block stops; both
 * are kept exactly, since the block must go back to the API unchanged.
 */
export class TurnBuilder {
  private readonly blocks: Building[] = [];
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
        else if (block.type === 'thinking') this.blocks[event.index] = { type: 'thinking', thinking: block.thinking, signature: block.signature };
        else if (block.type === 'redacted_thinking') this.blocks[event.index] = { type: 'redacted_thinking', data: block.data };
        else if (block.type === 'tool_use') {
          this.blocks[event.index] = { type: 'tool_use', id: block.id, name: block.name, json: '' };
          this.onEvent({ type: 'tool_use_start', id: block.id, name: block.name });
        }
        break;
      }
      case 'content_block_delta':
        this.delta(event.index, event.delta);
        break;
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
    const content = this.blocks.filter((b) => b !== undefined).map((b): ModelTurn['content'][number] => (b.type === 'tool_use' ? toolUse(b) : b));
    return ok({ content, stopReason: this.stopReason, usage: this.usage });
  }

  private delta(index: number, delta: Extract<RawMessageStreamEvent, { type: 'content_block_delta' }>['delta']): void {
    const block = this.blocks[index];
    if (delta.type === 'text_delta' && block?.type === 'text') {
      block.text += delta.text;
      this.onEvent({ type: 'text_delta', text: delta.text });
    } else if (delta.type === 'thinking_delta' && block?.type === 'thinking') {
      block.thinking += delta.thinking;
      this.onEvent({ type: 'thinking_delta', text: delta.thinking });
    } else if (delta.type === 'signature_delta' && block?.type === 'thinking') {
      block.signature = delta.signature;
    } else if (delta.type === 'input_json_delta' && block?.type === 'tool_use') {
      block.json += delta.partial_json;
    }
  }
}

function toolUse(block: { id: string; name: string; json: string }): ReceivedToolUse {
  let input: JsonValue | undefined;
  try {
    // An empty input streams no deltas at all: that is `{}`, not bad JSON. Input nested past the
    // limit is never parsed: nothing downstream could walk it (validateInput says why).
    if (block.json === '') input = {};
    else input = nestsDeeperThan(block.json, limits.depth) ? undefined : (JSON.parse(block.json) as JsonValue);
  } catch {
    input = undefined; // the core answers with an is_error result naming the bad JSON
  }
  return { type: 'tool_use', id: block.id, name: block.name, input, rawInput: block.json };
}
