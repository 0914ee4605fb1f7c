import * as assert from 'node:assert/strict';
import type { ModelEvent, ModelRequest } from '../../../src/core/agent/ports';
import { type AnthropicModelOptions, createAnthropicModel } from '../../../src/model/anthropicModel';
import { errorStep, type Script, textReply } from '../../double/script';
import { MessagesDouble } from '../../double/server';
import { apiKey } from '../core/agent/harness';

const request: ModelRequest = {
  model: 'claude-opus-5-5',
  maxTokens: 1000,
  system: [{ type: 'text', text: 'sys' }],
  tools: [],
  messages: [{ role: 'user', content: [{ type: 'text', text: 'hello' }] }],
  cacheLatest: false,
  thinking: { type: 'adaptive', display: 'summarized' },
  effort: 'low',
};

describe('model: retries, the idle watchdog and thinking, against the double', () => {
  let double: MessagesDouble | undefined;
  afterEach(async () => double?.close());

  async function send(script: Script, options: Partial<AnthropicModelOptions> = {}, thinking = false) {
    double = await MessagesDouble.start({ script, ...(thinking ? { thinking: {} } : {}) });
    const events: ModelEvent[] = [];
    const url = double.url;
    const model = createAnthropicModel({ credentials: () => ({ apiKey, baseURL: url }), retryDelayMs: () => 5, ...options });
    const started = performance.now();
    const result = await model.send(request, { signal: new AbortController().signal, onEvent: (e) => events.push(e) });
    return { result, events, requests: double.messageRequests(), ms: performance.now() - started };
  }

  it('529 is retried after the wait retry-after names, in seconds or in ms', async () => {
    const { result, requests, ms, events } = await send([errorStep(529, { retryAfterSeconds: 0.4 }), errorStep(529, { retryAfterMs: 300 }), textReply('ok')]);
    assert.ok(result.ok, result.ok ? '' : result.message);
    assert.equal(requests.length, 3);
    assert.ok(ms >= 650, `the server's waits must be honoured (took ${ms.toFixed(0)} ms, backoff alone is 10 ms)`);
    const reasons = events.flatMap((e) => (e.type === 'retry' ? [e.reason] : []));
    assert.deepEqual(
      reasons,
      ['the API is overloaded (529); trying again in 0.4 s', 'the API is overloaded (529); trying again in 0.3 s'],
      'each retry is told, with its wait',
    );
  });

  it('tries more often than the SDK default: five overloads in a row still end in a reply', async () => {
    const { result, requests } = await send([...Array.from({ length: 5 }, () => errorStep(529)), textReply('ok')]);
    assert.ok(result.ok, result.ok ? '' : result.message);
    assert.equal(requests.length, 6);
  });

  it('gives up at once when the server asks for a wait past the time budget', async () => {
    const { result, requests, ms } = await send([errorStep(429, { retryAfterSeconds: 30 }), textReply('never')], { retryBudgetMs: 2_000 });
    assert.ok(!result.ok);
    assert.equal(result.code, 'rate_limited');
    assert.match(result.message, /asked to wait 30 s/);
    assert.equal(requests.length, 1);
    assert.ok(ms < 1_500, `no waiting for a retry that cannot happen (took ${ms.toFixed(0)} ms)`);
  });

  it('a 400 is not retried', async () => {
    const { result, requests } = await send([errorStep(400, { message: 'bad' }), textReply('never')]);
    assert.ok(!result.ok);
    assert.equal(result.code, 'bad_request');
    assert.equal(requests.length, 1);
  });

  it('a stream that goes silent is aborted by the watchdog and retried', async () => {
    const { result, requests, events } = await send([textReply('never finished', { stallAfter: 3 }), textReply('whole answer')], { idleTimeoutMs: 300 });
    assert.ok(result.ok, result.ok ? '' : result.message);
    assert.deepEqual(result.value.content, [{ type: 'text', text: 'whole answer' }]);
    assert.equal(requests.length, 2);
    assert.equal(requests[0]?.closed, 'cut', 'the silent stream was closed by the client');
    const retry = events.find((e) => e.type === 'retry');
    assert.match(retry?.type === 'retry' ? retry.reason : '', /sent nothing for 300 ms/);
  });

  it('a slow stream that keeps sending is not cut by the watchdog', async () => {
    const { result, requests } = await send([textReply('slow but steady', { eventDelayMs: 150 })], { idleTimeoutMs: 400 });
    assert.ok(result.ok, result.ok ? '' : result.message);
    assert.equal(requests.length, 1);
  });

  it('sends thinking and effort, and assembles signed thinking blocks with their summary streamed', async () => {
    const { result, requests, events } = await send([textReply('answer')], {}, true);
    assert.ok(result.ok, result.ok ? '' : result.message);
    const body = requests[0]?.body;
    assert.deepEqual(body !== null && typeof body === 'object' && !Array.isArray(body) ? [body.thinking, body.output_config] : [], [
      { type: 'adaptive', display: 'summarized' },
      { effort: 'low' },
    ]);
    const [thinking, text] = result.value.content;
    assert.equal(thinking?.type, 'thinking');
    assert.ok(thinking?.type === 'thinking' && thinking.thinking !== '' && thinking.signature.includes('.'), 'text and signature are assembled');
    assert.deepEqual(text, { type: 'text', text: 'answer' });
    const streamed = events.flatMap((e) => (e.type === 'thinking_delta' ? [e.text] : [])).join('');
    assert.equal(streamed, thinking?.type === 'thinking' ? thinking.thinking : undefined, 'the summary streams as thinking deltas');
  });
});
