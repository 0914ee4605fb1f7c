import * as assert from 'node:assert/strict';
import type { ModelRequest } from '../../../src/core/agent/ports';
import { knownModels } from '../../../src/core/agent/models';
import { createAnthropicModel } from '../../../src/model/anthropicModel';
import { listModels } from '../../../src/model/modelList';
import { textReply } from '../../double/script';
import { MessagesDouble } from '../../double/server';
import { apiKey } from '../core/agent/harness';

const request = (model: string): ModelRequest => ({
  model,
  maxTokens: 100,
  system: [{ type: 'text', text: 'sys' }],
  tools: [],
  messages: [{ role: 'user', content: [{ type: 'text', text: 'hello' }] }],
  cacheLatest: true,
});

describe('model: the models API and a retired model, through the SDK against the double', () => {
  let double: MessagesDouble | undefined;
  afterEach(async () => double?.close());

  it('lists every active and deprecated model across pages, with limits and lifecycle, and none retired', async () => {
    double = await MessagesDouble.start({ script: [] });
    const result = await listModels({ apiKey, baseURL: double.url }, { pageSize: 5 });
    assert.ok(result.ok, result.ok ? '' : result.message);
    const expected = knownModels().filter((m) => m.lifecycle !== 'retired');
    assert.deepEqual(
      result.value.map((m) => m.id),
      expected.map((m) => m.id),
    );
    assert.deepEqual(
      result.value.find((m) => m.id === 'claude-opus-4-5'),
      {
        id: 'claude-opus-4-5',
        displayName: 'Claude Opus 4.5',
        lifecycle: 'deprecated',
        contextWindow: 200_000,
        maxOutput: 64_000,
        retiresAt: '2027-01-22',
      },
    );
    assert.ok(
      double.requests.every((r) => r.method === 'GET' && r.path === '/v1/models'),
      'only the models list was asked',
    );
    assert.equal(double.requests.length, Math.ceil(expected.length / 5), 'one request per page of 5');
  });

  it('fails with a message to show (no key in it) when the endpoint cannot be reached', async () => {
    double = await MessagesDouble.start({ script: [] });
    const url = double.url;
    await double.close();
    double = undefined;
    const result = await listModels({ apiKey, baseURL: url }, { timeoutMs: 2_000 });
    assert.ok(!result.ok);
    assert.equal(result.code, 'connection');
    assert.ok(!result.message.includes(apiKey));
  });

  it('a retired model is refused with 404 not_found_error, and the adapter says which model and what to do', async () => {
    double = await MessagesDouble.start({ script: [textReply('never sent')] });
    const model = createAnthropicModel({ credentials: () => ({ apiKey, baseURL: double?.url ?? '' }), maxRetries: 2 });
    const result = await model.send(request('claude-sonnet-4-5'), { signal: new AbortController().signal, onEvent: () => undefined });
    assert.ok(!result.ok, 'a retired model was served');
    assert.equal(result.code, 'model_unavailable');
    assert.equal(
      result.message,
      'The model claude-sonnet-4-5 is not available (retired or unknown to this endpoint). Pick another with "Redline: Select Model".',
    );
    assert.equal(double.messageRequests().length, 1, 'a 404 is not retried');
    assert.deepEqual(JSON.parse(double.requests[0]?.raw ?? 'null').model, 'claude-sonnet-4-5');
  });
});
