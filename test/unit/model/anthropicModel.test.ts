import * as assert from 'node:assert/strict';
import type { ModelEvent, ModelRequest } from '../../../src/core/agent/ports';
import { createAnthropicModel } from '../../../src/model/anthropicModel';
import { errorStep, type Script, textReply, toolReply } from '../../double/script';
import { MessagesDouble } from '../../double/server';
import { apiKey } from '../core/agent/harness';

const request: ModelRequest = {
  model: 'claude-test',
  maxTokens: 100,
  system: [{ type: 'text', text: 'sys' }],
  tools: [],
  messages: [{ role: 'user', content: [{ type: 'text', text: 'hello' }] }],
  cacheLatest: true,
};

describe('model: the SDK adapter against the double', () => {
  let double: MessagesDouble | undefined;
  afterEach(async () => double?.close());

  async function send(script: Script, maxRetries = 2, signal = new AbortController().signal) {
    double = await MessagesDouble.start({ script });
    const events: ModelEvent[] = [];
    const model = createAnthropicModel({ credentials: () => ({ apiKey, baseURL: double?.url ?? '' }), maxRetries, retryDelayMs: () => 5 });
    const result = await model.send(request, { signal, onEvent: (e) => events.push(e) });
    return { result, events, requests: double.messageRequests() };
  }

  it('streams text and tool calls, with usage, and the key only in a header', async () => {
    const { result, events, requests } = await send([toolReply([{ name: 'read_file', input: { path: 'a.ts' } }], 'Let me look.')]);
    assert.ok(result.ok, result.ok ? '' : result.message);
    assert.deepEqual(result.value.content[1], {
      type: 'tool_use',
      id: result.value.content[1]?.type === 'tool_use' ? result.value.content[1].id : '',
      name: 'read_file',
      input: { path: 'a.ts' },
      rawInput: '{"path":"a.ts"}',
    });
    assert.equal(
      events
        .filter((e) => e.type === 'text_delta')
        .map((e) => (e.type === 'text_delta' ? e.text : ''))
        .join(''),
      'Let me look.',
    );
    assert.equal(result.value.stopReason, 'tool_use');
    assert.ok(result.value.usage.input > 0 || result.value.usage.cacheWrite > 0, 'usage must be reported');
    assert.ok(JSON.stringify(requests[0]?.headers).includes(apiKey), 'the key goes in an auth header');
    assert.ok(!requests[0]?.raw.includes(apiKey), 'the key must never be in a request body');
  });

  it('401 is an auth failure that names Set API Key and not the key', async () => {
    const { result, requests } = await send([errorStep(401, { message: 'invalid x-api-key' })]);
    assert.ok(!result.ok);
    assert.equal(result.code, 'auth');
    assert.match(result.message, /Set API Key/);
    assert.ok(!result.message.includes(apiKey), 'the key must not be in the error');
    assert.equal(requests.length, 1, '401 is not retried');
  });

  for (const status of [429, 500, 529]) {
    it(`${status} is retried by the SDK, then succeeds`, async () => {
      const { result, requests } = await send([errorStep(status, { retryAfterMs: 5 }), errorStep(status, { retryAfterMs: 5 }), textReply('ok')]);
      assert.ok(result.ok, result.ok ? '' : result.message);
      assert.equal(requests.length, 3, 'two failures and one success');
    });
  }

  it('exhausted retries give a typed failure', async () => {
    const { result, requests } = await send([529, 529, 529].map((s) => errorStep(s, { retryAfterMs: 5 })));
    assert.ok(!result.ok);
    assert.equal(result.code, 'overloaded');
    assert.match(result.message, /529/);
    assert.equal(requests.length, 3, 'one try and two retries');
  });

  it('a stream cut midway is retried from scratch, and the listener is told to discard', async () => {
    const { result, events, requests } = await send([
      { kind: 'drop', afterEvents: 3, content: [{ type: 'text', text: 'partial answer' }] },
      textReply('whole answer'),
    ]);
    assert.ok(result.ok, result.ok ? '' : result.message);
    assert.deepEqual(result.value.content, [{ type: 'text', text: 'whole answer' }], 'nothing of the cut attempt survives');
    assert.ok(
      events.some((e) => e.type === 'retry'),
      'a retry event must mark the restart',
    );
    assert.equal(requests.length, 2);
  });

  it('a stream cut on every attempt fails as stream_dropped', async () => {
    const drop = { kind: 'drop' as const, afterEvents: 2, content: [{ type: 'text' as const, text: 'never finished' }] };
    const { result } = await send([drop, drop, drop]);
    assert.ok(!result.ok);
    assert.equal(result.code, 'stream_dropped');
  });

  it('cancel ends a slow stream within a second', async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 150);
    const started = performance.now();
    const { result } = await send([textReply('slow '.repeat(20), { eventDelayMs: 400 })], 2, controller.signal);
    const elapsed = performance.now() - started - 150;
    assert.ok(!result.ok);
    assert.equal(result.code, 'cancelled');
    assert.ok(elapsed < 1000, `cancel took ${elapsed.toFixed(0)} ms`);
  });
});
