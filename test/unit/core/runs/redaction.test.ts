import * as assert from 'node:assert/strict';
import type { JsonValue } from '../../../../src/core/agent/conversation';
import type { AgentEvent } from '../../../../src/core/agent/events';
import type { ModelRequest } from '../../../../src/core/agent/ports';
import { ok } from '../../../../src/core/result';
import { MAX_JSON_DEPTH, redactEvent, redactingModel, redactJson, TOO_DEEP_MARKER } from '../../../../src/core/runs/redaction';

describe('runs: the redacting model port', () => {
  it('redacts text and tool input but sends signed thinking blocks exactly as received', async () => {
    const secret = 'sk-ant-secret-1234567890';
    const seen: ModelRequest[] = [];
    const inner = {
      send: async (request: ModelRequest) => {
        seen.push(request);
        return ok({ content: [], stopReason: 'end_turn', usage: { input: 0, output: 0, cacheRead: 0, cacheWrite: 0 } });
      },
    };
    const model = redactingModel(inner, (text) => text.split(secret).join('[redacted]'));
    const thinking = { type: 'thinking' as const, thinking: `the key ${secret} must not be used`, signature: 'sig' };
    await model.send(
      {
        model: 'm',
        maxTokens: 10,
        system: [],
        tools: [],
        cacheLatest: false,
        messages: [
          { role: 'user', content: [{ type: 'text', text: `read ${secret}` }] },
          {
            role: 'assistant',
            content: [thinking, { type: 'redacted_thinking', data: secret }, { type: 'tool_use', id: 't', name: 'x', input: { v: secret } }],
          },
        ],
      },
      { signal: new AbortController().signal, onEvent: () => undefined },
    );
    const [user, assistant] = seen[0]?.messages ?? [];
    assert.doesNotMatch(JSON.stringify(user), new RegExp(secret), 'user text is redacted');
    assert.deepEqual(assistant?.content[0], thinking, 'a thinking block is signed: changing it would be refused');
    assert.deepEqual(assistant?.content[1], { type: 'redacted_thinking', data: secret });
    assert.deepEqual(assistant?.content[2], { type: 'tool_use', id: 't', name: 'x', input: { v: '[redacted]' } });
  });
});

describe('runs: redaction of deeply nested tool input', () => {
  const nested = (depth: number, leaf: JsonValue): JsonValue => {
    let value = leaf;
    for (let i = 0; i < depth; i++) value = i % 2 === 0 ? [value] : { k: value };
    return value;
  };

  it('bounds 100,000 levels of nesting with a marker instead of overflowing the stack', () => {
    const out = redactJson(nested(100_000, 'sk-ant-api03-deepdeepdeepdeepdeep01'), (t) => t.replace(/sk-ant-\S+/g, '[x]'));
    const text = JSON.stringify(out);
    assert.ok(text.includes(TOO_DEEP_MARKER), 'the cut must be visible');
    assert.ok(!text.includes('deepdeep'), 'nothing below the cut survives');
    assert.ok(text.length < 2_000, `the result is bounded: ${text.length} characters`);
  });

  it('redacts every string down to the limit and keeps shallow input as it was', () => {
    const shallow = nested(MAX_JSON_DEPTH, 'secret-value');
    assert.deepEqual(
      redactJson(shallow, (t) => t.toUpperCase()),
      nested(MAX_JSON_DEPTH, 'SECRET-VALUE'),
    );
    assert.ok(JSON.stringify(redactJson(nested(MAX_JSON_DEPTH + 1, 'v'), (t) => t)).includes(TOO_DEEP_MARKER), 'one level more is cut');
  });

  it('a deeply nested tool call is sent and logged, not a failed run', async () => {
    const seen: ModelRequest[] = [];
    const inner = {
      send: async (request: ModelRequest) => {
        seen.push(request);
        return ok({ content: [], stopReason: 'end_turn', usage: { input: 0, output: 0, cacheRead: 0, cacheWrite: 0 } });
      },
    };
    const input = nested(100_000, 'x') as { [key: string]: JsonValue };
    const model = redactingModel(inner, (t) => t);
    await model.send(
      {
        model: 'm',
        maxTokens: 10,
        system: [],
        tools: [],
        cacheLatest: false,
        messages: [{ role: 'assistant', content: [{ type: 'tool_use', id: 't', name: 'x', input: { deep: input } }] }],
      },
      { signal: new AbortController().signal, onEvent: () => undefined },
    );
    assert.ok(JSON.stringify(seen[0]!.messages).includes(TOO_DEEP_MARKER));
    const call: AgentEvent = { type: 'tool_call', id: 't', name: 'x', input: { deep: input } };
    const event = redactEvent(call, (t) => t);
    assert.ok(JSON.stringify(event).includes(TOO_DEEP_MARKER));
  });
});
