import * as assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { answerToLastTurn, byTurn, editCall, readCall, writeCall, type TurnAnswer } from '../double/claudeCode';
import { textReply, type ReplyBlock, type Step } from '../double/script';
import { MessagesDouble } from '../double/server';
import { runAgentCli, type AgentCliRun } from './agentCli';
import { allow, deny, installCommandHook, type CommandHook, type CommandHookOptions } from './commandHook';

const ORIGINAL = 'one\ntwo\nthree\n';

/** A workspace holding a.txt, a hook answering as told, and a double playing Opus 5.5 (it always thinks). */
describe('Claude Code CLI: a PreToolUse command hook decides every edit', () => {
  let workspace: string;
  let file: string;
  let double: MessagesDouble | undefined;
  let hook: CommandHook | undefined;

  beforeEach(() => {
    workspace = realpathSync(mkdtempSync(join(tmpdir(), 'redline-claude-ws-')));
    file = join(workspace, 'a.txt');
    writeFileSync(file, ORIGINAL);
  });
  afterEach(async () => {
    hook?.dispose();
    hook = undefined;
    await double?.close();
    double = undefined;
    rmSync(workspace, { recursive: true, force: true });
  });

  /** Each call in a turn of its own, then a closing text; the hook answers every Edit and Write. */
  async function run(calls: ReplyBlock | ReplyBlock[], hookOptions: CommandHookOptions, args: string[] = []): Promise<AgentCliRun<'claude-code'>> {
    const turns = [calls].flat().map((call): Step => ({ kind: 'reply', content: [{ type: 'text', text: 'Editing.' }, call] }));
    hook = installCommandHook(workspace, hookOptions);
    double = await MessagesDouble.start({ script: byTurn([...turns, textReply('Done.')]), thinking: {} });
    const result = await runAgentCli('claude-code', { cwd: workspace, prompt: 'Edit a.txt', double, args });
    assert.equal(result.timedOut, false, `the CLI finished: ${result.stderr}`);
    assert.equal(result.exitCode, 0, `claude exit code: ${result.stderr}${result.stdout}`);
    assert.deepEqual(result.otherRequests, [], 'only POST /v1/messages');
    assert.equal(result.requests.length, turns.length + 1, 'the tool turns and the closing turn');
    return result;
  }

  /** What the model read in its last request about its last tool call. */
  function nextRequest(result: AgentCliRun<'claude-code'>): TurnAnswer {
    const last = result.requests[result.requests.length - 1];
    assert.ok(last !== undefined);
    return answerToLastTurn(last.body);
  }

  it('deny with a reason: the file is untouched and the model reads the reason as the tool’s error', async () => {
    const result = await run(editCall(file, 'two', 'TWO'), { answer: deny('Hunk 1 rejected: keep lower case.') });
    assert.equal(readFileSync(file, 'utf8'), ORIGINAL, 'nothing written');
    const answer = nextRequest(result);
    assert.deepEqual(
      answer.toolResults.map((r) => [r.isError, r.text]),
      [[true, 'PreToolUse:Edit hook error: Hunk 1 rejected: keep lower case.']],
    );
    assert.deepEqual(answer.notes, []);
  });

  it('allow with updatedInput (old_string = the whole file): the file holds exactly the merged text, additionalContext follows the result', async () => {
    const merged = 'one\nTWO\nthree\nfour\n';
    const result = await run(editCall(file, 'two', 'TWO'), {
      answer: allow({
        updatedInput: { file_path: file, old_string: ORIGINAL, new_string: merged },
        additionalContext: 'Hunk 2 of 2 was rejected: no fourth line.',
      }),
    });
    assert.equal(readFileSync(file, 'utf8'), merged, 'the hook’s input was executed, not the model’s');
    const answer = nextRequest(result);
    assert.deepEqual(
      answer.toolResults.map((r) => r.isError),
      [false],
    );
    assert.match(answer.toolResults[0]?.text ?? '', /has been updated successfully/, 'the tool result itself does not say the input changed');
    assert.deepEqual(answer.notes, ['PreToolUse:Edit hook additional context: Hunk 2 of 2 was rejected: no fourth line.']);
  });

  it('a Write of a new file, allowed: written byte for byte', async () => {
    const content = 'héllo\r\nwörld ✓\n\n\ttail with no final newline';
    const created = join(workspace, 'src', 'new.txt');
    const result = await run(writeCall(created, content), { answer: allow() });
    assert.equal(readFileSync(created, 'utf8'), content);
    assert.deepEqual(
      nextRequest(result).toolResults.map((r) => [r.isError, r.text.startsWith(`File created successfully at: ${created}`)]),
      [[false, true]],
    );
  });

  it('the hook’s stdin: tool_input as the model sent it, paths absolute; the matcher keeps a Read from the hook', async () => {
    const call = { ...editCall(file, 'two', 'TWO'), id: 'toolu_shape_1' };
    await run([readCall(file), call], { answer: allow() });
    const inputs = hook?.calls().map((c) => c.input) ?? [];
    assert.equal(inputs.length, 1, 'the Edit only');
    const input = inputs[0] as Record<string, unknown>;
    assert.deepEqual(Object.keys(input).sort(), [
      'cwd',
      'effort',
      'hook_event_name',
      'permission_mode',
      'prompt_id',
      'session_id',
      'tool_input',
      'tool_name',
      'tool_use_id',
      'transcript_path',
    ]);
    assert.equal(input.hook_event_name, 'PreToolUse');
    assert.equal(input.tool_name, 'Edit');
    assert.equal(input.tool_use_id, 'toolu_shape_1');
    assert.equal(input.cwd, workspace);
    assert.equal(input.permission_mode, 'default');
    assert.deepEqual(input.tool_input, { file_path: file, old_string: 'two', new_string: 'TWO', replace_all: false });
    assert.deepEqual(input.effort, { level: 'medium' });
    for (const key of ['session_id', 'prompt_id', 'transcript_path']) assert.equal(typeof input[key], 'string', key);
  });

  describe('a hook that hangs past its timeout', () => {
    const hang = { timeoutSeconds: 4 };

    it('counts as no decision: in print mode the default permission check then refuses the edit', async () => {
      const result = await run(editCall(file, 'two', 'TWO'), hang);
      assert.equal(hook?.calls().length, 1, 'the hook was called');
      assert.equal(readFileSync(file, 'utf8'), ORIGINAL);
      assert.deepEqual(
        nextRequest(result).toolResults.map((r) => [r.isError, r.text]),
        [[true, `Claude requested permissions to write to ${file}, but you haven't granted it yet.`]],
      );
    });

    it('fails open where the mode allows edits: acceptEdits writes it unreviewed after the timeout', async () => {
      const result = await run(editCall(file, 'two', 'TWO'), hang, ['--permission-mode', 'acceptEdits']);
      assert.equal(hook?.calls().length, 1, 'the hook was called');
      // The CLI starts the hook after the first reply, so the second request waits for the whole timeout.
      const [first, second] = result.requests.map((r) => r.receivedAt);
      const waited = (second ?? 0) - (first ?? 0);
      assert.ok(waited >= 4000, `the CLI went on only when the hook timed out (${waited} ms between the requests)`);
      assert.equal(readFileSync(file, 'utf8'), 'one\nTWO\nthree\n', 'written although the hook never answered');
    });

    it('onFailure "block" turns the timeout into a denial, even in acceptEdits', async () => {
      const result = await run(editCall(file, 'two', 'TWO'), { ...hang, onFailure: 'block' }, ['--permission-mode', 'acceptEdits']);
      assert.equal(readFileSync(file, 'utf8'), ORIGINAL);
      const [error] = nextRequest(result).toolResults;
      assert.equal(error?.isError, true);
      assert.match(error?.text ?? '', /^PreToolUse:Edit hook error: .*timed out; blocking because onFailure is "block"$/);
    });
  });

  it('an answer that is not JSON counts as success: the edit goes through even with onFailure "block"', async () => {
    await run(editCall(file, 'two', 'TWO'), { answer: '{"hookSpecificOutput": ', onFailure: 'block' }, ['--permission-mode', 'acceptEdits']);
    assert.equal(hook?.calls().length, 1, 'the hook was called');
    assert.equal(readFileSync(file, 'utf8'), 'one\nTWO\nthree\n', 'a hook must always print a whole answer');
  });
});
