import * as assert from 'node:assert/strict';
import { parseGeminiHookCall } from '../../../../src/core/terminalAgents/geminiInput';
import { proposedText } from '../../../../src/core/terminalAgents/toolEdits';

/** A call as Gemini CLI 0.61 sends it (recorded from the real CLI: the path as the model wrote it). */
const call = (toolName: string, toolInput: unknown, extra: Record<string, unknown> = {}) => ({
  session_id: 'c0c2e304-ab77-4e8b-a3ec-514608980a0d',
  transcript_path: '/home/u/.gemini/tmp/app/chats/session-2026-12-07T11-43-c0c2e304.jsonl',
  cwd: '/work/app',
  hook_event_name: 'BeforeTool',
  timestamp: '2026-12-07T11:43:39.203Z',
  tool_name: toolName,
  tool_input: toolInput,
  ...extra,
});

function refusal(value: unknown): string {
  const r = parseGeminiHookCall(value);
  assert.equal(r.ok, false, `accepted ${JSON.stringify(value).slice(0, 200)}`);
  return r.ok ? '' : r.message;
}

describe('terminalAgents/geminiInput', () => {
  it('reads replace into an Edit and write_file into a Write, a relative path resolved against cwd, the input kept whole', () => {
    const args = { file_path: 'src/a.ts', old_string: 'two', new_string: 'TWO', instruction: 'upper-case two' };
    const replace = parseGeminiHookCall(call('replace', args));
    assert.ok(replace.ok, replace.ok ? '' : replace.message);
    assert.equal(replace.value.call.sessionId, 'c0c2e304-ab77-4e8b-a3ec-514608980a0d');
    assert.equal(replace.value.call.cwd, '/work/app');
    assert.deepEqual(replace.value.call.edit, {
      tool: 'Edit',
      filePath: '/work/app/src/a.ts',
      edits: [{ oldString: 'two', newString: 'TWO', replaceAll: false }],
    });
    assert.deepEqual(replace.value.input, { tool: 'replace', args });
    const write = parseGeminiHookCall(call('write_file', { file_path: '/work/app/n.ts', content: 'x\n' }));
    assert.ok(write.ok, write.ok ? '' : write.message);
    assert.deepEqual(write.value.call.edit, { tool: 'Write', filePath: '/work/app/n.ts', content: 'x\n' });
    const windows = parseGeminiHookCall(call('write_file', { file_path: 'n.ts', content: '' }, { cwd: 'C:\\work\\app' }));
    assert.ok(windows.ok && windows.value.call.edit.filePath === 'C:\\work\\app\\n.ts');
  });

  it('allow_multiple replaces every occurrence; without it (or with expected_replacements 1) exactly one must occur', () => {
    const edit = (extra: Record<string, unknown>) => {
      const r = parseGeminiHookCall(call('replace', { file_path: 'a', old_string: 'x', new_string: 'y', instruction: 'i', ...extra }));
      assert.ok(r.ok, r.ok ? '' : r.message);
      return r.value.call.edit;
    };
    assert.deepEqual(proposedText(edit({ allow_multiple: true }), 'x x x'), { ok: true, value: 'y y y' });
    assert.equal(proposedText(edit({}), 'x x').ok, false, 'two occurrences without allow_multiple');
    assert.equal(proposedText(edit({ expected_replacements: 1 }), 'x x').ok, false);
    assert.deepEqual(proposedText(edit({ expected_replacements: 1 }), 'a x b'), { ok: true, value: 'a y b' });
  });

  it('refuses what it cannot review exactly, saying why', () => {
    const base = { file_path: 'a', old_string: 'x', new_string: 'y', instruction: 'i' };
    assert.match(refusal(call('replace', { ...base, expected_replacements: 3 })), /not exactly 3.*allow_multiple/);
    assert.match(refusal(call('replace', { ...base, expected_replacements: 0 })), /at least 1/);
    assert.match(refusal(call('replace', { ...base, expected_replacements: 1, allow_multiple: true })), /contradict/);
    assert.match(refusal(call('replace', { ...base, allow_multiple: 'yes' })), /allow_multiple must be true or false/);
    assert.match(refusal(call('replace', { ...base, old_string: '' })), /create a new file with write_file/);
    assert.match(refusal(call('replace', { ...base, fuzzy: true })), /does not know the replace option "fuzzy"/);
    assert.match(refusal(call('write_file', { file_path: 'a', content: 'x', mode: 'append' })), /does not know the write_file option "mode"/);
    assert.match(refusal(call('run_shell_command', { command: 'rm -rf /' })), /tool_name must be one of replace, write_file/);
    assert.match(refusal(call('write_file', { file_path: 'a', content: 'bad\u0000' })), /content/);
    assert.match(refusal(call('write_file', { file_path: 'a', content: 'x' }, { hook_event_name: 'AfterTool' })), /"BeforeTool"/);
    assert.match(refusal(call('write_file', { file_path: 'a', content: 'x' }, { cwd: 'work/app' })), /cwd must be an absolute path/);
    assert.match(refusal(call('write_file', { file_path: 'a', content: 'x' }, { timestamp: 'now' })), /timestamp/);
    assert.match(refusal(call('write_file', { file_path: 'a', content: 'x' }, { session_id: 'a b' })), /session_id/);
    assert.match(refusal(JSON.parse('{"__proto__": {"hook_event_name": "BeforeTool"}}')), /hook_event_name/);
  });

  it('gives each call an id of its own, the same body the same id (a replay)', () => {
    const id = (extra: Record<string, unknown>, content = 'x') => {
      const r = parseGeminiHookCall(call('write_file', { file_path: 'a', content }, extra));
      assert.ok(r.ok, r.ok ? '' : r.message);
      return r.value.call.toolUseId;
    };
    assert.equal(id({}), id({}));
    assert.notEqual(id({}), id({ timestamp: '2026-12-07T11:43:39.204Z' }));
    assert.notEqual(id({}), id({}, 'y'));
    assert.notEqual(id({}), id({ session_id: 'other' }));
    assert.match(id({}), /^[A-Za-z0-9][A-Za-z0-9_.:-]*$/, 'an id as the review expects it');
  });
});
