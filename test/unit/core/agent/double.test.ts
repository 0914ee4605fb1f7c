import * as assert from 'node:assert/strict';
import Anthropic from '@anthropic-ai/sdk';
import { PromptCache } from '../../../double/cache';
import { compileJsonScript, parseJsonScript } from '../../../double/jsonScript';
import { errorStep, textReply, toolReply } from '../../../double/script';
import { MessagesDouble } from '../../../double/server';
import { readFileSync } from 'node:fs';

const client = (url: string): Anthropic => new Anthropic({ apiKey: 'sk-test', baseURL: url, maxRetries: 0, logLevel: 'off' });

describe('double: the loopback Messages API', () => {
  let double: MessagesDouble | undefined;
  afterEach(async () => double?.close());

  it('answers non-streaming JSON the SDK parses, with usage and tool_use', async () => {
    double = await MessagesDouble.start({ script: [toolReply([{ name: 'read_file', input: { path: 'a.ts' } }], 'Reading.')] });
    const message = await client(double.url).messages.create({
      model: 'm',
      max_tokens: 10,
      messages: [{ role: 'user', content: 'hi' }],
    });
    assert.equal(message.stop_reason, 'tool_use', 'a reply with a tool call stops for tool_use');
    const call = message.content.find((b) => b.type === 'tool_use');
    assert.deepEqual(call?.type === 'tool_use' ? call.input : undefined, { path: 'a.ts' });
    assert.ok(message.usage.input_tokens > 0, 'usage must count the input');
  });

  it('streams SSE whose tool input arrives in several input_json_delta chunks', async () => {
    double = await MessagesDouble.start({ script: [toolReply([{ name: 'read_file', input: { path: 'src/long/path/file.ts' } }])] });
    const stream = await client(double.url).messages.create({
      model: 'm',
      max_tokens: 10,
      stream: true,
      messages: [{ role: 'user', content: 'hi' }],
    });
    const kinds: string[] = [];
    let json = '';
    for await (const event of stream) {
      kinds.push(event.type);
      if (event.type === 'content_block_delta' && event.delta.type === 'input_json_delta') json += event.delta.partial_json;
    }
    assert.equal(kinds.filter((k) => k === 'content_block_delta').length, 3, 'tool input must be split');
    assert.deepEqual(JSON.parse(json), { path: 'src/long/path/file.ts' });
    assert.deepEqual([kinds[0], kinds.at(-2), kinds.at(-1)], ['message_start', 'message_delta', 'message_stop']);
  });

  it('sends Anthropic-shaped errors with retry-after', async () => {
    double = await MessagesDouble.start({ script: [errorStep(429, { retryAfterSeconds: 7 })] });
    const response = await fetch(`${double.url}/v1/messages`, {
      method: 'POST',
      body: JSON.stringify({ model: 'm', max_tokens: 1, messages: [{ role: 'user', content: 'x' }] }),
    });
    assert.equal(response.status, 429);
    assert.equal(response.headers.get('retry-after'), '7');
    assert.deepEqual(await response.json(), {
      type: 'error',
      error: { type: 'rate_limit_error', message: 'double: rate_limit_error' },
      request_id: 'req_double_429',
    });
  });

  it('bills the prefix up to a breakpoint seen before as cache read', () => {
    const cache = new PromptCache();
    const mark = { type: 'ephemeral' };
    const tools = [{ name: 't', description: 'x'.repeat(400), input_schema: { type: 'object' }, cache_control: mark }];
    const first = cache.account({ tools, messages: [{ role: 'user', content: [{ type: 'text', text: 'a'.repeat(40), cache_control: mark }] }] });
    assert.equal(first.cache_read_input_tokens, 0, 'nothing is cached before the first request');
    assert.ok(first.cache_creation_input_tokens > 100, 'the first request writes its prefix');
    const second = cache.account({
      tools,
      messages: [
        { role: 'user', content: [{ type: 'text', text: 'a'.repeat(40), cache_control: mark }] },
        { role: 'assistant', content: [{ type: 'text', text: 'b'.repeat(40) }] },
        { role: 'user', content: [{ type: 'text', text: 'c'.repeat(40), cache_control: mark }] },
      ],
    });
    assert.equal(second.cache_read_input_tokens, first.cache_creation_input_tokens, 'the earlier prefix is read from cache');
    assert.ok(second.cache_creation_input_tokens > 0 && second.input_tokens === 0, 'only the new turn is written');
  });

  it('runs a JSON script fixture: rules match on mode, turn and tool results', async () => {
    const parsed = parseJsonScript(readFileSync('test/fixtures/agent/demoScript.json', 'utf8'));
    assert.ok(parsed.ok, parsed.ok ? '' : parsed.message);
    const script = compileJsonScript(parsed.script);
    const planStep = script({ index: 0, body: { tools: [{ name: 'read_file' }], messages: [{ role: 'user', content: 'x' }] } });
    assert.equal(planStep.kind, 'reply');
    const buildStep = script({ index: 0, body: { tools: [{ name: 'propose_edit' }], messages: [{ role: 'user', content: 'x' }] } });
    assert.notDeepEqual(buildStep, planStep, 'build mode must get its own first reply');
    assert.equal(parseJsonScript('{"rules":[{"reply":{"kind":"nope"}}]}').ok, false, 'a bad step kind is refused');
  });

  it('answers an unknown script step with a loud 500', async () => {
    double = await MessagesDouble.start({ script: [textReply('only one')] });
    const c = client(double.url);
    await c.messages.create({ model: 'm', max_tokens: 1, messages: [{ role: 'user', content: 'x' }] });
    await assert.rejects(c.messages.create({ model: 'm', max_tokens: 1, messages: [{ role: 'user', content: 'x' }] }), /no step 1/);
  });

  it('refuses a request whose body carries a planted canary, and fails on close', async () => {
    const canary = 'zebra-quartz-canary-0042';
    const leaky = await MessagesDouble.start({ script: [textReply('a'), textReply('b')], canaries: [canary] });
    try {
      const c = client(leaky.url);
      await c.messages.create({ model: 'm', max_tokens: 1, messages: [{ role: 'user', content: 'clean' }] });
      assert.deepEqual(leaky.leaks, [], 'a clean request is not a leak');
      await assert.rejects(
        c.messages.create({ model: 'm', max_tokens: 1, messages: [{ role: 'user', content: `the file says ${canary}` }] }),
        /planted secret/,
      );
      assert.deepEqual(leaky.leaks, [{ index: 1, canary }]);
      await assert.rejects(leaky.close(), /a planted secret reached the model: request 1/);
    } finally {
      await leaky.close().catch(() => undefined);
    }
  });
});
