import * as assert from 'node:assert/strict';
import { geminiAnswer, isGeminiAnswer } from '../../../../src/core/terminalAgents/geminiAnswers';
import { answerGemini } from '../../../../src/core/terminalAgents/geminiHooks';
import { parseGeminiHookCall, type GeminiHookCall } from '../../../../src/core/terminalAgents/geminiInput';

const BEFORE = 'one\ntwo\nthree\n';
const AFTER = 'one\nTWO\nthree\n';

const body = (toolName: string, toolInput: Record<string, unknown>) => ({
  session_id: 's1',
  transcript_path: '/t.jsonl',
  cwd: '/work/app',
  hook_event_name: 'BeforeTool',
  timestamp: '2026-12-07T11:43:39.203Z',
  tool_name: toolName,
  tool_input: toolInput,
});

function parsed(toolName: string, toolInput: Record<string, unknown>): GeminiHookCall {
  const r = parseGeminiHookCall(body(toolName, toolInput));
  assert.ok(r.ok, r.ok ? '' : r.message);
  return r.value;
}

describe('terminalAgents/geminiAnswers', () => {
  it('allow on replace: the whole tool input again, old_string the whole file, new_string the accepted text, one occurrence', () => {
    const call = parsed('replace', { file_path: 'a.txt', old_string: 'two', new_string: 'TWO', instruction: 'upper', allow_multiple: true });
    const answer = geminiAnswer({ kind: 'allow', path: '/work/app/a.txt', before: BEFORE, after: AFTER }, call);
    assert.deepEqual(answer, {
      decision: 'allow',
      hookSpecificOutput: {
        // Gemini CLI runs this input in place of the model's (not merged): `instruction` is required there.
        tool_input: { file_path: '/work/app/a.txt', old_string: BEFORE, new_string: AFTER, instruction: 'upper', allow_multiple: false },
      },
    });
    const older = parsed('replace', { file_path: 'a.txt', old_string: 'two', new_string: 'TWO', expected_replacements: 1 });
    const olderAnswer = geminiAnswer({ kind: 'allow', path: '/work/app/a.txt', before: BEFORE, after: AFTER }, older);
    assert.equal(olderAnswer.hookSpecificOutput?.tool_input['expected_replacements'], 1);
    assert.equal('allow_multiple' in (olderAnswer.hookSpecificOutput?.tool_input ?? {}), false, 'no argument the model did not use is added');
  });

  it('allow on write_file: content is the accepted text; a partial accept’s note goes to the user as systemMessage', () => {
    const call = parsed('write_file', { file_path: 'n.txt', content: 'a\nb\n' });
    const answer = geminiAnswer({ kind: 'allow', path: '/work/app/n.txt', before: null, after: 'a\n', note: 'hunk 2 of 2 rejected' }, call);
    assert.deepEqual(answer, {
      decision: 'allow',
      systemMessage: 'hunk 2 of 2 rejected',
      hookSpecificOutput: { tool_input: { file_path: '/work/app/n.txt', content: 'a\n' } },
    });
  });

  it('deny and ask carry the reason; only these shapes pass as answers', () => {
    const call = parsed('write_file', { file_path: 'n.txt', content: 'x' });
    assert.deepEqual(geminiAnswer({ kind: 'deny', reason: 'Rejected: keep it.' }, call), { decision: 'deny', reason: 'Rejected: keep it.' });
    assert.deepEqual(geminiAnswer({ kind: 'ask', reason: 'No window.' }, call), { decision: 'ask', reason: 'No window.', systemMessage: 'No window.' });
    assert.equal(isGeminiAnswer({ decision: 'deny', reason: 'r' }), true);
    assert.equal(isGeminiAnswer({ decision: 'allow', hookSpecificOutput: { tool_input: {} } }), true);
    for (const bad of [
      null,
      [],
      {},
      { decision: 'block' },
      { decision: 'deny' },
      { decision: 'allow', hookSpecificOutput: [] },
      { hookSpecificOutput: { permissionDecision: 'allow' } },
    ])
      assert.equal(isGeminiAnswer(bad), false, JSON.stringify(bad));
  });

  it('answerGemini: a call that does not fit is denied without a review; one that fits is reviewed and answered', async () => {
    let reviewed = 0;
    const refused = await answerGemini(body('write_file', { file_path: 'a', content: 'x', mode: 'append' }), async () => {
      reviewed++;
      return { kind: 'deny', reason: 'never' };
    });
    assert.equal(reviewed, 0);
    assert.equal(refused.decision, 'deny');
    assert.match(refused.reason ?? '', /^Redline refused this edit: .*"mode".*Nothing was written\.$/);
    const answered = await answerGemini(body('write_file', { file_path: 'a', content: 'x' }), async (call) => {
      assert.deepEqual(call.edit, { tool: 'Write', filePath: '/work/app/a', content: 'x' });
      return { kind: 'allow', path: call.edit.filePath, before: 'old', after: 'x' };
    });
    assert.deepEqual(answered, { decision: 'allow', hookSpecificOutput: { tool_input: { file_path: '/work/app/a', content: 'x' } } });
  });
});
