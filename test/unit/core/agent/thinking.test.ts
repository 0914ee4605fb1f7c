import * as assert from 'node:assert/strict';
import type { Message } from '../../../../src/core/agent/conversation';
import type { ModelPort } from '../../../../src/core/agent/ports';
import { requestShapeFor } from '../../../../src/core/agent/requestShape';
import { runAgent } from '../../../../src/core/agent/run';
import { asArray, field, type Json } from '../../../double/json';
import { messagesOf, type Script, textReply, toolReply } from '../../../double/script';
import { type Harness, startHarness } from './harness';

/** Three tool turns, then the answer: each tool turn's thinking must come back in the next request. */
const toolTurns: Script = [
  toolReply([{ name: 'read_file', input: { path: 'src/a.ts' } }], 'Reading a.'),
  {
    kind: 'reply',
    content: [
      { type: 'thinking', thinking: 'a.ts holds one line; b.ts is next.' },
      { type: 'tool_use', name: 'read_file', input: { path: 'src/b.ts' } },
      { type: 'thinking', thinking: 'Both read: now the edit.' },
      { type: 'redacted_thinking' },
    ],
  },
  toolReply([{ name: 'propose_edit', input: { path: 'src/a.ts', old_string: 'a', new_string: 'A', step: 's1' } }]),
  textReply('Done.'),
];

function assistantTurns(body: Json): Json[] {
  return messagesOf(body).filter((m) => field(m, 'role') === 'assistant');
}

/** A model port that changes what the loop sends back, to prove the double notices. */
function tampering(inner: ModelPort, change: (messages: Message[]) => Message[]): ModelPort {
  return { send: (request, options) => inner.send({ ...request, messages: change(request.messages) }, options) };
}

describe('agent: thinking against a model that always thinks', () => {
  let h: Harness | undefined;
  afterEach(async () => h?.close());

  async function start(script: Script): Promise<Harness> {
    h = await startHarness(script, { 'src/a.ts': 'a\n', 'src/b.ts': 'b\n' }, { maxRetries: 0, thinking: { secret: 'double-secret' } });
    return h;
  }

  it('keeps thinking blocks and sends them back unchanged, in order, over several tool turns', async () => {
    const harness = await start(toolTurns);
    const run = await runAgent(harness.deps, harness.options({ followUps: [], model: 'claude-opus-5-5', effort: 'high' }));
    assert.equal(run.state, 'done', run.error);
    const requests = harness.double.messageRequests();
    assert.equal(requests.length, 4, 'three tool turns and the answer, none refused');
    const first = requests[0]?.body ?? null;
    assert.deepEqual(field(first, 'thinking'), { type: 'adaptive', display: 'summarized' });
    assert.deepEqual(field(first, 'output_config'), { effort: 'high' });
    const sentBack = assistantTurns(requests[3]?.body ?? null).map((m) => asArray(field(m, 'content')).map((b) => field(b, 'type')));
    assert.deepEqual(sentBack, [
      ['thinking', 'text', 'tool_use'],
      ['thinking', 'tool_use', 'thinking', 'redacted_thinking'],
      ['thinking', 'tool_use'],
    ]);
    const second = asArray(field(assistantTurns(requests[3]?.body ?? null)[1], 'content'));
    assert.equal(field(second[2], 'thinking'), 'Both read: now the edit.', 'the summary text comes back as received');
    assert.ok(
      run.messages.some((m) => m.role === 'assistant' && m.content.some((b) => b.type === 'thinking' && b.signature !== '')),
      'the transcript keeps the signed blocks',
    );
    const thought = harness.events.flatMap((e) => (e.type === 'thinking' ? [e.text] : [])).join('');
    assert.match(thought, /a\.ts holds one line/, 'the thinking summary streams as its own events');
    assert.equal(harness.sink.latest().get('src/a.ts')?.proposedText, 'A\n');
  });

  it('a stored run that stopped between tool turns continues with its thinking intact', async () => {
    const harness = await start(toolTurns);
    const first = await runAgent(harness.deps, harness.options({ followUps: [], model: 'claude-opus-5-5', maxTurns: 2 }));
    assert.equal(first.endReason, 'max_turns', first.error);
    const stored = JSON.parse(JSON.stringify(first)) as typeof first;
    const continued = await runAgent(harness.deps, harness.options({ followUps: [], model: 'claude-opus-5-5', prior: stored }));
    assert.equal(continued.state, 'done', continued.error);
    assert.equal(harness.double.messageRequests().length, 4, 'the continued request was taken: its thinking came back as issued');
  });

  it('a dropped thinking block is refused with the API 400, an altered one too', async () => {
    const dropped = await start(toolTurns);
    const dropThinking = (messages: Message[]): Message[] =>
      messages.map((m) => (m.role === 'assistant' ? { role: 'assistant', content: m.content.filter((b) => b.type !== 'thinking') } : m));
    const run = await runAgent(
      { ...dropped.deps, model: tampering(dropped.model, dropThinking) },
      dropped.options({ followUps: [], model: 'claude-opus-5-5' }),
    );
    assert.equal(run.state, 'failed');
    assert.match(run.error ?? '', /Expected `thinking` or `redacted_thinking`, but found `text`/);
    await dropped.close();

    const altered = await start(toolTurns);
    const alter = (messages: Message[]): Message[] =>
      messages.map((m) =>
        m.role === 'assistant' ? { role: 'assistant', content: m.content.map((b) => (b.type === 'thinking' ? { ...b, thinking: `${b.thinking} ` } : b)) } : m,
      );
    const run2 = await runAgent({ ...altered.deps, model: tampering(altered.model, alter) }, altered.options({ followUps: [], model: 'claude-opus-5-5' }));
    assert.equal(run2.state, 'failed');
    assert.match(run2.error ?? '', /Invalid `signature` in `thinking` block/);
  });

  it('the request shape follows the model table: a model without thinking or efforts gets neither', () => {
    assert.deepEqual(requestShapeFor('claude-opus-5-5', 'max'), { maxTokens: 128_000, thinking: { type: 'adaptive', display: 'summarized' }, effort: 'max' });
    assert.deepEqual(requestShapeFor('claude-opus-5-5', undefined, 8_192), { maxTokens: 8_192, thinking: { type: 'adaptive', display: 'summarized' } });
    assert.deepEqual(requestShapeFor('some-unknown-model', 'high'), { maxTokens: 32_000 });
  });
});
