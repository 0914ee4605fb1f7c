import * as assert from 'node:assert/strict';
import { clipResult, resultClip } from '../../../../src/core/agent/context';
import type { AssistantBlock, Message } from '../../../../src/core/agent/conversation';
import type { AgentEvent } from '../../../../src/core/agent/events';
import { ProposalOverlay } from '../../../../src/core/agent/overlay';
import { runAgent } from '../../../../src/core/agent/run';
import { compactedMessages } from '../../../../src/core/agent/summary';
import type { RunTranscript } from '../../../../src/core/agent/transcript';
import { createAnthropicModel } from '../../../../src/model/anthropicModel';
import { timedSearch } from '../../../../src/node/search/timedSearch';
import { type Step, textReply, toolReply } from '../../../double/script';
import { MessagesDouble } from '../../../double/server';
import { FakeChecks, FakeGuard, MemoryFiles, RecordingSink, plan, systemClock } from './fakes';
import { apiKey } from './harness';

const big = (n: number): string => Array.from({ length: n }, (_, i) => `export const line${i} = ${i}; // padding padding padding`).join('\n');

function turn(i: number, result: string): Message[] {
  return [
    {
      role: 'assistant',
      content: [
        { type: 'text', text: `Reading m${i}.` },
        { type: 'tool_use', id: `t${i}`, name: 'read_file', input: { path: `src/m${i}.ts` } },
      ],
    },
    { role: 'user', content: [{ type: 'tool_result', tool_use_id: `t${i}`, content: result }] },
  ];
}

const facts = { steps: [{ id: 's1', title: 'Rename greet', status: 'in_progress' }], proposals: [] };

