import * as assert from 'node:assert/strict';
import { proposedText } from '../../../../src/core/terminalAgents/toolEdits';

const edit = (oldString: string, newString: string, replaceAll = false) => ({ oldString, newString, replaceAll });

describe('terminalAgents/toolEdits', () => {
  it('applies Edit once, MultiEdit in order, replace_all everywhere, and Write as given; $ patterns stay literal', () => {
    const r1 = proposedText({ tool: 'Edit', filePath: '/a', edits: [edit('b\n', 'B $& $1\n')] }, 'a\nb\nc\n');
    assert.deepEqual(r1, { ok: true, value: 'a\nB $& $1\nc\n' });
    const r2 = proposedText({ tool: 'MultiEdit', filePath: '/a', edits: [edit('a', 'x'), edit('x\nb', 'y')] }, 'a\nb\n');
    assert.deepEqual(r2, { ok: true, value: 'y\n' });
    const r3 = proposedText({ tool: 'Edit', filePath: '/a', edits: [edit('o', '0', true)] }, 'foo boo\n');
    assert.deepEqual(r3, { ok: true, value: 'f00 b00\n' });
    assert.deepEqual(proposedText({ tool: 'Write', filePath: '/n', content: 'new\n' }, null), { ok: true, value: 'new\n' });
  });

  it('refuses a missing, ambiguous, empty or no-op old_string, and an Edit of a missing file', () => {
    const cases: [string | null, string, string, RegExp][] = [
      ['a\n', 'z', 'y', /not found/],
      ['a\na\n', 'a', 'b', /more than once/],
      ['a\n', '', 'b', /empty/],
      ['a\n', 'a', 'a', /the same/],
      [null, 'a', 'b', /does not exist/],
    ];
    for (const [text, o, n, why] of cases) {
      const r = proposedText({ tool: 'Edit', filePath: '/a', edits: [edit(o, n)] }, text);
      assert.equal(r.ok, false, `accepted ${o} → ${n}`);
      assert.match(r.ok ? '' : r.message, why);
    }
  });
});
