import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { HOOK_MATCHER, HOOK_TIMEOUT_SECONDS, withoutRedlineHook, withRedlineHook } from '../../../../src/core/terminalAgents/claudeSettings';

const COMMAND = `'/home/u/.config/Code/User/globalStorage/redline.redline/hooks/redline-hook' claude-code`;

function connected(before: string | null): string {
  const after = withRedlineHook(before, COMMAND);
  assert.ok(after.ok, after.ok ? '' : after.message);
  return after.value;
}

describe('terminalAgents/claudeSettings', () => {
  it('adds one PreToolUse command hook for the edit tools with a long timeout to a new file, failing closed', () => {
    const settings = JSON.parse(connected(null));
    assert.deepEqual(settings, {
      hooks: { PreToolUse: [{ matcher: HOOK_MATCHER, hooks: [{ type: 'command', command: COMMAND, timeout: HOOK_TIMEOUT_SECONDS, onFailure: 'block' }] }] },
    });
    assert.equal(HOOK_MATCHER, 'Edit|Write|MultiEdit|NotebookEdit');
  });

  it("keeps the user's settings and hooks, and its own indentation; connecting twice adds no second entry", () => {
    const before =
      '{\n\t"permissions": { "allow": ["Bash(npm test)"] },\n\t"hooks": { "PreToolUse": [{ "matcher": "Bash", "hooks": [{ "type": "command", "command": "audit" }] }], "Stop": [] }\n}\n';
    const once = connected(before);
    const twice = connected(once);
    assert.equal(twice, once, 'a second connect must change nothing');
    const s = JSON.parse(once);
    assert.deepEqual(s.permissions, { allow: ['Bash(npm test)'] }, 'the permissions were lost');
    assert.deepEqual(s.hooks.Stop, [], 'another event lost its hooks');
    assert.equal(s.hooks.PreToolUse.length, 2, 'the user’s own PreToolUse hook must stay beside Redline’s');
    assert.equal(s.hooks.PreToolUse[0].hooks[0].command, 'audit');
    assert.match(once, /\n\t"permissions"/, 'the file’s tab indentation was not kept');
  });

  it('an entry an earlier Redline wrote (without onFailure) is replaced by connect and taken out by disconnect', () => {
    const earlier = `${JSON.stringify({ hooks: { PreToolUse: [{ matcher: HOOK_MATCHER, hooks: [{ type: 'command', command: COMMAND, timeout: 60 }] }] } }, null, 2)}\n`;
    const s = JSON.parse(connected(earlier));
    assert.equal(s.hooks.PreToolUse.length, 1, 'the earlier entry must not stay beside the new one');
    assert.equal(s.hooks.PreToolUse[0].hooks[0].onFailure, 'block');
    const back = withoutRedlineHook(earlier, { before: null, after: connected(null) }, COMMAND);
    assert.ok(back.ok && back.value !== undefined);
    assert.deepEqual(JSON.parse(back.value), {}, "Redline's entry must go, and the hooks it alone filled");
  });

  it('refuses a file that is not valid JSON or not an object, and odd hooks, saying why', () => {
    for (const [text, expected] of [
      ['{ "hooks": ', /not valid JSON.*ignore it silently/],
      ['[1, 2]', /does not hold a JSON object/],
      ['{ "hooks": [] }', /"hooks" is not an object/],
      ['{ "hooks": { "PreToolUse": {} } }', /"hooks.PreToolUse" is not a list/],
    ] as const) {
      const r = withRedlineHook(text, COMMAND);
      assert.equal(r.ok, false, `accepted ${text}`);
      assert.match(r.ok ? '' : r.message, expected);
    }
  });

  it('disconnect gives back exactly the bytes from before, or no file (any text, property-tested)', () => {
    const jsonObject = fc.dictionary(fc.string({ maxLength: 8 }), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 4 });
    fc.assert(
      fc.property(
        fc.option(jsonObject, { nil: null }),
        fc.constantFrom('', '  ', '\t', '    '),
        fc.constantFrom('', '\n', '\r\n', '\n\n'),
        (obj, indent, tail) => {
          const before = obj === null ? null : `${JSON.stringify(obj, null, indent)}${tail}`;
          const after = connected(before);
          const back = withoutRedlineHook(after, { before, after }, COMMAND);
          assert.ok(back.ok, back.ok ? '' : back.message);
          assert.equal(back.value, before ?? undefined);
        },
      ),
    );
  });

  it('after the user changed the file, disconnect takes out only Redline’s entry and what it added empty', () => {
    const before = '{ "model": "opus" }\n';
    const after = connected(before);
    const edited = JSON.stringify({ ...JSON.parse(after), env: { A: '1' } }, null, 2);
    const back = withoutRedlineHook(edited, { before, after }, COMMAND);
    assert.ok(back.ok && back.value !== undefined, 'expected a file');
    assert.deepEqual(JSON.parse(back.value), { model: 'opus', env: { A: '1' } }, 'the hooks object Redline added must go with its entry');

    const withOwn = '{ "hooks": { "PreToolUse": [] } }\n';
    const own = connected(withOwn);
    const touched = own.replace('{', '{\n  "x": 1,');
    const back2 = withoutRedlineHook(touched, { before: withOwn, after: own }, COMMAND);
    assert.ok(back2.ok && back2.value !== undefined);
    assert.deepEqual(JSON.parse(back2.value), { x: 1, hooks: { PreToolUse: [] } }, 'a list the user had must stay, empty');
  });
});
