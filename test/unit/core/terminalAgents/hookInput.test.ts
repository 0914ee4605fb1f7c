import * as assert from 'node:assert/strict';
import type { Result } from '../../../../src/core/result';
import { parseCodexCall } from '../../../../src/core/terminalAgents/codexHook';
import { parseGeminiHookCall } from '../../../../src/core/terminalAgents/geminiInput';
import { MAX_TEXT_CHARS, parseHookCall } from '../../../../src/core/terminalAgents/hookInput';

const call = (toolName: string, toolInput: unknown, extra: Record<string, unknown> = {}) => ({
  session_id: '0f3c9a2e-1111-2222-3333-444455556666',
  transcript_path: '/home/u/.claude/projects/x/0f3c.jsonl',
  cwd: '/work/app',
  prompt_id: 'p1',
  permission_mode: 'default',
  effort: 'high',
  hook_event_name: 'PreToolUse',
  tool_name: toolName,
  tool_input: toolInput,
  tool_use_id: 'toolu_01ABC',
  ...extra,
});

function refusal(value: unknown): string {
  const r = parseHookCall(value);
  assert.equal(r.ok, false, `accepted ${JSON.stringify(value).slice(0, 200)}`);
  return r.ok ? '' : r.message;
}

describe('terminalAgents/hookInput', () => {
  it('reads the documented Edit, Write and MultiEdit inputs', () => {
    const edit = parseHookCall(call('Edit', { file_path: '/work/app/a.ts', old_string: 'a', new_string: 'b', replace_all: true }));
    assert.ok(edit.ok, edit.ok ? '' : edit.message);
    assert.deepEqual(edit.value, {
      sessionId: '0f3c9a2e-1111-2222-3333-444455556666',
      cwd: '/work/app',
      toolUseId: 'toolu_01ABC',
      edit: { tool: 'Edit', filePath: '/work/app/a.ts', edits: [{ oldString: 'a', newString: 'b', replaceAll: true }] },
    });
    const write = parseHookCall(call('Write', { file_path: '/work/app/n.ts', content: 'x\n' }));
    assert.ok(write.ok && write.value.edit.tool === 'Write' && write.value.edit.content === 'x\n');
    const multi = parseHookCall(
      call('MultiEdit', {
        file_path: '/work/app/a.ts',
        edits: [
          { old_string: 'a', new_string: 'b' },
          { old_string: 'c', new_string: 'd' },
        ],
      }),
    );
    assert.ok(multi.ok && multi.value.edit.tool === 'MultiEdit' && multi.value.edit.edits.length === 2);
  });

  it('refuses what does not fit, each with its reason', () => {
    assert.match(refusal('nope'), /must be a JSON object/);
    assert.match(refusal(call('Edit', {}, { hook_event_name: 'PostToolUse' })), /hook_event_name must be "PreToolUse"/);
    assert.match(refusal(call('Bash', { command: 'ls' })), /tool_name must be one of/);
    assert.match(refusal(call('NotebookEdit', { notebook_path: '/a.ipynb' })), /cannot review notebook edits/);
    assert.match(refusal(call('Write', { file_path: '/a', content: 'x', mode: 'append' })), /does not know the Write option "mode"/);
    assert.match(refusal(call('Write', { file_path: '/a', content: 'x\0y' })), /binary/);
    assert.match(refusal(call('Write', { file_path: '/a', content: 'x'.repeat(MAX_TEXT_CHARS + 1) })), /larger than/);
    assert.match(refusal(call('Write', { file_path: '/a', content: 3 })), /content must be a string/);
    assert.match(refusal(call('Edit', { file_path: '/a', old_string: 'a', new_string: 'b', replace_all: 'yes' })), /replace_all must be true or false/);
    assert.match(refusal(call('Write', { file_path: '/a', content: 'x' }, { tool_use_id: 'a\nb' })), /tool_use_id must be a plain id/);
    assert.match(refusal(call('MultiEdit', { file_path: '/a', edits: [] })), /list of 1 to/);
  });

  it('reads own keys only: a key inherited from a polluted prototype is not an input', () => {
    const polluted = Object.assign(Object.create({ replace_all: true, tool_name: 'Write' }) as Record<string, unknown>, {
      file_path: '/a',
      old_string: 'a',
      new_string: 'b',
    });
    const r = parseHookCall({ ...call('Edit', {}), tool_input: polluted });
    assert.ok(r.ok && r.value.edit.tool === 'Edit', r.ok ? '' : r.message);
    assert.equal(r.value.edit.edits[0]!.replaceAll, false, 'an inherited replace_all was read');
    const { tool_name: _dropped, ...own } = call('x', { file_path: '/a', content: 'x' });
    const noTool = Object.assign(Object.create({ tool_name: 'Write' }) as Record<string, unknown>, own);
    assert.match(refusal(noTool), /tool_name must be one of/);
  });
});

