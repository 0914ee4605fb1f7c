import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import type { HookAgent } from '../../../../src/core/terminalAgents/hookAgents';
import {
  CODEX_HOOK_MATCHER,
  GEMINI_HOOK_MATCHER,
  GEMINI_HOOK_TIMEOUT_MS,
  HOOK_MATCHER,
  HOOK_SETTINGS,
  HOOK_TIMEOUT_SECONDS,
} from '../../../../src/core/terminalAgents/hookSettingsJson';

type Json = Record<string, unknown>;

/** What each agent's settings file must hold, spelled out here rather than read from the table under test. */
interface AgentCase {
  readonly event: string;
  /** Connect's entry for `command`, as the agent reads it. */
  entry(command: string): Json;
  /** The agent's own facts about its matcher and timeout. */
  facts(): void;
  /** A user's file, tab-indented: settings of the user's (`userSettings`), a hook of the user's for `event`, and `otherEvent`'s empty list. */
  readonly userFile: string;
  readonly userSettings: Json;
  readonly userMatcher: string;
  readonly otherEvent: string;
  /** A file that is no JSON Redline can rewrite, and what the refusal says of it. */
  readonly unreadable: readonly [string, RegExp];
  /** What is left of a file Connect created once Redline's entry is out of it (`undefined`: no file). */
  readonly emptied: string | undefined;
}

const CASES: { readonly [A in HookAgent]: AgentCase } = {
  'claude-code': {
    event: 'PreToolUse',
    entry: (command) => ({ matcher: HOOK_MATCHER, hooks: [{ type: 'command', command, timeout: HOOK_TIMEOUT_SECONDS, onFailure: 'block' }] }),
    facts: () => assert.equal(HOOK_MATCHER, 'Edit|Write|MultiEdit|NotebookEdit'),
    userFile:
      '{\n\t"permissions": { "allow": ["Bash(npm test)"] },\n\t"hooks": { "PreToolUse": [{ "matcher": "Bash", "hooks": [{ "type": "command", "command": "audit" }] }], "Stop": [] }\n}\n',
    userSettings: { permissions: { allow: ['Bash(npm test)'] } },
    userMatcher: 'Bash',
    otherEvent: 'Stop',
    unreadable: ['{ "hooks": ', /^\.claude\/settings\.local\.json is not valid JSON.*ignore it silently/],
    emptied: '{}\n',
  },
  'gemini-cli': {
    event: 'BeforeTool',
    entry: (command) => ({ matcher: GEMINI_HOOK_MATCHER, hooks: [{ name: 'redline-review', type: 'command', command, timeout: GEMINI_HOOK_TIMEOUT_MS }] }),
    facts: () => {
      const matcher = new RegExp(GEMINI_HOOK_MATCHER);
      assert.deepEqual(
        ['replace', 'write_file', 'mcp__fs__replace_all', 'read_file', 'run_shell_command'].map((t) => matcher.test(t)),
        [true, true, false, false, false],
        'the matcher is a regular expression over the tool name, as Gemini CLI reads it',
      );
      assert.equal(GEMINI_HOOK_TIMEOUT_MS, 3_600_000);
    },
    userFile:
      '{\n\t"model": { "name": "gemini-2.5-pro" },\n\t"hooks": { "BeforeTool": [{ "matcher": "run_shell_command", "hooks": [{ "type": "command", "command": "audit" }] }], "AfterAgent": [] }\n}\n',
    userSettings: { model: { name: 'gemini-2.5-pro' } },
    userMatcher: 'run_shell_command',
    otherEvent: 'AfterAgent',
    unreadable: ['{\n  // my model\n  "model": {}\n}\n', /^\.gemini\/settings\.json is not plain JSON.*comments/],
    emptied: undefined,
  },
  codex: {
    event: 'PreToolUse',
    entry: (command) => ({ matcher: '^apply_patch$', hooks: [{ type: 'command', command, timeout: HOOK_TIMEOUT_SECONDS }] }),
    facts: () => assert.equal(CODEX_HOOK_MATCHER, '^apply_patch$'),
    userFile: '{\n\t"hooks": { "PreToolUse": [{ "matcher": "Bash", "hooks": [{ "type": "command", "command": "audit" }] }], "Stop": [] }\n}\n',
    userSettings: {},
    userMatcher: 'Bash',
    otherEvent: 'Stop',
    unreadable: ['{ "hooks": ', /^\.codex\/hooks\.json is not valid JSON/],
    emptied: undefined,
  },
};

