import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { GEMINI_HOOK_MATCHER, GEMINI_HOOK_TIMEOUT_MS, withGeminiHook, withoutGeminiHook } from '../../../../src/core/terminalAgents/geminiSettings';

const COMMAND = `'/home/u/.config/Code/User/globalStorage/redline.redline/hooks/redline-hook' gemini-cli`;

function connected(before: string | null): string {
  const after = withGeminiHook(before, COMMAND);
  assert.ok(after.ok, after.ok ? '' : after.message);
  return after.value;
}

describe('terminalAgents/geminiSettings', () => {
  it('adds one BeforeTool command hook for replace and write_file, anchored, with an hour in milliseconds', () => {
    assert.deepEqual(JSON.parse(connected(null)), {
      hooks: {
        BeforeTool: [{ matcher: GEMINI_HOOK_MATCHER, hooks: [{ name: 'redline-review', type: 'command', command: COMMAND, timeout: GEMINI_HOOK_TIMEOUT_MS }] }],
      },
    });
    const matcher = new RegExp(GEMINI_HOOK_MATCHER);
    assert.deepEqual(
      ['replace', 'write_file', 'mcp__fs__replace_all', 'read_file', 'run_shell_command'].map((t) => matcher.test(t)),
      [true, true, false, false, false],
      'the matcher is a regular expression over the tool name, as Gemini CLI reads it',
    );
    assert.equal(GEMINI_HOOK_TIMEOUT_MS, 3_600_000);
  });

  it("keeps the user's settings and hooks, and its indentation; connecting twice adds no second entry", () => {
    const before =
      '{\n\t"model": { "name": "gemini-2.5-pro" },\n\t"hooks": { "BeforeTool": [{ "matcher": "run_shell_command", "hooks": [{ "type": "command", "command": "audit" }] }], "AfterAgent": [] }\n}\n';
    const once = connected(before);
    assert.equal(connected(once), once, 'a second connect must change nothing');
    const s = JSON.parse(once);
    assert.deepEqual(s.model, { name: 'gemini-2.5-pro' });
    assert.deepEqual(s.hooks.AfterAgent, [], 'another event lost its hooks');
    assert.deepEqual(
      s.hooks.BeforeTool.map((e: { hooks: { command: string }[] }) => e.hooks[0]?.command),
      ['audit', COMMAND],
    );
    assert.match(once, /\n\t"model"/, 'the file’s tab indentation was not kept');
  });

  it('refuses a file with comments or that is not an object, and odd hooks, saying why', () => {
    for (const [text, expected] of [
      ['{\n  // my model\n  "model": {}\n}\n', /not plain JSON.*comments/],
      ['[1]', /does not hold a JSON object/],
      ['{ "hooks": [] }', /"hooks" is not an object/],
      ['{ "hooks": { "BeforeTool": {} } }', /"hooks.BeforeTool" is not a list/],
    ] as const) {
      const r = withGeminiHook(text, COMMAND);
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
          const back = withoutGeminiHook(after, { before, after }, COMMAND);
          assert.ok(back.ok, back.ok ? '' : back.message);
          assert.equal(back.value, before ?? undefined);
        },
      ),
    );
  });

  it('after the user changed the file, disconnect takes out only Redline’s entry and what it added empty', () => {
    const before = '{ "model": { "name": "gemini-2.5-pro" } }\n';
    const after = connected(before);
    const edited = JSON.stringify({ ...JSON.parse(after), ui: { theme: 'dark' } }, null, 2);
    const back = withoutGeminiHook(edited, { before, after }, COMMAND);
    assert.ok(back.ok && back.value !== undefined, 'expected a file');
    assert.deepEqual(JSON.parse(back.value), { model: { name: 'gemini-2.5-pro' }, ui: { theme: 'dark' } });

    const created = connected(null);
    const reformatted = JSON.stringify(JSON.parse(created), null, 4);
    const gone = withoutGeminiHook(reformatted, { before: null, after: created }, COMMAND);
    assert.deepEqual(gone, { ok: true, value: undefined }, 'a file Connect created and only reformatted since goes');

    const withOwn = '{ "hooks": { "BeforeTool": [] } }\n';
    const own = connected(withOwn);
    const back2 = withoutGeminiHook(own.replace('{', '{\n  "x": 1,'), { before: withOwn, after: own }, COMMAND);
    assert.ok(back2.ok && back2.value !== undefined);
    assert.deepEqual(JSON.parse(back2.value), { x: 1, hooks: { BeforeTool: [] } }, 'a list the user had must stay, empty');
  });
});