/** Each agent's parser, a call it accepts, and that call with `text` as the text the tool writes. */
const AGENTS: { name: string; parse(value: unknown): Result<unknown>; call(text: string): Record<string, unknown>; relativeCwd: boolean }[] = [
  { name: 'Claude Code', parse: parseHookCall, call: (text) => call('Write', { file_path: '/work/app/a.ts', content: text }), relativeCwd: true },
  {
    name: 'Codex',
    parse: parseCodexCall,
    call: (text) => ({
      session_id: '01a25051-1743-7471-9e59-00f4d1196c3c',
      cwd: '/work/ws',
      hook_event_name: 'PreToolUse',
      tool_name: 'apply_patch',
      tool_input: { command: `*** Begin Patch\n*** Add File: a.txt\n+${text}\n*** End Patch\n` },
      tool_use_id: 'call_1',
    }),
    relativeCwd: false,
  },
  {
    name: 'Gemini CLI',
    parse: parseGeminiHookCall,
    call: (text) => ({
      session_id: 'c0c2e304-ab77-4e8b-a3ec-514608980a0d',
      cwd: '/work/app',
      hook_event_name: 'BeforeTool',
      timestamp: '2026-01-05T10:00:00.000Z',
      tool_name: 'write_file',
      tool_input: { file_path: 'a.ts', content: text },
    }),
    relativeCwd: false,
  },
];

describe('terminalAgents/hookInput: the checks every agent’s call goes through', () => {
  for (const agent of AGENTS) {
    it(`${agent.name}: the same refusals of the fields every agent sends, and of a payload too large`, () => {
      const refused = (value: unknown): string => {
        const r = agent.parse(value);
        assert.equal(r.ok, false, `${agent.name} accepted ${JSON.stringify(value).slice(0, 200)}`);
        return r.ok ? '' : r.message;
      };
      const good = agent.call('x');
      assert.equal(agent.parse(good).ok, true, 'the call as the agent sends it');
      for (const [change, expected] of [
        [{ hook_event_name: 'PostToolUse' }, /^hook_event_name must be "\w+", got "PostToolUse"/],
        [{ session_id: 'a b' }, /^session_id must be a plain id/],
        [{ session_id: undefined }, /^session_id must be a plain id/],
        [{ cwd: 'x'.repeat(5_000) }, /^cwd must be a path of at most 4096 characters/],
        [{ cwd: '/work/\0app' }, /^cwd contains a NUL character/],
        [{ tool_input: 'x' }, /^tool_input must be a JSON object/],
      ] as const)
        assert.match(refused({ ...good, ...change }), expected, JSON.stringify(change));
      assert.match(refused([good]), /^the hook input must be a JSON object/);
      assert.match(refused(agent.call('x'.repeat(MAX_TEXT_CHARS + 1))), /is larger than \d+ characters/);
      const relative = agent.parse({ ...good, cwd: 'work/app' });
      if (agent.relativeCwd) assert.equal(relative.ok, true, 'Claude Code names absolute paths: its cwd is taken as sent');
      else assert.match(relative.ok ? '' : relative.message, /^cwd must be an absolute path/, 'paths are read against cwd, which must be absolute');
    });
  }
});
