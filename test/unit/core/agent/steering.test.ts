import * as assert from 'node:assert/strict';
import { runAgent } from '../../../../src/core/agent/run';
import { SteeringQueue } from '../../../../src/core/agent/steering';
import { MAX_STEER_MESSAGE } from '../../../../src/shared/steerText';
import { asArray, field, type Json, withoutCacheControl } from '../../../double/json';
import { messagesOf, textReply, toolReply } from '../../../double/script';
import { type Harness, startHarness } from './harness';

const files = { 'src/a.ts': 'export const a = 1;\n' };
const read = toolReply([{ name: 'read_file', input: { path: 'src/a.ts' } }]);

/** The last message of a request, cache marks left out: its role and its blocks as `type:text-or-id`. */
function lastMessage(body: Json): { role: string; blocks: string[] } {
  const last = withoutCacheControl(messagesOf(body).at(-1) ?? null);
  return {
    role: String(field(last, 'role')),
    blocks: asArray(field(last, 'content')).map((b) => `${String(field(b, 'type'))}:${String(field(b, 'text') ?? field(b, 'tool_use_id'))}`),
  };
}

describe('steering queue: the user queues messages for a running agent', () => {
  it('keeps the messages in order; edits and withdraws them until they are drained, never after', () => {
    const queue = new SteeringQueue();
    const a = queue.add('  first  ');
    const b = queue.add('second');
    const c = queue.add('third');
    assert.ok(a.ok && b.ok && c.ok);
    assert.deepEqual(queue.edit(c.value, 'third, edited'), { ok: true, value: undefined });
    assert.deepEqual(queue.withdraw(b.value), { ok: true, value: undefined });
    assert.deepEqual(
      queue.pending().map((m) => m.text),
      ['first', 'third, edited'],
      'the text as written, trimmed, the edit in place, the withdrawn one gone',
    );
    assert.deepEqual(
      queue.drain().map((m) => m.id),
      [a.value, c.value],
      'drained oldest first',
    );
    assert.equal(queue.size, 0);
    const late = queue.edit(a.value, 'too late');
    assert.equal(late.ok ? 'edited' : late.code, 'E_SENT', 'a sent message cannot be edited');
    const gone = queue.withdraw(c.value);
    assert.equal(gone.ok ? 'withdrawn' : gone.code, 'E_SENT', 'nor withdrawn');
    const next = queue.add('fourth');
    assert.ok(next.ok && next.value !== a.value && next.value !== b.value && next.value !== c.value, 'an id is never given twice');
  });

  it('refuses an empty, a whitespace-only and an over-long message, and keeps the queue as it was', () => {
    const queue = new SteeringQueue([{ id: 'm4', text: 'kept' }]);
    for (const text of ['', ' \n\t ', 'x'.repeat(MAX_STEER_MESSAGE + 1)]) {
      const added = queue.add(text);
      assert.equal(added.ok ? 'queued' : added.code, 'E_INPUT', `queued ${JSON.stringify(text.slice(0, 10))}`);
      const edited = queue.edit('m4', text);
      assert.equal(edited.ok ? 'edited' : edited.code, 'E_INPUT');
    }
    const long = queue.add('x'.repeat(MAX_STEER_MESSAGE + 1));
    assert.match(long.ok ? '' : long.message, /at most 20,000 characters; this one has 20,001\./, 'the error says the limit and the length');
    assert.ok(queue.add('x'.repeat(MAX_STEER_MESSAGE)).ok, 'a message at the limit is queued');
    assert.deepEqual(queue.pending()[0], { id: 'm4', text: 'kept' });
    const next = queue.add('after a reload');
    assert.ok(next.ok && next.value === 'm6', `ids go on from the restored ones: ${next.ok ? next.value : next.message}`);
  });
});

