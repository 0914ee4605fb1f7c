import type { JsonValue } from '../../core/agent/conversation';
import type { AgentEvent } from '../../core/agent/events';

/** Every string in a JSON value redacted (tool input can nest a secret anywhere). */
export function redactJson(value: JsonValue, redact: (text: string) => string): JsonValue {
  if (typeof value === 'string') return redact(value);
  if (Array.isArray(value)) return value.map((v) => redactJson(v, redact));
  if (value !== null && typeof value === 'object') {
    const out: { [key: string]: JsonValue } = {};
    for (const [k, v] of Object.entries(value)) out[k] = redactJson(v, redact);
    return out;
  }
  return value;
}

/** What the log, the panel and the transcript see: file contents and tool input redacted. */
export function redactEvent(event: AgentEvent, redact: (text: string) => string): AgentEvent {
  switch (event.type) {
    case 'text':
    case 'user':
      return { ...event, text: redact(event.text) };
    case 'tool_result':
      return { ...event, content: redact(event.content) };
    case 'tool_call':
      return event.input === undefined ? event : { ...event, input: redactJson(event.input, redact) };
    case 'check':
      return { ...event, outcome: { ...event.outcome, output: redact(event.outcome.output) } };
    default:
      return event;
  }
}