for (const [agent, c] of Object.entries(CASES) as [HookAgent, AgentCase][]) {
  const settings = HOOK_SETTINGS[agent];
  const command = `'/home/u/.config/Code/User/globalStorage/redline.redline/hooks/redline-hook' ${agent}`;
  const connected = (before: string | null): string => {
    const after = settings.withHook(before, command);
    assert.ok(after.ok, after.ok ? '' : after.message);
    return after.value;
  };
  const disconnected = (current: string, record: { before: string | null; after: string }): string | undefined => {
    const r = settings.withoutHook(current, record, command);
    assert.ok(r.ok, r.ok ? '' : r.message);
    return r.value;
  };
  const parsed = (text: string | undefined): Json => {
    assert.ok(text !== undefined, 'expected a file');
    return JSON.parse(text) as Json;
  };

  describe(`terminalAgents/hookSettingsJson: ${agent}`, () => {
    it(`adds one ${c.event} command hook with a long timeout to a new file`, () => {
      assert.deepEqual(JSON.parse(connected(null)), { hooks: { [c.event]: [c.entry(command)] } });
    });

    it('names exactly its edit tools and waits long enough for a review', () => {
      c.facts();
    });

    it("keeps the user's settings and hooks, and the file's indentation; connecting twice adds no second entry", () => {
      const once = connected(c.userFile);
      assert.equal(connected(once), once, 'a second connect must change nothing');
      const { hooks, ...rest } = JSON.parse(once) as { hooks: Record<string, { matcher: string; hooks: { command: string }[] }[]> };
      assert.deepEqual(rest, c.userSettings, "the user's settings were lost");
      assert.deepEqual(hooks[c.otherEvent], [], 'another event lost its hooks');
      assert.deepEqual(
        hooks[c.event]!.map((e) => [e.matcher, e.hooks[0]?.command]),
        [
          [c.userMatcher, 'audit'],
          [c.entry(command)['matcher'], command],
        ],
        `the user’s own ${c.event} hook must stay beside Redline’s`,
      );
      assert.match(once, /^\{\n\t"/, 'the file’s tab indentation was not kept');
    });

    it('an entry an earlier Redline wrote is replaced by connect and taken out by disconnect', () => {
      const earlier = `${JSON.stringify({ hooks: { [c.event]: [{ matcher: c.entry(command)['matcher'], hooks: [{ type: 'command', command, timeout: 60 }] }] } }, null, 2)}\n`;
      const s = JSON.parse(connected(earlier)) as { hooks: Record<string, unknown[]> };
      assert.deepEqual(s.hooks[c.event], [c.entry(command)], 'the earlier entry must not stay beside the new one');
      assert.equal(disconnected(earlier, { before: null, after: connected(null) }), c.emptied, "Redline's entry must go, and the hooks it alone filled");
    });

    it('refuses a file it cannot rewrite or that is not an object, and odd hooks, saying why', () => {
      for (const [text, expected] of [
        c.unreadable,
        ['[1, 2]', /does not hold a JSON object; .*Redline did not add its hook/],
        ['[1]', /does not hold a JSON object/],
        ['{ "hooks": [] }', /"hooks" is not an object/],
        [`{ "hooks": { "${c.event}": {} } }`, new RegExp(`"hooks.${c.event}" is not a list`)],
      ] as const) {
        const r = settings.withHook(text, command);
        assert.equal(r.ok, false, `accepted ${text}`);
        assert.match(r.ok ? '' : r.message, expected);
      }
      const broken = settings.withoutHook(c.unreadable[0], { before: null, after: connected(null) }, command);
      assert.equal(broken.ok, false, 'a file broken since is left alone');
      assert.match(broken.ok ? '' : broken.message, new RegExp(`${c.unreadable[1].source}.*remove the hook that runs .* by hand`));
    });

    it('disconnect gives back exactly the bytes from before, or no file (any text, property-tested)', () => {
      const jsonObject = fc.dictionary(fc.string({ maxLength: 8 }), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 4 });
      const before = fc.oneof(
        fc.constant(null),
        fc
          .tuple(jsonObject, fc.constantFrom('', '  ', '\t', '    '), fc.constantFrom('', '\n', '\r\n', '\n\n'))
          .map(([o, indent, tail]) => `${JSON.stringify(o, null, indent)}${tail}`),
        jsonObject.map((o) => `\uFEFF${JSON.stringify(o, null, 3)}\r\n`),
      );
      fc.assert(
        fc.property(before, (text) => {
          const after = connected(text);
          assert.equal(disconnected(after, { before: text, after }), text ?? undefined);
        }),
      );
    });

    it('after the user changed the file, disconnect takes out only Redline’s entry and the hooks it added', () => {
      for (const [own, added] of [
        [{ model: 'opus' }, { env: { A: '1' } }],
        [{ model: { name: 'gemini-2.5-pro' } }, { ui: { theme: 'dark' } }],
      ] as const) {
        const before = `${JSON.stringify(own)}\n`;
        const after = connected(before);
        const edited = JSON.stringify({ ...JSON.parse(after), ...added }, null, 2);
        assert.deepEqual(parsed(disconnected(edited, { before, after })), { ...own, ...added }, 'the hooks object Redline added must go with its entry');
      }
    });

    it('another event the user added to a file Connect created stays', () => {
      const after = connected(null);
      const edited = JSON.parse(after) as { hooks: Record<string, unknown> };
      edited.hooks[c.otherEvent] = [{ hooks: [{ type: 'command', command: 'notify' }] }];
      assert.deepEqual(parsed(disconnected(`${JSON.stringify(edited, null, 2)}\n`, { before: null, after })), {
        hooks: { [c.otherEvent]: edited.hooks[c.otherEvent] },
      });
    });

    it(`a file Connect created and only reformatted since ${c.emptied === undefined ? 'goes' : 'is left empty'}`, () => {
      const after = connected(null);
      for (const reformatted of [JSON.stringify(JSON.parse(after)), JSON.stringify(JSON.parse(after), null, 4)])
        assert.equal(disconnected(reformatted, { before: null, after }), c.emptied, reformatted);
    });

    it('a list of the user’s that Connect filled stays, empty', () => {
      const withOwn = `{ "hooks": { "${c.event}": [] } }`;
      for (const before of [withOwn, `${withOwn}\n`]) {
        const own = connected(before);
        for (const touched of [`${own} `, own.replace('{', '{\n  "x": 1,')])
          assert.deepEqual(
            parsed(disconnected(touched, { before, after: own })),
            { ...(touched.includes('"x"') ? { x: 1 } : {}), hooks: { [c.event]: [] } },
            'a list the user had must stay, empty',
          );
      }
    });
  });
}
