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

export type UserBlock = ToolResultBlock | TextBlock;
export type AssistantBlock = TextBlock | ToolUseBlock;

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
