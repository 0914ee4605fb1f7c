import * as assert from 'node:assert/strict';
import { defaultFollowUps, runAgent } from '../../../../src/core/agent/run';
import { field, type Json } from '../../../double/json';
import { lastUserText, textReply, toolReply } from '../../../double/script';
import { type Harness, startHarness } from './harness';

const greet = "export function greet(name: string) {\n  return 'Hello ' + name;\n}\n";
const index = "import { greet } from '../../agent/greet';\nconsole.log(greet('world'));\n";
const workspace = { 'src/greet.ts': greet, 'src/index.ts': index, 'AGENTS.md': 'Use two-space indents.' };

const script = [
  toolReply(
    [
      { name: 'read_file', input: { path: 'src/greet.ts' } },
      { name: 'read_file', input: { path: 'src/index.ts' } },
    ],
    'Reading.',
  ),
  toolReply([
    { name: 'propose_edit', input: { path: 'src/greet.ts', old_string: 'function greet(', new_string: 'function hello(', step: 's1' } },
    {
      name: 'propose_edit',
      input: {
        path: 'src/index.ts',
        old_string: "import { greet } from '../../agent/greet';\nconsole.log(greet(",
        new_string: "import { hello } from '../../agent/greet';\nconsole.log(hello(",
        step: 's1',
      },
    },
    { name: 'set_step_status', input: { step: 's1', status: 'done' } },
  ]),
  toolReply([
    { name: 'read_file', input: { path: 'src/greet.ts' } },
    { name: 'create_file', input: { path: 'test/hello.test.ts', content: "import { hello } from '../../src/greet';\n", step: 's3' } },
    { name: 'run_check', input: { check: 'unit tests' } },
  ]),
  textReply('Done: s1 renamed greet to hello; s3 added a test.'),
  textReply('Every step is done.'),
  textReply('The test fails if hello is reverted.'),
];

/** tools+system+messages as the request serialized them, without the closing brackets. */
function prefixOf(body: Json): string {
  return JSON.stringify([field(body, 'tools'), field(body, 'system'), field(body, 'messages')]).slice(0, -2);
}

describe('agent: a build run against the double', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness(script, workspace);
  });
  afterEach(async () => h.close());

  it('proposes edits in three files, runs the declared check, follow-ups, then the plan checks', async () => {
    const run = await runAgent(h.deps, h.options({ followUps: defaultFollowUps }));
    assert.equal(run.state, 'done', run.error);
    assert.equal(run.endReason, 'completed');

    const latest = h.sink.latest();
    assert.deepEqual([...latest.keys()].sort(), ['src/greet.ts', 'src/index.ts', 'test/hello.test.ts']);
    assert.equal(latest.get('src/greet.ts')?.proposedText, greet.replace('function greet(', 'function hello('));
    assert.equal(latest.get('src/greet.ts')?.baseText, greet, 'the base is the file on disk');
    assert.equal(latest.get('test/hello.test.ts')?.baseText, null, 'a created file has no base');
    assert.deepEqual(latest.get('src/index.ts')?.stepRanges, [{ startLine: 1, endLine: 2, step: 's1' }]);
    assert.deepEqual(latest.get('test/hello.test.ts')?.stepRanges, [{ startLine: 1, endLine: 1, step: 's3' }]);
    assert.equal(h.files.files.get('src/greet.ts'), greet, "the user's file is untouched");

    assert.equal(h.checks.runs.length, 2, "the model's run_check, then the plan's check after the follow-ups");
    assert.deepEqual(
      h.checks.runs[0]?.proposals.map((p) => p.path),
      ['src/greet.ts', 'src/index.ts', 'test/hello.test.ts'],
      'the check sees every pending proposal',
    );
    assert.deepEqual(run.stepStatuses, { s1: { status: 'done' } });
    assert.equal(run.summary, 'The test fails if hello is reverted.');

    const requests = h.double.messageRequests();
    assert.equal(requests.length, 6, 'four main turns and two follow-ups');
    assert.match(lastUserText(requests[3]?.body ?? null), /function hello\(/, 'reading a proposed file gives the proposed text');
    assert.match(lastUserText(requests[3]?.body ?? null), /all tests passed/, 'the check output goes back to the model');
    assert.match(lastUserText(requests[4]?.body ?? null), /Re-read your changes/);
    assert.match(requests[0]?.raw ?? '', /Use two-space indents/, 'AGENTS.md is in the system prompt');
  });

  it('marks cache breakpoints and keeps each request a byte prefix of the next', async () => {
    const run = await runAgent(h.deps, h.options({ followUps: defaultFollowUps }));
    assert.equal(run.state, 'done', run.error);
    const requests = h.double.messageRequests();
    for (const [n, request] of requests.entries()) {
      const marks = request.raw.split('"cache_control"').length - 1;
      assert.equal(marks, 3, `request ${n}: the last tool, the last system block, and the top-level one for the latest message`);
      assert.deepEqual(field(request.body, 'cache_control'), { type: 'ephemeral' }, `request ${n}: top-level breakpoint`);
      const next = requests[n + 1];
      if (next !== undefined) {
        assert.ok(prefixOf(next.body).startsWith(prefixOf(request.body)), `request ${n} must be a prefix of request ${n + 1}`);
      }
    }
    assert.ok(
      run.turns.slice(1).every((t) => t.usage.cacheRead > 0),
      'every later turn reads the earlier ones from cache',
    );
    assert.ok(run.usage.costUsd > 0, 'the price table gives a cost');
  });

  it('tells the model a rejection reason at the start of its next turn', async () => {
    const reason = 'keep the name greet: other packages import it';
    // The reviewer rejects as soon as the first proposals arrive.
    const apply = h.sink.apply.bind(h.sink);
    h.sink.apply = async (files) => {
      await apply(files);
      if (h.sink.batches.length === 1) h.feedback.add({ path: 'src/greet.ts', hunkId: 'h1', reason });
    };
    const run = await runAgent(h.deps, h.options());
    assert.equal(run.state, 'done', run.error);
    const requests = h.double.messageRequests();
    assert.ok((requests[2]?.raw ?? '').includes(reason), 'the turn after the rejection carries the reason');
    assert.ok(!(requests[1]?.raw ?? '').includes(reason), 'no earlier request has it');
    assert.match(lastUserText(requests[2]?.body ?? null), /rejected hunk h1 in src\/greet\.ts/);
    assert.equal(h.feedback.size, 0, 'the note is told once');
  });

  it('stores a run as JSON and continues it where it stopped', async () => {
    const stopped = await runAgent(h.deps, h.options({ maxTurns: 2 }));
    assert.equal(stopped.endReason, 'max_turns');
    const stored = JSON.parse(JSON.stringify(stopped)) as typeof stopped;
    const continued = await runAgent(h.deps, h.options({ prior: stored, maxTurns: 10 }));
    assert.equal(continued.state, 'done', continued.error);
    assert.equal(continued.turns.length, 4, 'two stored turns and two new ones');
    const requests = h.double.messageRequests();
    const before = JSON.stringify(field(requests[1]?.body ?? null, 'messages')).slice(0, -1);
    assert.ok(JSON.stringify(field(requests[2]?.body ?? null, 'messages')).startsWith(before), 'the continued run resends the stored messages unchanged');
    assert.equal(h.sink.latest().size, 3, 'the continued run still sees and extends the earlier proposals');
  });
});
