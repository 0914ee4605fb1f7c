import * as assert from 'node:assert/strict';
import { applyFilePatch, parsePatch } from '../../../../src/core/terminalAgents/applyPatch';
import { codexAnswer, codexDeny, parseCodexCall } from '../../../../src/core/terminalAgents/codexHook';
import type { ToolEdit } from '../../../../src/core/terminalAgents/hookInput';
import { isHookChangeset } from '../../../../src/core/terminalAgents/hookSource';

const PATCH = '*** Begin Patch\n*** Update File: src/a.txt\n@@\n one\n-two\n+TWO\n three\n*** End Patch\n';

/** The hook input Codex 0.171 sent for an apply_patch call (recorded from the real CLI). */
function input(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    session_id: '01a25051-1743-7471-9e59-00f4d1196c3c',
    turn_id: '01a25051-176b-75c2-b83d-65e5a504c004',
    transcript_path: '/home/u/.codex/sessions/rollout.jsonl',
    cwd: '/work/ws',
    hook_event_name: 'PreToolUse',
    model: 'gpt-5.5',
    permission_mode: 'bypassPermissions',
    tool_name: 'apply_patch',
    tool_input: { command: PATCH },
    tool_use_id: 'call_1',
    ...overrides,
  };
}

function message(r: { ok: boolean; message?: string }): string {
  assert.equal(r.ok, false, 'refused');
  return r.message ?? '';
}

describe('terminalAgents/codexHook', () => {
  it('reads an apply_patch call into a HookCall: the patch path resolved against cwd, the patch parsed', () => {
    const r = parseCodexCall(input());
    assert.ok(r.ok, r.ok ? '' : r.message);
    assert.equal(r.value.sessionId, '01a25051-1743-7471-9e59-00f4d1196c3c');
    assert.equal(r.value.toolUseId, 'call_1');
    assert.equal(r.value.cwd, '/work/ws');
    const edit = r.value.edit;
    assert.equal(edit.tool, 'ApplyPatch');
    assert.equal(edit.filePath, '/work/ws/src/a.txt');
    assert.equal(edit.tool === 'ApplyPatch' ? edit.patchPath : '', 'src/a.txt');
    const abs = parseCodexCall(input({ cwd: '/work/ws/', tool_input: { command: PATCH.replace('src/a.txt', '/elsewhere/b.txt') } }));
    assert.equal(abs.ok && abs.value.edit.filePath, '/elsewhere/b.txt', 'an absolute path stays (the workspace check refuses it later)');
    const win = parseCodexCall(input({ cwd: 'C:\\ws\\' }));
    assert.equal(win.ok && win.value.edit.filePath, 'C:\\ws\\src/a.txt');
  });

  it('refuses what is not an apply_patch PreToolUse call, or a patch Redline cannot review, with the reason', () => {
    assert.match(message(parseCodexCall('x')), /the hook input must be a JSON object/);
    assert.match(message(parseCodexCall(input({ hook_event_name: 'PostToolUse' }))), /hook_event_name must be "PreToolUse"/);
    assert.match(message(parseCodexCall(input({ tool_name: 'Bash', tool_input: { command: 'ls' } }))), /tool_name must be "apply_patch", got "Bash"/);
    assert.match(message(parseCodexCall(input({ cwd: 'relative/dir' }))), /cwd must be an absolute path/);
    assert.match(message(parseCodexCall(input({ session_id: 'a b' }))), /session_id must be a plain id/);
    assert.match(message(parseCodexCall(input({ tool_input: { command: PATCH, workdir: '/tmp' } }))), /does not know the apply_patch option "workdir"/);
    assert.match(message(parseCodexCall(input({ tool_input: { command: 7 } }))), /tool_input.command must be a string/);
    assert.match(
      message(parseCodexCall(input({ tool_input: { command: '*** Begin Patch\n*** Delete File: a\n*** End Patch' } }))),
      /cannot review deleting a file/,
    );
  });

  it('answers allow with a whole-file patch that turns the text the tool reads into the accepted text, and the note as additional context', () => {
    const call = parseCodexCall(input());
    assert.ok(call.ok);
    const before = 'one\ntwo\nthree\n';
    const after = 'one\nTwo\nthree\nfour\n';
    const answer = codexAnswer({ kind: 'allow', path: 'src/a.txt', before, after, note: 'Hunk 2 of 2 rejected.' }, call.value.edit);
    const out = answer.hookSpecificOutput;
    assert.equal(out?.permissionDecision, 'allow');
    assert.equal(out?.additionalContext, 'Hunk 2 of 2 rejected.');
    const patch = parsePatch(out?.updatedInput?.command ?? '');
    assert.ok(patch.ok, patch.ok ? '' : patch.message);
    assert.equal(patch.value.path, 'src/a.txt', 'the path as the model wrote it');
    assert.deepEqual(applyFilePatch(patch.value, before), { ok: true, value: after });
    assert.equal(Object.hasOwn(codexAnswer({ kind: 'allow', path: 'p', before, after }, call.value.edit).hookSpecificOutput ?? {}, 'additionalContext'), false);
  });

  it('answers allow for a new file with an Add File patch', () => {
    const edit: ToolEdit = { tool: 'ApplyPatch', filePath: '/w/n.txt', patchPath: 'n.txt', patch: { kind: 'add', path: 'n.txt', text: 'x\n' } };
    const answer = codexAnswer({ kind: 'allow', path: 'n.txt', before: null, after: 'x\ny\n' }, edit);
    assert.equal(answer.hookSpecificOutput?.updatedInput?.command, '*** Begin Patch\n*** Add File: n.txt\n+x\n+y\n*** End Patch\n');
  });

  it('answers deny with the reason, and ask with no decision at all (Codex counts "ask" as a failed hook and runs the tool)', () => {
    const call = parseCodexCall(input());
    assert.ok(call.ok);
    assert.deepEqual(codexAnswer({ kind: 'deny', reason: 'The user rejected this edit.' }, call.value.edit), {
      hookSpecificOutput: { hookEventName: 'PreToolUse', permissionDecision: 'deny', permissionDecisionReason: 'The user rejected this edit.' },
    });
    assert.deepEqual(codexDeny('no'), codexAnswer({ kind: 'deny', reason: 'no' }, call.value.edit));
    assert.deepEqual(codexAnswer({ kind: 'ask', reason: 'No Redline window has /w open.' }, call.value.edit), {
      systemMessage: 'No Redline window has /w open.',
    });
  });

  it('a Codex changeset is a hook changeset (its Ask fix goes back to Codex)', () => {
    assert.equal(isHookChangeset('Codex · 01a25051'), true);
    assert.equal(isHookChangeset('Codexical plan'), false);
  });
});