describe('agent: the context window', () => {
  it('clips a large tool result and says how to read the rest by line range', () => {
    const text = big(2000);
    const clipped = clipResult(text);
    assert.ok(clipped.length < resultClip + 400, 'the result was not clipped');
    assert.ok(clipped.startsWith(text.slice(0, resultClip)), 'the clipped result does not start with the result');
    assert.match(clipped, /read_file and a line range \(start_line\/end_line\)/);
    assert.match(clipped, /lines 5\d\d–2000 of 2000/, 'the note does not say which lines are missing');
    assert.equal(clipResult('short'), 'short');
  });

  it('keeps the recent turns verbatim (the last with its thinking blocks) and summarizes the older ones', () => {
    const thinking = { type: 'thinking', thinking: 'I should read m9.', signature: 'sig-9' } as unknown as AssistantBlock;
    const last: Message = { role: 'assistant', content: [thinking, { type: 'tool_use', id: 't9', name: 'read_file', input: { path: 'src/m9.ts' } }] };
    const messages: Message[] = [{ role: 'user', content: [{ type: 'text', text: 'Implement the plan.' }] }];
    for (let i = 0; i < 9; i++) messages.push(...turn(i, big(40)));
    messages.push(last, { role: 'user', content: [{ type: 'tool_result', tool_use_id: 't9', content: big(40) }] });
    const compacted = compactedMessages(messages, facts, 8_000);
    assert.ok(compacted !== undefined, 'nothing was compacted');
    const [summary, ...tail] = compacted.messages;
    assert.equal(summary?.role, 'user');
    assert.deepEqual(tail, messages.slice(messages.length - tail.length), 'the recent turns were changed');
    assert.deepEqual(tail.at(-2), last, 'the last assistant turn (its thinking block) did not come back unchanged');
    assert.ok(tail.length < messages.length - 1 && tail[0]?.role === 'assistant', 'the tail must start with an assistant turn');
    const text = summary?.content[0]?.type === 'text' ? summary.content[0].text : '';
    assert.match(text, /^\[Context summary\] The first \d+ turns/);
    assert.match(text, /> Implement the plan\./, "the user's task is lost");
    assert.match(text, /- read_file src\/m0\.ts → ok/, 'the first action is lost');
    assert.match(text, /- s1 Rename greet: in_progress/);

    // A second compaction carries the first summary's actions over.
    const more = [...compacted.messages];
    for (let i = 10; i < 20; i++) more.push(...turn(i, big(40)));
    const again = compactedMessages(more, facts, 8_000);
    const text2 = again?.messages[0]?.content[0]?.type === 'text' ? again.messages[0].content[0].text : '';
    assert.match(text2, /^- read_file src\/m0\.ts → ok/m, 'the second summary forgot what the first one said');
    assert.match(text2, /^- read_file src\/m12\.ts → ok/m, 'the second summary misses its own turns');
    assert.equal((text2.match(/\[Context summary\]/g) ?? []).length, 1, 'the first summary is nested in the second');
    assert.equal((text2.match(/> Implement the plan\./g) ?? []).length, 1, "the user's task is listed twice");
  });

  it('compacts and sends once more when the API says the prompt is too long', async () => {
    const files = Object.fromEntries(Array.from({ length: 8 }, (_, i) => [`src/m${i}.ts`, big(120)]));
    const script = [...Array.from({ length: 8 }, (_, i) => toolReply([{ name: 'read_file', input: { path: `src/m${i}.ts` } }])), textReply('Read them all.')];
    // compactAt past 1: our estimate never compacts here, only the API's 400 can make it.
    const { run, double, events } = await runWithWindow(script, files, 12_000);
    assert.equal(run.state, 'done', run.error);
    assert.ok(
      double.messageRequests().some((r) => r.step === undefined),
      'the window was never reached',
    );
    assert.ok(
      events.some((e) => e.type === 'compacted'),
      'no compaction after the 400',
    );
  });

  it('compacts and asks again when the model stops because the window filled (model_context_window_exceeded)', async () => {
    const files = Object.fromEntries(Array.from({ length: 4 }, (_, i) => [`src/m${i}.ts`, big(20)]));
    const script = [
      ...Array.from({ length: 4 }, (_, i) => toolReply([{ name: 'read_file', input: { path: `src/m${i}.ts` } }])),
      textReply('', { stopReason: 'model_context_window_exceeded' }),
      textReply('Read them all.'),
    ];
    const { run, events } = await runWithWindow(script, files, 100_000);
    assert.equal(run.state, 'done', run.error);
    assert.equal(run.summary, 'Read them all.');
    assert.equal(events.filter((e) => e.type === 'compacted').length, 1, 'the full window was not compacted once');
  });

  it('fails the run when the request compacted after a 400 is refused again', async () => {
    const files = { 'src/a.ts': big(10), 'src/huge.ts': big(2000) };
    const script = [
      toolReply([{ name: 'read_file', input: { path: 'src/a.ts' } }]),
      toolReply([{ name: 'read_file', input: { path: 'src/huge.ts' } }]),
      textReply('never'),
    ];
    const { run, double } = await runWithWindow(script, files, 8_000);
    assert.equal(run.state, 'failed');
    assert.match(run.error ?? '', /prompt is too long/);
    assert.equal(double.messageRequests().filter((r) => r.step === undefined).length, 2, 'the refused request was not sent exactly once more');
  });
});

/** A build run against a double with a context window; the keeper's own threshold is off. */
async function runWithWindow(
  steps: Step[],
  files: Record<string, string>,
  window: number,
): Promise<{ run: RunTranscript; double: MessagesDouble; events: AgentEvent[] }> {
  let answered = 0;
  const double = await MessagesDouble.start({ script: () => steps[answered++] ?? textReply('extra'), contextWindow: window });
  const memory = new MemoryFiles(new Map(Object.entries(files)));
  const events: AgentEvent[] = [];
  const model = createAnthropicModel({ credentials: () => ({ apiKey, baseURL: double.url }), maxRetries: 0 });
  const run = await runAgent(
    { model, files: memory, search: timedSearch(), guard: new FakeGuard(), sink: new RecordingSink(), checks: new FakeChecks(), clock: systemClock },
    {
      id: 'window',
      mode: 'build',
      plan: plan({ checks: [] }),
      model: 'claude-test',
      maxTurns: 20,
      prices: {},
      followUps: [],
      overlay: new ProposalOverlay(memory),
      signal: new AbortController().signal,
      onEvent: (e) => events.push(e),
      context: { window, compactAt: 5 },
    },
  );
  await double.close();
  return { run, double, events };
}
