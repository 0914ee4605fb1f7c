import * as assert from 'node:assert/strict';
import { runFix, type FixRequest } from '../../../../src/core/agent/fix';
import { lastUserText, messagesOf, textReply, toolReply } from '../../../double/script';
import { field, asArray, asString } from '../../../double/json';
import { type Harness, prices, startHarness } from './harness';
import { plan } from './fakes';

const base = "export function greet(name: string) {\n  return 'Hello ' + name;\n}\n";
const proposed = "export function hello(name: string) {\n  return 'Hello ' + name;\n}\n";

function request(path: string, comment: string): FixRequest {
  return {
    plan: plan(),
    path,
    baseText: base,
    fileText: proposed,
    hunk: {
      oldStart: 1,
      oldLines: 1,
      newStart: 1,
      newLines: 1,
      oldText: 'export function greet(name: string) {\n',
      newText: 'export function hello(name: string) {\n',
    },
    comment,
    step: 's1',
  };
}

/** The path a fix request is about, from the first user message of its request body. */
function pathOf(body: Parameters<typeof lastUserText>[0]): string {
  const first = asArray(field(messagesOf(body)[0], 'content'))[0];
  return /^File (\S+),/.exec(asString(field(first, 'text')) ?? '')?.[1] ?? '';
}

describe('agent: fix requests', () => {
  let h: Harness | undefined;
  afterEach(async () => h?.close());

  it('revises one hunk from the comment and returns the new file text; concurrent fixes stay apart', async () => {
    h = await startHarness(({ body }) => {
      const path = pathOf(body);
      if (lastUserText(body).includes('Proposed an edit')) return textReply(`Renamed in ${path}.`);
      return toolReply([
        {
          name: 'propose_edit',
          input: { path, old_string: 'function hello(', new_string: path === 'src/a.ts' ? 'function sayHello(' : 'function greetUser(', step: 's1' },
        },
      ]);
    });
    const options = { model: 'claude-test', prices, signal: new AbortController().signal };
    const [a, b] = await Promise.all([
      runFix(h.deps, request('src/a.ts', 'call it sayHello'), options),
      runFix(h.deps, request('src/b.ts', 'call it greetUser'), options),
    ]);
    assert.ok(a.ok && b.ok, `${a.ok ? '' : a.message} ${b.ok ? '' : b.message}`);
    assert.equal(a.value.proposedText, proposed.replace('hello(', 'sayHello('));
    assert.equal(b.value.proposedText, proposed.replace('hello(', 'greetUser('));
    assert.deepEqual(a.value.stepRanges, [{ startLine: 1, endLine: 1, step: 's1' }]);
    assert.equal(a.value.summary, 'Renamed in src/a.ts.');
    const first = h.double.messageRequests().find((r) => pathOf(r.body) === 'src/a.ts');
    assert.match(first?.raw ?? '', /call it sayHello/, 'the model sees the comment');
    assert.match(first?.raw ?? '', /-export function greet\(name: string\) \{\\n\+export function hello/, 'and the hunk');
    assert.deepEqual(h.overlay.all(), [], 'a fix never touches the run overlay');
    assert.equal(h.sink.batches.length, 0, 'the caller, not the fix, makes the new revision');
  });

  it('may not edit another file, and reports no change when nothing was revised', async () => {
    h = await startHarness([
      toolReply([{ name: 'propose_edit', input: { path: 'src/other.ts', old_string: 'x', new_string: 'y', step: 's1' } }]),
      textReply('I could not.'),
    ]);
    const result = await runFix(h.deps, request('src/a.ts', 'rename'), { model: 'claude-test', prices, signal: new AbortController().signal });
    assert.ok(!result.ok);
    assert.equal(result.code, 'no_change');
    assert.match(lastUserText(h.double.messageRequests()[1]?.body ?? null), /may change only src\/a\.ts/);
  });

  it('tells the model the review feedback queued since its last turn', async () => {
    h = await startHarness([
      toolReply([{ name: 'propose_edit', input: { path: 'src/a.ts', old_string: 'function hello(', new_string: 'function hi(', step: 's1' } }]),
      textReply('Renamed.'),
    ]);
    const feedback = 'Review feedback since your last turn. Do not propose these changes again:\n- The user rejected hunk h1 in src/b.ts: keep the old name';
    const result = await runFix(h.deps, { ...request('src/a.ts', 'rename'), feedback }, { model: 'claude-test', prices, signal: new AbortController().signal });
    assert.ok(result.ok, result.ok ? '' : result.message);
    assert.match(
      h.double.messageRequests()[0]?.raw ?? '',
      /rejected hunk h1 in src\/b\.ts: keep the old name/,
      'the queued rejection did not reach the fix turn',
    );
  });
});
