import * as assert from 'node:assert/strict';
import Anthropic from '@anthropic-ai/sdk';
import type { MessageParam } from '@anthropic-ai/sdk/resources/messages';
import { textReply, toolReply } from '../../../double/script';
import { MessagesDouble } from '../../../double/server';

const client = (url: string): Anthropic => new Anthropic({ apiKey: 'sk-test', baseURL: url, maxRetries: 0, logLevel: 'off' });
const tools = [{ name: 'create_file', description: 'x', input_schema: { type: 'object' as const } }];
const hello: MessageParam = { role: 'user', content: 'hi' };

describe('double: today’s API, checked against the real SDK', () => {
  let double: MessagesDouble | undefined;
  afterEach(async () => double?.close());

  it("streams thinking the SDK's own accumulator assembles into a message the double takes back", async () => {
    double = await MessagesDouble.start({
      script: [toolReply([{ name: 'create_file', input: { path: 'a.ts' } }], 'Writing.'), textReply('Done.')],
      thinking: {},
    });
    const c = client(double.url);
    const thinking = { type: 'adaptive' as const, display: 'summarized' as const };
    const message = await c.messages.stream({ model: 'claude-opus-5-5', max_tokens: 1000, thinking, tools, messages: [hello] }).finalMessage();
    assert.deepEqual(
      message.content.map((b) => b.type),
      ['thinking', 'text', 'tool_use'],
    );
    const block = message.content[0];
    assert.ok(block?.type === 'thinking' && block.thinking.length > 0 && block.signature.length > 0, 'summarized thinking, signed');
    const call = message.content[2];
    assert.ok(call?.type === 'tool_use');
    assert.deepEqual(call.input, { path: 'a.ts' });
    const next = await c.messages.create({
      model: 'claude-opus-5-5',
      max_tokens: 1000,
      thinking,
      tools,
      messages: [
        hello,
        { role: 'assistant', content: message.content },
        { role: 'user', content: [{ type: 'tool_result', tool_use_id: call.id, content: 'ok' }] },
      ],
    });
    assert.equal(next.stop_reason, 'end_turn', 'the assembled message goes back as it is');
  });

  it('sends empty thinking text unless the request asks for a summary', async () => {
    double = await MessagesDouble.start({ script: [textReply('a')], thinking: {} });
    const message = await client(double.url).messages.create({ model: 'claude-opus-5-5', max_tokens: 100, thinking: { type: 'adaptive' }, messages: [hello] });
    const block = message.content[0];
    assert.ok(block?.type === 'thinking' && block.thinking === '' && block.signature !== '');
  });

  it('refuses disabled thinking and a forced tool, as a model that always thinks does', async () => {
    double = await MessagesDouble.start({ script: [textReply('a'), textReply('b')], thinking: {} });
    const c = client(double.url);
    await assert.rejects(c.messages.create({ model: 'm', max_tokens: 100, thinking: { type: 'disabled' }, messages: [hello] }), /400.*not supported/s);
    await assert.rejects(
      c.messages.create({ model: 'm', max_tokens: 100, tools, tool_choice: { type: 'tool', name: 'create_file' }, messages: [hello] }),
      /tool_choice forces tool use/,
    );
  });

  it('cuts a reply at max_tokens mid tool call, and the SDK sees stop_reason max_tokens', async () => {
    const content = 'y'.repeat(2_000);
    double = await MessagesDouble.start({ script: [toolReply([{ name: 'create_file', input: { path: 'a.ts', content } }])] });
    const stream = client(double.url).messages.stream({ model: 'm', max_tokens: 100, tools, messages: [hello] });
    let json = '';
    stream.on('inputJson', (partial) => (json += partial));
    const message = await stream.finalMessage();
    const request = double.messageRequests()[0];
    assert.equal(request?.closed, 'finished');
    assert.equal(json.length, 400, 'about four characters a token: 100 tokens of tool input');
    assert.throws(() => JSON.parse(json) as unknown, 'the input is cut mid-JSON');
    assert.equal(message.stop_reason, 'max_tokens');
    assert.equal(message.usage.output_tokens, 100);
  });
});
