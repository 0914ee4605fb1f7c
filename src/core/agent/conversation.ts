/**
 * The conversation as the agent keeps it. The shapes mirror the Messages API wire format on
 * purpose: the transcript is what was sent, the model adapter maps it one to one, and a request's
 * bytes stay stable across turns (prompt caching depends on that).
 */
export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };
export type JsonObject = { [key: string]: JsonValue };

export interface CacheMark {
  type: 'ephemeral';
}

export interface TextBlock {
  type: 'text';
  text: string;
  cache_control?: CacheMark;
}

export interface ToolUseBlock {
  type: 'tool_use';
  id: string;
  name: string;
  input: JsonValue;
}

export interface ToolResultBlock {
  type: 'tool_result';
  tool_use_id: string;
  content: string;
  is_error?: boolean;
  cache_control?: CacheMark;
}

/**
 * The model's thinking, signed by the API. Kept and sent back byte for byte, in order: a model that
 * thinks refuses a tool-use turn whose thinking blocks were dropped or altered (400).
 */
export interface ThinkingBlock {
  type: 'thinking';
  thinking: string;
  signature: string;
}

/** Thinking the API encrypted; only `data` travels, and it goes back unchanged. */
export interface RedactedThinkingBlock {
  type: 'redacted_thinking';
  data: string;
}

export type UserBlock = ToolResultBlock | TextBlock;
export type AssistantBlock = ThinkingBlock | RedactedThinkingBlock | TextBlock | ToolUseBlock;

export type Message = { role: 'user'; content: UserBlock[] } | { role: 'assistant'; content: AssistantBlock[] };

/** A tool as offered to the model. */
export interface ToolSpec {
  name: string;
  description: string;
  input_schema: JsonObject;
  cache_control?: CacheMark;
}

export interface TokenUsage {
  input: number;
  output: number;
  cacheRead: number;
  cacheWrite: number;
}

export function isJsonObject(value: JsonValue | undefined): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
