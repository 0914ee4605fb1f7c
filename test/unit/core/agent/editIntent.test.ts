import * as assert from 'node:assert/strict';
import { createChangeset } from '../../../../src/core/changeset/build';
import { tools } from './toolCalls';

const file = 'one\ntwo\nthree\nfour\nfive\nsix\nseven\neight\nnine\nten\n';

function hunkIntents(t: ReturnType<typeof tools>): (string | undefined)[] {
  const built = createChangeset({ id: 'c', title: 't', source: 'agent', files: t.overlay.all() });
  assert.ok(built.ok, built.ok ? '' : built.message);
  return built.value.files.flatMap((f) => f.hunks.map((h) => h.intent));
}

describe('agent tools: the intent of an edit', () => {
  it('travels from the edit tools to the hunks they made, trimmed; an edit without one leaves none', async () => {
    const t = tools({ 'a.txt': file, 'b.txt': 'b\n' });
    const first = await t.call('propose_edit', { path: 'a.txt', old_string: 'one', new_string: 'ONE', step: 's1', intent: '  rename the first line ' });
    assert.equal(first.isError, false, first.content);
    await t.call('propose_edit', { path: 'a.txt', old_string: 'ten', new_string: 'TEN', step: 's1' });
    await t.call('create_file', { path: 'c.txt', content: 'new\n', step: 's2', intent: 'add c' });
    await t.call('write_file', { path: 'b.txt', content: 'B\n', step: 's2', intent: 'rewrite b' });
    assert.deepEqual(hunkIntents(t), ['rename the first line', undefined, 'rewrite b', 'add c']);
  });

  it('gives a hunk the intent of the latest edit on its lines', async () => {
    const t = tools({ 'a.txt': file });
    await t.call('propose_edit', { path: 'a.txt', old_string: 'two', new_string: 'TWO', step: 's1', intent: 'first pass' });
    await t.call('propose_edits', { path: 'a.txt', step: 's1', intent: 'second pass', edits: [{ old_string: 'TWO', new_string: 'Two' }] });
    assert.deepEqual(hunkIntents(t), ['second pass']);
  });

  it('refuses a bad intent with a clear error and proposes nothing', async () => {
    const t = tools({ 'a.txt': file });
    const cases: [string | number, RegExp][] = [
      ['two\nlines', /intent must be one line/],
      ['   ', /intent is blank/],
      ['x'.repeat(121), /intent is 121 characters, over the cap of 120/],
      ['x'.repeat(201), /"intent" is 201 characters, over the cap of 200/],
      [42, /intent/],
    ];
    for (const [intent, message] of cases) {
      const result = await t.call('propose_edit', { path: 'a.txt', old_string: 'one', new_string: 'ONE', step: 's1', intent });
      assert.equal(result.isError, true, `${String(intent).slice(0, 20)} must be refused`);
      assert.match(result.content, message);
      assert.deepEqual(t.overlay.all(), [], 'a refused edit proposes nothing');
    }
  });
});
