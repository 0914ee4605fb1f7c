import * as assert from 'node:assert/strict';
import { limits } from '../../../../src/core/agent/toolRegistry';
import { runAgent } from '../../../../src/core/agent/run';
import { field, asArray } from '../../../double/json';
import { lastToolResults, textReply, toolReply } from '../../../double/script';
import { type Harness, startHarness } from './harness';

const canary = 'CANARY-7f3a9c1e';

describe('agent: modes, paths and tool input', () => {
  let h: Harness | undefined;
  afterEach(async () => h?.close());

  it('plan mode offers only read tools and refuses a write tool, proposing nothing', async () => {
    h = await startHarness(
      [
        toolReply([
          { name: 'propose_edit', input: { path: 'src/a.ts', old_string: 'a', new_string: 'b', step: 's1' } },
          { name: 'create_file', input: { path: 'src/new.ts', content: 'x', step: 's1' } },
          { name: 'run_check', input: { check: 'unit tests' } },
        ]),
        textReply('# Plan\n- [ ] s1 change a'),
      ],
      { 'src/a.ts': 'a\n' },
    );
    const run = await runAgent(h.deps, h.options({ mode: 'plan' }));
    assert.equal(run.state, 'done', run.error);
    const first = h.double.messageRequests()[0]?.body ?? null;
    const offered = asArray(field(first, 'tools')).map((t) => field(t, 'name'));
    assert.deepEqual(offered, ['read_file', 'list_dir', 'find_files', 'search_text'], 'plan mode offers read tools only');
    const results = lastToolResults(h.double.messageRequests()[1]?.body ?? null);
    assert.ok(
      results.every((r) => r.isError && /not available in plan mode/.test(r.text)),
      JSON.stringify(results),
    );
    assert.equal(h.sink.batches.length, 0, 'nothing reaches the changeset');
    assert.deepEqual(h.overlay.all(), [], 'nothing is proposed');
    assert.equal(h.checks.runs.length, 0, 'no check runs');
    assert.equal(run.summary, '# Plan\n- [ ] s1 change a', 'the drafted plan is the run summary');
  });

  it('a secret the guard refuses never reaches a request, by any read tool', async () => {
    h = await startHarness(
      [
        toolReply([
          { name: 'read_file', input: { path: '.env' } },
          { name: 'read_file', input: { path: 'src/../.env' } },
          { name: 'search_text', input: { pattern: 'CANARY' } },
          { name: 'list_dir', input: { path: '.' } },
          { name: 'find_files', input: { glob: '**/*' } },
          { name: 'propose_edit', input: { path: '.env.local', old_string: 'x', new_string: 'y', step: 's1' } },
        ]),
        textReply('done'),
      ],
      { '.env': `TOKEN=${canary}`, '.env.local': `OTHER=${canary}`, 'src/a.ts': 'const a = 1;\n' },
    );
    const run = await runAgent(h.deps, h.options());
    assert.equal(run.state, 'done', run.error);
    assert.ok(!h.double.allBodies().includes(canary), 'the canary must not be sent to the model');
    const results = lastToolResults(h.double.messageRequests()[1]?.body ?? null);
    assert.deepEqual(
      results.map((r) => r.isError),
      [true, true, false, false, false, true],
    );
    assert.equal(results[3]?.text, 'src/', 'a denied file is not even named in a listing');
    assert.equal(results[4]?.text, 'src/a.ts', 'nor found by a glob');
    assert.ok(!h.files.reads.includes('.env'), 'the Files port is never asked for a denied file');
  });

  it('propose_edit with zero or several matches is an error that says which and how many', async () => {
    h = await startHarness(
      [
        toolReply([
          { name: 'propose_edit', input: { path: 'src/a.ts', old_string: 'x = 1;', new_string: 'x = 2;', step: 's1' } },
          { name: 'propose_edit', input: { path: 'src/a.ts', old_string: 'y = 1;', new_string: 'y = 2;', step: 's1' } },
          { name: 'propose_edit', input: { path: 'src/missing.ts', old_string: 'a', new_string: 'b', step: 's1' } },
          { name: 'propose_edit', input: { path: 'src/a.ts', old_string: 'let x = 1;\n// two', new_string: 'let x = 3;\n// two', step: 'nope' } },
        ]),
        textReply('done'),
      ],
      { 'src/a.ts': 'let x = 1;\n// one\nlet x = 1;\n// two\n' },
    );
    await runAgent(h.deps, h.options());
    const results = lastToolResults(h.double.messageRequests()[1]?.body ?? null);
    assert.match(results[0]?.text ?? '', /matches 2 times in src\/a\.ts \(at lines 1, 3\)/);
    assert.match(results[1]?.text ?? '', /not found in src\/a\.ts/);
    assert.match(results[2]?.text ?? '', /src\/missing\.ts does not exist/);
    assert.match(results[3]?.text ?? '', /unknown plan step "nope"/);
    assert.ok(results.every((r) => r.isError));
    assert.equal(h.sink.batches.length, 0, 'a failed edit proposes nothing');
  });

  it('malformed tool input is an is_error result naming the problem, and nothing is proposed', async () => {
    h = await startHarness(
      [
        {
          kind: 'reply',
          content: [
            { type: 'tool_use', name: 'propose_edit', rawInput: '{"path": "src/a.ts", "old_string": ' },
            { type: 'tool_use', name: 'propose_edit', input: { path: 5, old_string: 'a', new_string: 'b', step: 's1' } },
            { type: 'tool_use', name: 'propose_edit', input: { path: 'src/a.ts', old_string: 'a', step: 's1' } },
            { type: 'tool_use', name: 'create_file', input: { path: 'src/b.ts', content: 'x'.repeat(limits.text + 1), step: 's1' } },
            { type: 'tool_use', name: 'run_check', input: { check: 'unit tests', args: '--grep x' } },
            { type: 'tool_use', name: 'rm_rf', input: {} },
          ],
        },
        textReply('done'),
      ],
      { 'src/a.ts': 'a\n' },
    );
    // Room for the oversized call: the double would otherwise cut it at max_tokens, before the cap is reached.
    const run = await runAgent(h.deps, h.options({ maxTokens: 200_000 }));
    assert.equal(run.state, 'done', run.error);
    const texts = lastToolResults(h.double.messageRequests()[1]?.body ?? null).map((r) => (r.isError ? r.text : `NOT AN ERROR: ${r.text}`));
    assert.match(texts[0] ?? '', /input is not valid JSON/);
    assert.match(texts[1] ?? '', /"path" must be a string, got a number/);
    assert.match(texts[2] ?? '', /missing required field "new_string"/);
    assert.match(texts[3] ?? '', /"content" is 400001 characters, over the cap/);
    assert.match(texts[4] ?? '', /unknown field args/);
    assert.match(texts[5] ?? '', /no tool named rm_rf/);
    assert.equal(h.sink.batches.length, 0, 'nothing is proposed');
    assert.equal(h.checks.runs.length, 1, 'only the end-of-run check ran: one with model arguments never does');
  });
});