describe('agent loop: queued messages go out at the next turn boundary', () => {
  let h: Harness | undefined;
  afterEach(async () => h?.close());

  it('appends them after the tool results of the turn that ended, in order; a withdrawn one is never sent', async () => {
    const steering = new SteeringQueue();
    const late: string[] = [];
    let a = '';
    h = await startHarness(({ index }) => {
      if (index === 0) {
        // The user types while the first turn runs.
        const first = steering.add('Use the helper in src/util.ts.');
        const second = steering.add('Ignore that.');
        const third = steering.add('And keep it short');
        assert.ok(first.ok && second.ok && third.ok);
        a = first.value;
        steering.withdraw(second.value);
        steering.edit(third.value, 'And keep it short, please.');
        return read;
      }
      const edited = steering.edit(a, 'changed after it was sent');
      late.push(edited.ok ? 'edited' : edited.code);
      return textReply('Done.');
    }, files);
    const run = await runAgent(h.deps, h.options({ steering }));
    assert.equal(run.state, 'done', run.error);

    const [first, second] = h.double.messageRequests();
    assert.deepEqual(lastMessage(first!.body).blocks.length, 1, 'the first request carries the opening only');
    const toolUseId = String(field(asArray(field(messagesOf(second!.body).at(-2) ?? null, 'content')).at(-1) ?? null, 'id'));
    assert.deepEqual(
      lastMessage(second!.body),
      { role: 'user', blocks: [`tool_result:${toolUseId}`, 'text:Use the helper in src/util.ts.', 'text:And keep it short, please.'] },
      'one user message: the tool result first, then the queued messages in order',
    );
    const roles = messagesOf(second!.body).map((m) => field(m, 'role'));
    assert.deepEqual(roles, ['user', 'assistant', 'user'], 'roles still alternate');
    assert.ok(!h.double.messageRequests().some((r) => r.raw.includes('Ignore that.')), 'the withdrawn message was sent');
    assert.deepEqual(late, ['E_SENT'], 'a sent message could still be edited');
    assert.deepEqual(
      h.events.filter((e) => e.type === 'steer' || e.type === 'turn_start').map((e) => (e.type === 'steer' ? e.text : `turn ${e.turn}`)),
      ['turn 1', 'Use the helper in src/util.ts.', 'And keep it short, please.', 'turn 2'],
      'the log shows each message where it was sent: between the turns',
    );
    assert.ok(JSON.stringify(run.messages).includes('And keep it short, please.'), 'the transcript (what a continued run resends) holds the message');
  });

  it('a message queued while the model gives its final answer gets a turn of its own', async () => {
    const steering = new SteeringQueue();
    h = await startHarness(({ index }) => {
      if (index === 0) {
        steering.add('Also say what you did not do.');
        return textReply('Done.');
      }
      return textReply('Done; I did not touch the tests.');
    }, files);
    const run = await runAgent(h.deps, h.options({ mode: 'plan', steering }));
    assert.equal(run.state, 'done', run.error);
    const requests = h.double.messageRequests();
    assert.equal(requests.length, 2, 'the run ended with the message unsent');
    assert.deepEqual(lastMessage(requests[1]!.body), { role: 'user', blocks: ['text:Also say what you did not do.'] });
    assert.equal(run.summary, 'Done; I did not touch the tests.', 'the answer to the message is the summary');
  });

  it('a message the run ended before sending stays queued, and a continued run sends it first', async () => {
    const steering = new SteeringQueue();
    h = await startHarness(({ index }) => {
      if (index === 0) {
        steering.add('Rename it to b.');
        return read;
      }
      return textReply('Renamed.');
    }, files);
    const stopped = await runAgent(h.deps, h.options({ steering, maxTurns: 1 }));
    assert.equal(stopped.endReason, 'max_turns');
    assert.deepEqual(
      steering.pending().map((m) => m.text),
      ['Rename it to b.'],
      'the message is still queued after the run ended',
    );
    h.events.length = 0;
    const prior = JSON.parse(JSON.stringify(stopped)) as typeof stopped;
    const continued = await runAgent(h.deps, h.options({ steering, prior, prompt: 'Then stop.' }));
    assert.equal(continued.state, 'done', continued.error);
    const blocks = lastMessage(h.double.messageRequests()[1]!.body).blocks;
    assert.deepEqual(blocks.slice(1), ['text:Rename it to b.', 'text:Then stop.'], 'the queued message goes first, then the new one');
    assert.match(blocks[0] ?? '', /^tool_result:/, 'after the tool results the run stopped on');
    assert.deepEqual(
      h.events.slice(0, 3).map((e) => e.type),
      ['state', 'steer', 'user'],
    );
    assert.equal(steering.size, 0);
  });
});
