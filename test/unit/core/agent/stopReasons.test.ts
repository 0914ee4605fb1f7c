import * as assert from 'node:assert/strict';
import { runAgent } from '../../../../src/core/agent/run';
import { outcomeOf, toAssistantBlocks } from '../../../../src/core/agent/stopReasons';
import { field, type Json } from '../../../double/json';
import { lastToolResults, lastUserText, messagesOf, type Script, type Step, textReply, toolReply } from '../../../double/script';
import { type Harness, startHarness } from './harness';

/** 100 KB of numbered lines: every line is unique, so an edit can anchor on the last one. */
const bigFile = Array.from({ length: 2_400 }, (_, i) => `export const line${String(i).padStart(4, '0')} = '${'x'.repeat(20)}';`).join('\n') + '\n';

function lastMessage(body: Json): Json | undefined {
  const messages = messagesOf(body);
  return messages[messages.length - 1];
}

describe('agent: stop reasons, each with its outcome', () => {
  let h: Harness | undefined;
  afterEach(async () => h?.close());

  async function run(script: Script, overrides: Parameters<Harness['options']>[0] = {}) {
    h = await startHarness(script, { 'src/a.ts': 'a\n' });
    const transcript = await runAgent(h.deps, h.options({ followUps: [], model: 'claude-opus-5-5', ...overrides }));
    return { transcript, harness: h };
  }

  it('a 100 KB file is created in one call when max_tokens is the model maximum', async () => {
    assert.ok(bigFile.length >= 100_000, 'the file must be at least 100 KB');
    const { transcript, harness } = await run([
      toolReply([{ name: 'create_file', input: { path: 'src/big.ts', content: bigFile, step: 's1' } }]),
      textReply('Created.'),
    ]);
    assert.equal(transcript.state, 'done', transcript.error);
    assert.equal(field(harness.double.messageRequests()[0]?.body ?? null, 'max_tokens'), 128_000, "max_tokens is the model's max output");
    assert.equal(harness.sink.latest().get('src/big.ts')?.proposedText, bigFile, 'the file is proposed exactly');
  });

  it('a call cut at max_tokens is not run; the model is told, writes the file in parts, and the run ends with the exact file', async () => {
    const part = 30_000;
    const script: Script = ({ body }) => {
      const results = lastToolResults(body);
      if (results.length === 0) return toolReply([{ name: 'create_file', input: { path: 'src/big.ts', content: bigFile, step: 's1' } }]);
      if (results.some((r) => r.isError)) {
        // Told it was cut: create the file with the first part.
        return toolReply([{ name: 'create_file', input: { path: 'src/big.ts', content: bigFile.slice(0, part), step: 's1' } }]);
      }
      const written = messagesOf(body).filter((m) => field(m, 'role') === 'assistant').length - 1;
      const from = written * part;
      if (from >= bigFile.length) return textReply('Written in parts.');
      const anchor = bigFile.slice(from - 40, from);
      return toolReply([
        { name: 'propose_edit', input: { path: 'src/big.ts', old_string: anchor, new_string: anchor + bigFile.slice(from, from + part), step: 's1' } },
      ]);
    };
    const { transcript, harness } = await run(script, { maxTokens: 8_192, maxTurns: 20 });
    assert.equal(transcript.state, 'done', transcript.error);
    const second = harness.double.messageRequests()[1]?.body ?? null;
    const told = lastToolResults(second);
    assert.equal(told.length, 1);
    assert.ok(told[0]?.isError, 'the cut call gets an error result');
    assert.match(told[0]?.text ?? '', /cut at max_tokens \(8192 tokens\) in the middle of this call.*write the file in parts/is);
    assert.equal(harness.sink.batches[0]?.[0]?.proposedText, bigFile.slice(0, part), 'the cut call proposed nothing: the first proposal is the first part');
    assert.equal(harness.sink.latest().get('src/big.ts')?.proposedText, bigFile, 'the parts add up to the exact file');
    assert.equal(transcript.turns[0]?.stopReason, 'max_tokens');
  });

  it('a plain-text answer cut at max_tokens is continued and joined; still cut after three continuations, the run fails', async () => {
    const plan = `# Plan\n\n${'- [ ] a step that is described at length\n'.repeat(1_500)}`;
    const shown = 4 * 4_000;
    const continued: Script = ({ body }) => {
      const asked = lastUserText(body).includes('cut at max_tokens');
      const sent = messagesOf(body).filter((m) => field(m, 'role') === 'assistant').length * shown;
      return textReply(asked ? plan.slice(sent) : plan);
    };
    const done = await run(continued, { mode: 'plan', maxTokens: 4_000 });
    assert.equal(done.transcript.state, 'done', done.transcript.error);
    assert.equal(done.transcript.summary, plan, 'the parts join into the whole plan');
    await h?.close();
    h = undefined;

    const endless: Step[] = Array.from({ length: 5 }, () => textReply(plan));
    const cut = await run(endless, { mode: 'plan', maxTokens: 4_000 });
    assert.equal(cut.transcript.state, 'failed', 'a truncated plan is never a completed run');
    assert.equal(cut.transcript.endReason, 'max_tokens');
    assert.equal(cut.harness.double.messageRequests().length, 4, 'one answer and three continuations');
  });

  it('pause_turn sends the content back as it is and goes on', async () => {
    const { transcript, harness } = await run([
      textReply('Searching first.', { stopReason: 'pause_turn' }),
      toolReply([{ name: 'read_file', input: { path: 'src/a.ts' } }]),
      textReply('Done.'),
    ]);
    assert.equal(transcript.state, 'done', transcript.error);
    const second = harness.double.messageRequests()[1]?.body ?? null;
    const last = lastMessage(second);
    assert.equal(field(last, 'role'), 'assistant', 'the paused turn is the end of the next request');
    assert.match(JSON.stringify(field(last, 'content')), /Searching first\./);
  });

  it('refusal ends the run with what the model said, and nothing of that turn is run', async () => {
    const { transcript, harness } = await run([
      {
        kind: 'reply',
        content: [
          { type: 'text', text: 'I will not write that.' },
          { type: 'tool_use', name: 'create_file', input: { path: 'src/x.ts', content: 'x', step: 's1' } },
        ],
        stopReason: 'refusal',
      },
    ]);
    assert.equal(transcript.state, 'failed');
    assert.equal(transcript.endReason, 'refused');
    assert.match(transcript.error ?? '', /declined.*I will not write that\./);
    assert.equal(harness.sink.batches.length, 0, 'a refused turn proposes nothing');
  });

  it('model_context_window_exceeded ends the loop as context_full, its partial turn not kept', async () => {
    const { transcript } = await run([textReply('Half an ans', { stopReason: 'model_context_window_exceeded' })]);
    assert.equal(transcript.state, 'failed');
    assert.equal(transcript.endReason, 'context_full');
    assert.ok(!JSON.stringify(transcript.messages).includes('Half an ans'), 'the cut turn is not in the conversation');
  });

  it('keeps signed and redacted thinking in order, and drops what the API would refuse back', () => {
    const blocks = toAssistantBlocks([
      { type: 'thinking', thinking: 'plan', signature: 'sig-1' },
      { type: 'text', text: '' },
      { type: 'redacted_thinking', data: 'opaque' },
      { type: 'tool_use', id: 't1', name: 'read_file', input: undefined, rawInput: '{"pa' },
      { type: 'thinking', thinking: 'cut before its signature', signature: '' },
    ]);
    assert.deepEqual(blocks, [
      { type: 'thinking', thinking: 'plan', signature: 'sig-1' },
      { type: 'redacted_thinking', data: 'opaque' },
      { type: 'tool_use', id: 't1', name: 'read_file', input: {} },
    ]);
  });

  it('at max_tokens, a last call with no input at all counts as cut; a whole one does not', () => {
    const usage = { input: 0, output: 0, cacheRead: 0, cacheWrite: 0 };
    const whole = { type: 'tool_use' as const, id: 'a', name: 'read_file', input: { path: 'a' }, rawInput: '{"path":"a"}' };
    const empty = { type: 'tool_use' as const, id: 'b', name: 'create_file', input: {}, rawInput: '' };
    assert.deepEqual(outcomeOf({ content: [whole, empty], stopReason: 'max_tokens', usage }), { kind: 'tools', calls: [whole, empty], cut: empty });
    assert.deepEqual(outcomeOf({ content: [whole], stopReason: 'max_tokens', usage }), { kind: 'tools', calls: [whole] });
    assert.deepEqual(
      outcomeOf({ content: [empty], stopReason: 'tool_use', usage }),
      { kind: 'tools', calls: [empty] },
      'a call without input is fine when nothing was cut',
    );
  });
});
