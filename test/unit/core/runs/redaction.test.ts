import * as assert from 'node:assert/strict';
import type { ModelRequest } from '../../../../src/core/agent/ports';
import { ok } from '../../../../src/core/result';
import { redactingModel } from '../../../../src/core/runs/redaction';

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
