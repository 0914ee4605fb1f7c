import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { HOOK_TIMEOUT_SECONDS } from '../../../../src/core/terminalAgents/claudeSettings';
import { CODEX_HOOK_MATCHER, withCodexHook, withoutCodexHook } from '../../../../src/core/terminalAgents/codexSettings';

const COMMAND = `'/home/u/.config/Code/User/globalStorage/redline.redline/hooks/redline-hook' codex`;

function connected(before: string | null): string {
  const after = withCodexHook(before, COMMAND);
  assert.ok(after.ok, after.ok ? '' : after.message);
  return after.value;
}

function disconnected(current: string, record: { before: string | null; after: string }): string | undefined {
  const r = withoutCodexHook(current, record, COMMAND);
  assert.ok(r.ok, r.ok ? '' : r.message);
  return r.value;
}

describe('terminalAgents/codexSettings', () => {
  it('adds one PreToolUse command hook for apply_patch with a long timeout to a new hooks.json', () => {
    assert.deepEqual(JSON.parse(connected(null)), {
      hooks: { PreToolUse: [{ matcher: '^apply_patch$', hooks: [{ type: 'command', command: COMMAND, timeout: HOOK_TIMEOUT_SECONDS }] }] },
    });
    assert.equal(CODEX_HOOK_MATCHER, '^apply_patch$');
  });

  it("keeps the user's hooks and the file's indentation; connecting twice adds no second entry", () => {
    const before = '{\n\t"hooks": { "PreToolUse": [{ "matcher": "Bash", "hooks": [{ "type": "command", "command": "audit" }] }], "Stop": [] }\n}\n';
    const once = connected(before);
    assert.equal(connected(once), once, 'a second connect must change nothing');
    const s = JSON.parse(once);
    assert.deepEqual(s.hooks.Stop, [], 'another event lost its hooks');
    assert.deepEqual(
      s.hooks.PreToolUse.map((e: { matcher: string }) => e.matcher),
      ['Bash', '^apply_patch$'],
      'the user’s own PreToolUse hook must stay beside Redline’s',
    );
    assert.match(once, /\n\t"hooks"/, 'the file’s tab indentation was not kept');
  });

  it('refuses a file that is not valid JSON or not an object, and odd hooks, saying why', () => {
    for (const [text, expected] of [
      ['{ "hooks": ', /\.codex\/hooks\.json is not valid JSON/],
      ['[1, 2]', /does not hold a JSON object/],
      ['{ "hooks": [] }', /"hooks" is not an object/],
      ['{ "hooks": { "PreToolUse": {} } }', /"hooks.PreToolUse" is not a list/],
    ] as const) {
      const r = withCodexHook(text, COMMAND);
      assert.equal(r.ok, false, `accepted ${text}`);
      assert.match(r.ok ? '' : r.message, expected);
    }
  });

  it('disconnect gives back exactly the bytes from before, or no file (any text, property-tested)', () => {
    const jsonObject = fc.dictionary(fc.string({ maxLength: 8 }), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 4 });
    const before = fc.oneof(
      fc.constant(null),
      jsonObject.map((o) => JSON.stringify(o)),
      jsonObject.map((o) => `\uFEFF${JSON.stringify(o, null, 3)}\r\n`),
    );
    fc.assert(
      fc.property(before, (text) => {
        const after = connected(text);
        assert.equal(disconnected(after, { before: text, after }), text ?? undefined);
      }),
    );
  });

  it('after the user changed the file, disconnect takes out only Redline’s entry, and the file when nothing else is left', () => {
    const after = connected(null);
    const edited = JSON.parse(after);
    edited.hooks.Stop = [{ hooks: [{ type: 'command', command: 'notify' }] }];
    const withStop = `${JSON.stringify(edited, null, 2)}\n`;
    assert.deepEqual(JSON.parse(disconnected(withStop, { before: null, after }) ?? 'null'), { hooks: { Stop: edited.hooks.Stop } });
    const reformatted = JSON.stringify(JSON.parse(after));
    assert.equal(disconnected(reformatted, { before: null, after }), undefined, 'a file Connect created and that holds only its entry goes');
    const userBefore = '{ "hooks": { "PreToolUse": [] } }';
    const userAfter = connected(userBefore);
    assert.deepEqual(JSON.parse(disconnected(`${userAfter} `, { before: userBefore, after: userAfter }) ?? 'null'), { hooks: { PreToolUse: [] } });
    const broken = withoutCodexHook('{ bad', { before: null, after }, COMMAND);
    assert.equal(broken.ok, false, 'a file broken since is left alone');
    assert.match(broken.ok ? '' : broken.message, /not valid JSON.*remove the hook that runs .* by hand/);
  });
});
