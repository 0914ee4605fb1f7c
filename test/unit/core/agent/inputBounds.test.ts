import * as assert from 'node:assert/strict';
import { applyReplacements, maxReplacements } from '../../../../src/core/agent/replace';
import { nestsDeeperThan, validateInput } from '../../../../src/core/agent/toolInput';
import { findTool } from '../../../../src/core/agent/toolRegistry';

describe('bounds on what one tool call can make the host do', () => {
  it('finds nesting past the limit in one pass, ignoring brackets inside strings', () => {
    const deep = `{"path": ${'['.repeat(100_000)}${']'.repeat(100_000)}}`;
    assert.ok(nestsDeeperThan(deep, 32), '100,000 levels');
    assert.ok(!nestsDeeperThan('{"a": [[{"b": 1}]]}', 4), 'four levels are within four');
    assert.ok(nestsDeeperThan('{"a": [[{"b": 1}]]}', 3), 'four levels are past three');
    assert.ok(!nestsDeeperThan(`{"path": "${'['.repeat(100)}\\"${'{'.repeat(100)}"}`, 2), 'brackets in a string, after an escaped quote, do not count');
    const refused = validateInput(findTool('read_file')!, undefined, deep);
    assert.ok(!refused.ok && /deeper than 32 levels/.test(refused.message), 'validation names the limit');
  });

  it(`replace_all stops at ${maxReplacements} occurrences and a result over the file cap is refused`, () => {
    const many = applyReplacements('a.txt', 'x\n'.repeat(maxReplacements + 1), [{ oldString: 'x', newString: 'y', replaceAll: true }], [], 's1');
    assert.ok(!many.ok && many.code === 'too_many' && /at most 2000 occurrences/.test(many.message), 'too many');
    const exact = applyReplacements('a.txt', 'x\n'.repeat(maxReplacements), [{ oldString: 'x', newString: 'y', replaceAll: true }], [], 's1');
    assert.ok(exact.ok && exact.value.count === maxReplacements, 'exactly the limit is replaced');
    const big = applyReplacements('a.txt', 'x'.repeat(1000), [{ oldString: 'x', newString: 'y'.repeat(5000), replaceAll: true }], [], 's1');
    assert.ok(!big.ok && big.code === 'too_big', 'a result over the cap');
  });
});
