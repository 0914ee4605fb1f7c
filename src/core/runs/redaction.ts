import type { JsonValue, Message, TextBlock } from '../agent/conversation';
import type { ModelPort } from '../agent/ports';
import type { AgentEvent } from '../agent/events';

/**
 * Deeper than any tool's schema needs; a value nested deeper is replaced by this marker instead
 * of being walked (tool input of 100,000 nested arrays would overflow the stack here, and in every
 * JSON.stringify after: the request, the stored run).
 */
export const MAX_JSON_DEPTH = 64;
export const TOO_DEEP_MARKER = '[REDACTED:nested-too-deep]';

/** Every string in a JSON value redacted (tool input can nest a secret anywhere), depth-bounded. */
export function redactJson(value: JsonValue, redact: (text: string) => string, depth = 0): JsonValue {
  if (typeof value === 'string') return redact(value);
  if (value === null || typeof value !== 'object') return value;
  if (depth >= MAX_JSON_DEPTH) return TOO_DEEP_MARKER;
  if (Array.isArray(value)) return value.map((v) => redactJson(v, redact, depth + 1));
  const out: { [key: string]: JsonValue } = {};
  for (const [k, v] of Object.entries(value)) out[k] = redactJson(v, redact, depth + 1);
  return out;
}

/** What the log, the panel and the transcript see: file contents and tool input redacted. */
export function redactEvent(event: AgentEvent, redact: (text: string) => string): AgentEvent {
  switch (event.type) {
    case 'text':
    case 'thinking':
    case 'user':
    case 'steer':
      return { ...event, text: redact(event.text) };
    case 'tool_result':
      return { ...event, content: redact(event.content) };
    case 'tool_call':
      return event.input === undefined ? event : { ...event, input: redactJson(event.input, redact) };
    case 'check':
      return { ...event, outcome: { ...event.outcome, output: redact(event.outcome.output) } };
    case 'check_not_run':
      return { ...event, reason: redact(event.reason) };
    default:
      return event;
  }
}

/**
 * Redacts secret-looking strings in everything sent to the model (tool results, the plan, the
 * project instructions, feedback), so a secret the deny list did not catch still stays home.
 * Deterministic, so the cached prefix stays byte-identical; each message is redacted once.
 */
export function redactingModel(inner: ModelPort, redact: (text: string) => string): ModelPort {
  const done = new WeakMap<Message, Message>();
  const message = (m: Message): Message => {
    let out = done.get(m);
    if (out === undefined) {
      out =
        m.role === 'user'
          ? { role: 'user', content: m.content.map((b) => (b.type === 'text' ? { ...b, text: redact(b.text) } : { ...b, content: redact(b.content) })) }
          : {
              role: 'assistant',
              // Thinking blocks are signed: the API refuses one changed by even a byte, so they go as received.
              content: m.content.map((b) =>
                b.type === 'text' ? { ...b, text: redact(b.text) } : b.type === 'tool_use' ? { ...b, input: redactJson(b.input, redact) } : b,
              ),
            };
      done.set(m, out);
    }
    return out;
  };
  // System blocks are copied per request (cache marks), so they are remembered by text.
  const systemTexts = new Map<string, string>();
  const systemText = (text: string): string => {
    let out = systemTexts.get(text);
    if (out === undefined) {
      if (systemTexts.size > 32) systemTexts.clear();
      out = redact(text);
      systemTexts.set(text, out);
    }
    return out;
  };
  const system = (blocks: TextBlock[]): TextBlock[] => blocks.map((b) => ({ ...b, text: systemText(b.text) }));
  return {
    send: (request, options) => inner.send({ ...request, system: system(request.system), messages: request.messages.map(message) }, options),
  };
}
