import { asArray, asString, field, type Json } from './json';

/**
 * One block of a scripted assistant message. `rawInput` sends tool input that is not valid JSON on
 * purpose. A thinking block's `signature` and a redacted block's `data` are filled in by the
 * double when it plays a thinking model (see thinking.ts).
 */
export type ReplyBlock =
  | { type: 'text'; text: string }
  | { type: 'thinking'; thinking: string; signature?: string }
  | { type: 'redacted_thinking'; data?: string }
  | { type: 'tool_use'; name: string; input: Json; id?: string }
  | { type: 'tool_use'; name: string; rawInput: string; id?: string };

export type StopReason = 'end_turn' | 'tool_use' | 'max_tokens' | 'stop_sequence' | 'pause_turn' | 'refusal' | 'model_context_window_exceeded';

export interface ReplyStep {
  kind: 'reply';
  content: ReplyBlock[];
  /** Default: `tool_use` when the content has a tool call, else `end_turn`. */
  stopReason?: StopReason;
  outputTokens?: number;
  /** Wait before the response head is sent. */
  delayMs?: number;
  /**
   * Hold the response head until this settles: a test releases the reply once it has seen what it
   * waits for (a rejection landed, a spinner showed), where a delay is a race a busy machine loses.
   */
  hold?: Promise<unknown>;
  /** Wait between SSE events (a slow or stalled stream, for cancel tests). */
  eventDelayMs?: number;
  /** Send this many SSE events, then nothing more until the client goes away: a stream that ends only if it is cut. */
  stallAfter?: number;
}

export interface ErrorStep {
  kind: 'error';
  status: number;
  /** Anthropic error type; derived from the status when absent. */
  errorType?: string;
  message?: string;
  /** Sent as `retry-after` (seconds, may be fractional). */
  retryAfterSeconds?: number;
  /** Sent as `retry-after-ms`, which the SDK prefers; keeps retry tests fast. */
  retryAfterMs?: number;
}

/** Streams `afterEvents` SSE events of `content`, then destroys the socket mid-message. */
export interface DropStep {
  kind: 'drop';
  content: ReplyBlock[];
  afterEvents: number;
}

export type Step = ReplyStep | ErrorStep | DropStep;

/** What a script sees of a request: the parsed body and its position among all requests. */
export interface ScriptRequest {
  body: Json;
  index: number;
}

export type ScriptFn = (request: ScriptRequest) => Step;
export type Script = ScriptFn | Step[];

export function textReply(text: string, extra: Partial<ReplyStep> = {}): ReplyStep {
  return { kind: 'reply', content: [{ type: 'text', text }], ...extra };
}

/** A reply calling tools; an optional lead-in text comes first, as a model would write it. */
export function toolReply(calls: { name: string; input: Json; id?: string }[], text?: string, extra: Partial<ReplyStep> = {}): ReplyStep {
  const content: ReplyBlock[] = text === undefined ? [] : [{ type: 'text', text }];
  for (const call of calls) content.push({ type: 'tool_use', ...call });
  return { kind: 'reply', content, ...extra };
}

export function errorStep(status: number, extra: Partial<ErrorStep> = {}): ErrorStep {
  return { kind: 'error', status, ...extra };
}

/** Steps are consumed in order; running past the end is a loud 500 so a test sees its own mistake. */
export function toScriptFn(script: Script): ScriptFn {
  if (typeof script === 'function') return script;
  return ({ index }) => script[index] ?? errorStep(500, { errorType: 'api_error', message: `double: script has no step ${index}` });
}

// ---- helpers over a request body, shared by scripts and tests ----

export function messagesOf(body: Json): Json[] {
  return asArray(field(body, 'messages'));
}

/** `build` when the request offers an edit tool, else `plan`: the registry, not the prompt, says the mode. */
export function modeOf(body: Json): 'plan' | 'build' {
  const names = asArray(field(body, 'tools')).map((tool) => asString(field(tool, 'name')));
  return names.includes('propose_edit') ? 'build' : 'plan';
}

/** All text of the last user message, tool results included. */
export function lastUserText(body: Json): string {
  const users = messagesOf(body).filter((m) => field(m, 'role') === 'user');
  const last = users[users.length - 1];
  return last === undefined ? '' : textOf(field(last, 'content'));
}

/** All text of the first user message: the run's opening request. */
export function firstUserText(body: Json): string {
  const first = messagesOf(body).find((m) => field(m, 'role') === 'user');
  return first === undefined ? '' : textOf(field(first, 'content'));
}

/** The system prompt's text, whether sent as a string or as blocks. */
export function systemText(body: Json): string {
  return textOf(field(body, 'system'));
}

function textOf(content: Json | undefined): string {
  if (typeof content === 'string') return content;
  return asArray(content)
    .map((block) => asString(field(block, 'text')) ?? textOf(field(block, 'content')))
    .join('\n');
}

/** Names of the tools whose results the last user message carries, in order. */
export function lastToolResults(body: Json): { name: string; isError: boolean; text: string }[] {
  const messages = messagesOf(body);
  const namesById = new Map<string, string>();
  for (const message of messages) {
    for (const block of asArray(field(message, 'content'))) {
      if (field(block, 'type') === 'tool_use') {
        namesById.set(asString(field(block, 'id')) ?? '', asString(field(block, 'name')) ?? '');
      }
    }
  }
  const last = messages[messages.length - 1];
  if (last === undefined || field(last, 'role') !== 'user') return [];
  return asArray(field(last, 'content'))
    .filter((block) => field(block, 'type') === 'tool_result')
    .map((block) => ({
      name: namesById.get(asString(field(block, 'tool_use_id')) ?? '') ?? '',
      isError: field(block, 'is_error') === true,
      text: textOf(field(block, 'content')),
    }));
}

/** How many assistant turns the request already carries: 0 on the first request of a run. */
export function turnOf(body: Json): number {
  return messagesOf(body).filter((m) => field(m, 'role') === 'assistant').length;
}
