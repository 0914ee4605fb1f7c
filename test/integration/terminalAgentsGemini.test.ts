import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { api, read, root, write } from './agentSupport';
import { lines } from './gitSupport';
import { nextHookChangeset, runHook } from './terminalAgentSupport';

const SETTINGS = '.gemini/settings.json';

interface GeminiAnswer {
  decision: string;
  reason?: string;
  systemMessage?: string;
  hookSpecificOutput?: { tool_input: Record<string, unknown> };
}

/** The hook command Connect wrote into `.gemini/settings.json`. */
function geminiHookCommand(): string {
  const settings = JSON.parse(read(SETTINGS)) as { hooks: { BeforeTool: { hooks: { command: string }[] }[] } };
  const command = settings.hooks.BeforeTool.flatMap((e) => e.hooks).find((h) => h.command.includes('redline-hook'))?.command;
  assert.ok(command, `no Redline entry in ${SETTINGS}`);
  return command;
}

let calls = 0;

/** A `BeforeTool` input as Gemini CLI 0.61 sends it: the path as the model wrote it, no call id. */
function geminiInput(toolName: string, toolInput: Record<string, unknown>): Record<string, unknown> {
  return {
    session_id: '9b1e4c2a-7d3f-4e5a-8b6c-0d1e2f3a4b5c',
    transcript_path: '/tmp/gemini/chats/session.jsonl',
    cwd: root(),
    hook_event_name: 'BeforeTool',
    timestamp: new Date(Date.now() + ++calls).toISOString(),
    tool_name: toolName,
    tool_input: toolInput,
  };
}

async function ask(input: Record<string, unknown>): Promise<GeminiAnswer> {
  return (await runHook(geminiHookCommand(), input)) as unknown as GeminiAnswer;
}

describe('terminal agents: Gemini CLI through its BeforeTool hook', function () {
  this.timeout(60_000);

  before(async () => {
    execFileSync('git', ['init', '-q'], { cwd: root() });
    await (await api()).connectAgent('gemini-cli');
  });
  after(async () => {
    await (await api()).disconnectAgent('gemini-cli');
    fs.rmSync(path.join(root(), '.git'), { recursive: true, force: true });
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('a replace with three hunks, two accepted: the answer rewrites the tool input to exactly those two, instruction kept', async () => {
    const redline = await api();
    const base = lines(40);
    const abs = write('src/gemini/edit.ts', base);
    const edited = base.replace('line 3\n', 'line three\n').replace('line 20\n', 'line twenty\n').replace('line 37\n', 'line thirty-seven\n');
    const appeared = nextHookChangeset(redline, 20_000, 'Gemini CLI');
    const answer = ask(
      geminiInput('replace', { file_path: 'src/gemini/edit.ts', instruction: 'spell out three numbers', old_string: base, new_string: edited }),
    );
    const cs = await appeared;
    assert.match(cs.source, /^Gemini CLI · 9b1e4c2a$/);
    const [h1, h2, h3] = cs.files[0]!.hunks;
    assert.ok(h1 && h2 && h3, 'expected three hunks');
    await redline.decide(cs.id, h1.id, 'accept');
    await redline.decide(cs.id, h2.id, 'reject', 'keep twenty as digits');
    await redline.decide(cs.id, h3.id, 'accept');
    const a = await answer;
    const merged = base.replace('line 3\n', 'line three\n').replace('line 37\n', 'line thirty-seven\n');
    assert.equal(read('src/gemini/edit.ts'), base, 'the accepts are held for the agent’s own tool');
    assert.deepEqual(a.hookSpecificOutput, { tool_input: { file_path: abs, instruction: 'spell out three numbers', old_string: base, new_string: merged } });
    assert.equal(a.decision, 'allow');
    assert.match(a.systemMessage ?? '', /accepted only part of it.*\nRejected: hunk 2 of 3 \(line 20\): keep twenty as digits\.$/s);
    // Gemini CLI's replace: the whole file is old_string, so it becomes new_string.
    fs.writeFileSync(abs, merged);
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    assert.equal(read('src/gemini/edit.ts'), merged);
  });

  it('a write_file rejected with a reason: file untouched, the reason in the denial the model reads', async () => {
    const redline = await api();
    write('src/gemini/write.ts', 'export const a = 1;\n');
    const appeared = nextHookChangeset(redline, 20_000, 'Gemini CLI');
    const answer = ask(geminiInput('write_file', { file_path: path.join(root(), 'src/gemini/write.ts'), content: 'export const a = 2;\n' }));
    const cs = await appeared;
    await redline.decide(cs.id, cs.files[0]!.hunks[0]!.id, 'reject', 'a stays 1');
    const a = await answer;
    assert.equal(a.decision, 'deny');
    assert.match(a.reason ?? '', /rejected this edit in Redline; nothing was written.*\nRejected: hunk 1 of 1 \(line 1\): a stays 1\.$/s);
    assert.equal(read('src/gemini/write.ts'), 'export const a = 1;\n');
  });

  it('a call Redline cannot review exactly is refused in Gemini CLI’s shape, with nothing proposed', async () => {
    const a = await ask(geminiInput('replace', { file_path: 'x.ts', instruction: 'i', old_string: 'a', new_string: 'b', expected_replacements: 2 }));
    assert.equal(a.decision, 'deny');
    assert.match(a.reason ?? '', /^Redline refused this edit: .*not exactly 2.*Nothing was written\.$/);
  });
});
