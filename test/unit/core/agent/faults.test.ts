import * as assert from 'node:assert/strict';
import { runAgent } from '../../../../src/core/agent/run';
import { type DropStep, errorStep, type Step, textReply, toolReply } from '../../../double/script';
import { apiKey, type Harness, startHarness } from './harness';

const files = { 'src/a.ts': 'export const a = 1;\n', 'src/b.ts': 'export const b = 1;\n' };
const editA = toolReply([{ name: 'propose_edit', input: { path: 'src/a.ts', old_string: 'a = 1', new_string: 'a = 2', step: 's1' } }]);
const editB = toolReply([{ name: 'propose_edit', input: { path: 'src/b.ts', old_string: 'b = 1', new_string: 'b = 2', step: 's2' } }], 'Now b.');
const dropB: DropStep = { kind: 'drop', afterEvents: 5, content: editB.content };

describe('agent: faults end a run with a clear state and nothing half-made', () => {
  let h: Harness | undefined;
  afterEach(async () => h?.close());

  it('401 fails the run with the auth reason and a Set API Key message, without the key', async () => {
    h = await startHarness([errorStep(401)], files);
    const run = await runAgent(h.deps, h.options());
    assert.equal(run.state, 'failed');
    assert.equal(run.endReason, 'auth', 'the UI maps this reason to the Set API Key action');
    assert.match(run.error ?? '', /Set API Key/);
    assert.ok(!JSON.stringify([run, h.events]).includes(apiKey), 'the key is in no transcript or event');
  });

  it('429, 500 and 529 are retried and the run completes', async () => {
    const steps: Step[] = [
      errorStep(429, { retryAfterMs: 5 }),
      editA,
      errorStep(500, { retryAfterMs: 5 }),
      errorStep(529, { retryAfterMs: 5 }),
      textReply('done'),
    ];
    h = await startHarness(steps, files);
    const run = await runAgent(h.deps, h.options());
    assert.equal(run.state, 'done', run.error);
    assert.equal(h.double.messageRequests().length, 5);
    assert.equal(h.sink.latest().get('src/a.ts')?.proposedText, 'export const a = 2;\n');
  });

  it('retries exhausted: failed, with the status in the error, earlier turns kept', async () => {
    h = await startHarness([editA, ...[0, 1, 2].map(() => errorStep(500, { retryAfterMs: 5 }))], files);
    const run = await runAgent(h.deps, h.options());
    assert.equal(run.state, 'failed');
    assert.equal(run.endReason, 'error');
    assert.match(run.error ?? '', /500.*after retries/);
    assert.equal(h.sink.batches.length, 1, 'the completed first turn stays proposed');
  });

  it('a stream dropped midway on every retry keeps nothing of that turn', async () => {
    h = await startHarness([editA, dropB, dropB, dropB], files);
    const run = await runAgent(h.deps, h.options());
    assert.equal(run.state, 'failed');
    assert.match(run.error ?? '', /stream broke off/);
    assert.deepEqual([...h.sink.latest().keys()], ['src/a.ts'], 'only the first turn reached the changeset');
    assert.deepEqual(
      h.overlay.all().map((f) => f.path),
      ['src/a.ts'],
      'the overlay holds nothing of the dropped turn',
    );
    assert.equal(run.messages.length, 3, 'opener, turn 1 and its results; no half turn');
    assert.ok(
      h.events.some((e) => e.type === 'retry'),
      'the log is told to discard the partial text',
    );
  });

  it('cancel mid-stream ends the run within a second, the overlay as of the last whole turn', async () => {
    const slowB = { ...editB, eventDelayMs: 300 };
    h = await startHarness([editA, slowB], files);
    const controller = new AbortController();
    let cancelledAt = 0;
    const options = h.options({
      signal: controller.signal,
      onEvent: (event) => {
        if (event.type === 'text' && cancelledAt === 0) {
          cancelledAt = performance.now();
          controller.abort();
        }
      },
    });
    const run = await runAgent(h.deps, options);
    const took = performance.now() - cancelledAt;
    assert.equal(run.state, 'cancelled');
    assert.ok(cancelledAt > 0, 'the second turn started streaming');
    assert.ok(took < 1000, `cancel took ${took.toFixed(0)} ms`);
    assert.deepEqual(
      h.overlay.all().map((f) => f.path),
      ['src/a.ts'],
    );
    assert.deepEqual([...h.sink.latest().keys()], ['src/a.ts']);
  });

  it('cancel while a tool runs rolls back the whole turn', async () => {
    const editAndCheck = toolReply([
      { name: 'propose_edit', input: { path: 'src/a.ts', old_string: 'a = 1', new_string: 'a = 2', step: 's1' } },
      { name: 'run_check', input: { check: '1' } },
    ]);
    h = await startHarness([editAndCheck], files);
    const controller = new AbortController();
    h.checks.run = async () => {
      controller.abort();
      return { ok: true, value: { exitCode: 0, output: '', timedOut: false } };
    };
    const run = await runAgent(h.deps, h.options({ signal: controller.signal }));
    assert.equal(run.state, 'cancelled');
    assert.deepEqual(h.overlay.all(), [], 'the edit made before the cancel is rolled back');
    assert.equal(h.sink.batches.length, 0);
  });

  it('maxTurns ends a run that never stops, with a clear state', async () => {
    h = await startHarness(() => toolReply([{ name: 'list_dir', input: { path: '.' } }]), files);
    const run = await runAgent(h.deps, h.options({ maxTurns: 3 }));
    assert.equal(run.state, 'failed');
    assert.equal(run.endReason, 'max_turns');
    assert.match(run.error ?? '', /after 3 turns/);
    assert.equal(h.double.messageRequests().length, 3);
  });

  it('the token budget stops the run cleanly after the turn that reached it', async () => {
    h = await startHarness(() => toolReply([{ name: 'list_dir', input: { path: '.' } }]), files);
    const run = await runAgent(h.deps, h.options({ budget: { maxTokens: 1 } }));
    assert.equal(run.state, 'failed');
    assert.equal(run.endReason, 'budget');
    assert.match(run.error ?? '', /token budget reached/);
    assert.equal(run.turns.length, 1);
  });
});
