import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { applyFilePatch, parsePatch } from '../../src/core/terminalAgents/applyPatch';
import { api, read, root, write } from './agentSupport';
import { lines } from './gitSupport';
import { nextHookChangeset, runHook } from './terminalAgentSupport';

const HOOKS = '.codex/hooks.json';
const EXCLUDE = '.git/info/exclude';

/** The hook command Connect wrote into the project's Codex hooks. */
function codexCommand(): string {
  const file = JSON.parse(read(HOOKS)) as { hooks: { PreToolUse: { matcher: string; hooks: { command: string }[] }[] } };
  const entry = file.hooks.PreToolUse.find((e) => e.hooks.some((h) => h.command.includes('redline-hook')));
  assert.ok(entry, `no Redline entry in ${HOOKS}`);
  return entry.hooks[0]!.command;
}

let call = 0;

/** An apply_patch call as Codex 0.171 sends it (recorded from the real CLI): the patch's paths relative to `cwd`. */
function codexInput(patch: string): Record<string, unknown> {
  return {
    session_id: '01a25051-1743-7471-9e59-00f4d1196c3c',
    turn_id: '01a25051-176b-75c2-b83d-65e5a504c004',
    transcript_path: null,
    cwd: root(),
    hook_event_name: 'PreToolUse',
    model: 'gpt-5.5',
    permission_mode: 'default',
    tool_name: 'apply_patch',
    tool_input: { command: patch },
    tool_use_id: `call_it_${Date.now()}_${++call}`,
  };
}

describe('terminal agents: Codex through its PreToolUse hook', function () {
  this.timeout(60_000);
  let excludeBefore = '';

  before(() => {
    execFileSync('git', ['init', '-q'], { cwd: root() });
    excludeBefore = fs.readFileSync(path.join(root(), EXCLUDE), 'utf8');
  });

  after(async () => {
    await (await api()).disconnectAgent('codex');
    fs.rmSync(path.join(root(), '.git'), { recursive: true, force: true });
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('Connect writes the hook into .codex/hooks.json and git’s exclude; Disconnect takes both out again, byte for byte', async () => {
    const redline = await api();
    const connected = await redline.connectAgent('codex');
    assert.deepEqual(connected.files, [HOOKS, EXCLUDE]);
    const hooks = JSON.parse(read(HOOKS));
    assert.equal(hooks.hooks.PreToolUse[0].matcher, '^apply_patch$');
    assert.ok(hooks.hooks.PreToolUse[0].hooks[0].timeout >= 600, 'the hook needs a long timeout');
    assert.match(codexCommand(), /^'[^']+redline-hook' codex$/);
    assert.equal(read(EXCLUDE), `${excludeBefore}/.codex/hooks.json\n`);
    assert.equal(execFileSync('git', ['status', '--porcelain', '--', '.codex'], { cwd: root(), encoding: 'utf8' }), '', 'git must ignore the hooks file');

    const disconnected = await redline.disconnectAgent('codex');
    assert.deepEqual(disconnected.files, [HOOKS, EXCLUDE]);
    assert.equal(fs.existsSync(path.join(root(), '.codex')), false, 'the file and the folder Connect made are gone');
    assert.equal(read(EXCLUDE), excludeBefore, 'Disconnect must take its exclude line out again');
  });

  it('a patch with two hunks, one accepted: the answer is a patch that makes the file exactly the accepted text', async () => {
    const redline = await api();
    await redline.connectAgent('codex');
    const base = lines(40);
    write('src/codexed/a.ts', base);
    const patch = [
      '*** Begin Patch',
      '*** Update File: src/codexed/a.ts',
      '@@',
      '-line 3',
      '+line three',
      '@@',
      '-line 30',
      '+line thirty',
      '*** End Patch',
      '',
    ].join('\n');
    const appeared = nextHookChangeset(redline, 20_000, 'Codex');
    const answer = runHook(codexCommand(), codexInput(patch));
    const cs = await appeared;
    assert.match(cs.source, /^Codex · 01a25051$/);
    const [h1, h2] = cs.files[0]!.hunks;
    assert.ok(h1 && h2, 'expected two hunks');
    await redline.decide(cs.id, h1.id, 'accept');
    await redline.decide(cs.id, h2.id, 'reject', 'keep thirty as digits');
    const a = await answer;
    assert.equal(a.hookSpecificOutput.permissionDecision, 'allow');
    assert.match(a.hookSpecificOutput.additionalContext ?? '', /accepted only part of it.*\nRejected: hunk 2 of 2 \(line 30\): keep thirty as digits\./s);
    // Codex's tool applies the answer's patch to the file as it reads it.
    const rewritten = parsePatch(String(a.hookSpecificOutput.updatedInput?.['command']));
    assert.ok(rewritten.ok, rewritten.ok ? '' : rewritten.message);
    assert.equal(rewritten.value.path, 'src/codexed/a.ts', 'the path as the model wrote it');
    assert.equal(read('src/codexed/a.ts'), base, 'the accepts are held for Codex’s own tool');
    const merged = applyFilePatch(rewritten.value, read('src/codexed/a.ts'));
    assert.deepEqual(merged, { ok: true, value: base.replace('line 3\n', 'line three\n') });
    write('src/codexed/a.ts', merged.value);
    // The hold ends when the file holds the text; the decisions then stand against the file as written.
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    assert.deepEqual(
      redline.getChangeset(cs.id)!.files[0]!.hunks.map((h) => h.state),
      ['accepted', 'rejected'],
    );
  });

  it('a patch of two files is refused with the reason, and nothing is proposed', async () => {
    const redline = await api();
    await redline.connectAgent('codex');
    const proposed: string[] = [];
    const sub = redline.onDidChange((e) => void (e.kind === 'changeset' && proposed.push(e.id)));
    const patch = ['*** Begin Patch', '*** Add File: x.txt', '+x', '*** Add File: y.txt', '+y', '*** End Patch', ''].join('\n');
    const a = await runHook(codexCommand(), codexInput(patch));
    assert.equal(a.hookSpecificOutput.permissionDecision, 'deny');
    assert.match(a.hookSpecificOutput.permissionDecisionReason ?? '', /one file per apply_patch call.*send one patch for each file/);
    sub.dispose();
    assert.deepEqual(proposed, [], 'no changeset for a refused patch');
  });
});
