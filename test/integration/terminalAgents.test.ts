import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import { request } from 'node:http';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { api, read, root, write } from './agentSupport';
import { lines } from './gitSupport';
import { agentWrites, hookCommand, hookInput, nextHookChangeset, reasonOf, runHook, spawnHook, type HookAnswer } from './terminalAgentSupport';

const SETTINGS = '.claude/settings.local.json';
const EXCLUDE = '.git/info/exclude';
const GEMINI_SETTINGS = '.gemini/settings.json';

/** Connect is idempotent: each test connects, so one failing test does not take the others down. */
async function connected(): Promise<void> {
  await (await api()).connectAgent('claude-code');
}

describe('terminal agents: Claude Code through its PreToolUse hook', function () {
  this.timeout(60_000);
  const settingsBefore = '{\n    "permissions": { "allow": ["Bash(npm test)"] }\n}\n';
  let excludeBefore = '';

  before(() => {
    execFileSync('git', ['init', '-q'], { cwd: root() });
    excludeBefore = fs.readFileSync(path.join(root(), EXCLUDE), 'utf8');
    write(SETTINGS, settingsBefore);
  });

  after(async () => {
    await (await api()).disconnectAgent('claude-code');
    fs.rmSync(path.join(root(), '.git'), { recursive: true, force: true });
    fs.rmSync(path.join(root(), '.claude'), { recursive: true, force: true });
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('Connect writes the hook into the local settings and git’s exclude; Disconnect puts back the exact bytes', async () => {
    const redline = await api();
    const bundle = path.join(vscode.extensions.getExtension('redline.redline')!.extensionPath, 'dist', 'terminalAgents.js');
    assert.equal(require.cache[bundle], undefined, 'a window never connected must not load the terminal agents at activation');
    const connected = await redline.connectAgent('claude-code');
    assert.ok(require.cache[bundle], 'Connect must load the terminal agents');
    assert.deepEqual(connected.files, [SETTINGS, EXCLUDE]);
    const settings = JSON.parse(read(SETTINGS));
    assert.deepEqual(settings.permissions, { allow: ['Bash(npm test)'] }, 'the user’s settings were lost');
    assert.equal(settings.hooks.PreToolUse[0].matcher, 'Edit|Write|MultiEdit|NotebookEdit');
    assert.equal(settings.hooks.PreToolUse[0].hooks[0].type, 'command');
    assert.ok(settings.hooks.PreToolUse[0].hooks[0].timeout >= 600, 'the hook needs a long timeout');
    const launcher = /^'([^']+)' claude-code$/.exec(hookCommand())?.[1];
    assert.ok(launcher && !launcher.startsWith(root()), `the launcher must live outside the workspace: ${launcher}`);
    assert.equal(fs.statSync(launcher).mode & 0o100, 0o100, 'the launcher must be executable');
    assert.equal(read(EXCLUDE), `${excludeBefore}/.claude/settings.local.json\n`);
    assert.equal(execFileSync('git', ['status', '--porcelain', '--', '.claude'], { cwd: root(), encoding: 'utf8' }), '', 'git must ignore the settings file');
    assert.equal(fs.existsSync(path.join(root(), '.claude', 'settings.json')), false, 'the shared settings file must not be written');

    const disconnected = await redline.disconnectAgent('claude-code');
    assert.deepEqual(disconnected.files, [SETTINGS, EXCLUDE]);
    assert.equal(read(SETTINGS), settingsBefore, 'Disconnect must put back exactly the bytes that were there');
    assert.equal(read(EXCLUDE), excludeBefore, 'Disconnect must take its exclude line out again');

    write(SETTINGS, '{ "permissions": ');
    await assert.rejects(redline.connectAgent('claude-code'), /is not valid JSON.*Claude Code would ignore it silently/);
    assert.equal(read(SETTINGS), '{ "permissions": ', 'a refused connect must not touch the file');
    write(SETTINGS, settingsBefore);
    await redline.connectAgent('claude-code');
  });

  it('Connect Gemini CLI writes its BeforeTool hook into an untracked .gemini/settings.json kept out of git; Disconnect removes it; a tracked one is refused', async () => {
    const redline = await api();
    const excludeNow = read(EXCLUDE);
    const connectedGemini = await redline.connectAgent('gemini-cli');
    assert.deepEqual(connectedGemini.files, [GEMINI_SETTINGS, EXCLUDE]);
    const entry = JSON.parse(read(GEMINI_SETTINGS)).hooks.BeforeTool[0];
    assert.equal(entry.matcher, '^(replace|write_file)$');
    assert.equal(entry.hooks[0].timeout, 3_600_000, 'Gemini CLI reads milliseconds; a hook that times out lets the edit through');
    assert.match(entry.hooks[0].command, /^'[^']+\/redline-hook' gemini-cli$/);
    assert.equal(execFileSync('git', ['status', '--porcelain', '--', '.gemini'], { cwd: root(), encoding: 'utf8' }), '', 'git must ignore the settings file');
    const disconnected = await redline.disconnectAgent('gemini-cli');
    assert.deepEqual(disconnected.files, [GEMINI_SETTINGS, EXCLUDE]);
    assert.equal(fs.existsSync(path.join(root(), '.gemini')), false, 'the folder Connect made must go');
    assert.equal(read(EXCLUDE), excludeNow, 'Disconnect must put back exactly the exclude bytes');

    write(GEMINI_SETTINGS, '{}\n');
    execFileSync('git', ['add', GEMINI_SETTINGS], { cwd: root() });
    try {
      await assert.rejects(redline.connectAgent('gemini-cli'), /\.gemini\/settings\.json in .* is tracked by git/);
      assert.equal(read(GEMINI_SETTINGS), '{}\n', 'a refused connect must not touch the file');
    } finally {
      execFileSync('git', ['rm', '-q', '--cached', GEMINI_SETTINGS], { cwd: root() });
      fs.rmSync(path.join(root(), '.gemini'), { recursive: true, force: true });
    }
  });

  it('an Edit with three hunks, two accepted: the agent may write exactly those two; the answer says why the third did not land', async () => {
    await connected();
    const redline = await api();
    const base = lines(40);
    const abs = write('src/hooked/edit.ts', base);
    const edited = base.replace('line 3\n', 'line three\n').replace('line 20\n', 'line twenty\n').replace('line 37\n', 'line thirty-seven\n');
    const appeared = nextHookChangeset(redline);
    const answer = runHook(hookCommand(), hookInput('Edit', { file_path: abs, old_string: base, new_string: edited, replace_all: false }));
    const cs = await appeared;
    assert.match(cs.source, /^Claude Code · 5f0c2d7e$/);
    assert.equal(read('src/hooked/edit.ts'), base, 'the proposal must not touch the file');
    const [h1, h2, h3] = cs.files[0]!.hunks;
    assert.ok(h1 && h2 && h3, 'expected three hunks');
    await redline.decide(cs.id, h1.id, 'accept');
    await redline.decide(cs.id, h2.id, 'reject', 'keep twenty as digits');
    await redline.decide(cs.id, h3.id, 'accept');
    const a = await answer;
    assert.equal(read('src/hooked/edit.ts'), base, 'the accepts are held for the agent’s own tool');
    const merged = base.replace('line 3\n', 'line three\n').replace('line 37\n', 'line thirty-seven\n');
    assert.deepEqual(a.hookSpecificOutput, {
      hookEventName: 'PreToolUse',
      permissionDecision: 'allow',
      updatedInput: { file_path: abs, old_string: base, new_string: merged },
      additionalContext: `The user reviewed this edit in Redline and accepted only part of it: ${abs} now holds hunk 1 of 3 (line 3), hunk 3 of 3 (line 37), and not the rest. Read ${abs} before you edit it next.\nRejected: hunk 2 of 3 (line 20): keep twenty as digits.`,
    });
    agentWrites(a);
    // The hold ends when the file holds the text; the decisions then stand against the file as written.
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    assert.equal(read('src/hooked/edit.ts'), merged);
    assert.deepEqual(
      redline.getChangeset(cs.id)!.files[0]!.hunks.map((h) => h.state),
      ['accepted', 'rejected', 'accepted'],
    );
  });

  it('a Write rejected with a reason: file untouched, the reason in the denial; a new file accepted is created by the agent', async () => {
    await connected();
    const redline = await api();
    const abs = write('src/hooked/write.ts', 'export const a = 1;\n');
    const appeared = nextHookChangeset(redline);
    const answer = runHook(hookCommand(), hookInput('Write', { file_path: abs, content: 'export const a = 2;\n' }));
    const cs = await appeared;
    await redline.decide(cs.id, cs.files[0]!.hunks[0]!.id, 'reject', 'a stays 1');
    const a = await answer;
    assert.equal(a.hookSpecificOutput.permissionDecision, 'deny');
    assert.equal(reasonOf(a), `The user rejected this edit in Redline; nothing was written to ${abs}.\nRejected: hunk 1 of 1 (line 1): a stays 1.`);
    assert.equal(read('src/hooked/write.ts'), 'export const a = 1;\n');

    const fresh = path.join(root(), 'src', 'hooked', 'fresh.ts');
    const appeared2 = nextHookChangeset(redline);
    const answer2 = runHook(hookCommand(), hookInput('Write', { file_path: fresh, content: 'export const fresh = true;\n' }));
    const cs2 = await appeared2;
    assert.equal(cs2.files[0]!.status, 'added');
    assert.equal(fs.existsSync(fresh), false, 'the new file must not exist before it is accepted');
    await redline.decide(cs2.id, cs2.files[0]!.hunks[0]!.id, 'accept');
    const a2 = await answer2;
    assert.deepEqual(a2.hookSpecificOutput.updatedInput, { file_path: fresh, content: 'export const fresh = true;\n' });
    assert.equal(fs.existsSync(fresh), false, 'the agent’s tool creates it');
    agentWrites(a2);
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    assert.deepEqual(
      redline.getChangeset(cs2.id)!.files[0]!.hunks.map((h) => h.state),
      ['accepted'],
    );
  });

  it('Ask fix sends the comment back as the denial; Send Decisions answers with the rest rejected; an agent that goes away leaves the review open', async () => {
    await connected();
    const redline = await api();
    const base = lines(30);
    const abs = write('src/hooked/fix.ts', base);
    const appeared = nextHookChangeset(redline);
    const answer = runHook(
      hookCommand(),
      hookInput('Write', { file_path: abs, content: base.replace('line 2\n', 'line two\n').replace('line 28\n', 'line 28!\n') }),
    );
    const cs = await appeared;
    await redline.requestFix(cs.id, cs.files[0]!.hunks[1]!.id, 'no exclamation marks');
    const a = await answer;
    assert.match(reasonOf(a), /^The user asks: no exclamation marks \(about hunk 2 of 2/);
    assert.deepEqual(
      redline.getChangeset(cs.id)!.files[0]!.hunks.map((h) => h.state),
      ['rejected', 'rejected'],
      'the hunks of an edit sent back must not land later',
    );
    assert.equal(read('src/hooked/fix.ts'), base);

    const appeared2 = nextHookChangeset(redline);
    const answer2 = runHook(
      hookCommand(),
      hookInput('Write', { file_path: abs, content: base.replace('line 2\n', 'line two\n').replace('line 28\n', 'line 28!\n') }),
    );
    const cs2 = await appeared2;
    await redline.decide(cs2.id, cs2.files[0]!.hunks[0]!.id, 'accept');
    await vscode.commands.executeCommand('redline.sendDecisions', cs2.id);
    const a2 = await answer2;
    assert.match(
      a2.hookSpecificOutput.additionalContext ?? '',
      /now holds hunk 1 of 2 \(line 2\), and not the rest\..*\nRejected: hunk 2 of 2 \(line 28\): not reviewed when the decisions were sent\./,
    );
    agentWrites(a2);
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    assert.equal(read('src/hooked/fix.ts'), base.replace('line 2\n', 'line two\n'));

    // The agent gives up (killed, or its own timeout): the review stays, and accepting still writes.
    const appeared3 = nextHookChangeset(redline);
    const child = spawnHook(hookCommand(), hookInput('Write', { file_path: abs, content: `${read('src/hooked/fix.ts')}tail\n` }));
    const cs3 = await appeared3;
    child.kill('SIGKILL');
    await new Promise((resolve) => setTimeout(resolve, 500));
    await redline.decide(cs3.id, cs3.files[0]!.hunks[0]!.id, 'accept');
    assert.ok(read('src/hooked/fix.ts').endsWith('line 30\ntail\n'), 'the changeset of an agent gone must stay reviewable');
  });

  it('refuses, writing nothing: a forged secret, a path outside, into .git, a secret file, a replayed call; no window: a clear denial', async () => {
    await connected();
    const outside = await runHook(hookCommand(), hookInput('Write', { file_path: '/etc/redline-hook-test', content: 'x\n' }));
    assert.match(reasonOf(outside), /^Redline refused this edit: .*outside.*Nothing was written\.$/s);
    const git = await runHook(hookCommand(), hookInput('Write', { file_path: path.join(root(), '.git', 'config'), content: 'x\n' }));
    assert.match(reasonOf(git), /inside \.git/);
    // Another suite of this window may have left a .env of its own: the hook must leave it as it was.
    const envFile = path.join(root(), '.env');
    const envBefore = fs.existsSync(envFile) ? fs.readFileSync(envFile, 'utf8') : undefined;
    const env = await runHook(hookCommand(), hookInput('Write', { file_path: envFile, content: 'KEY=1\n' }));
    assert.match(reasonOf(env), /Redline refused this edit: .*\.env/);
    assert.equal(fs.existsSync(envFile) ? fs.readFileSync(envFile, 'utf8') : undefined, envBefore, 'the refused Write changed .env');
    const replayed = hookInput('Edit', { file_path: path.join(root(), 'src/hooked/none.ts'), old_string: 'a', new_string: 'b' });
    await runHook(hookCommand(), replayed);
    assert.match(reasonOf(await runHook(hookCommand(), replayed)), /was already answered \(a replayed call\)/);
    for (const a of [outside, git, env]) assert.equal(a.hookSpecificOutput.permissionDecision, 'deny');

    // The window's registry entry gives the port; a call with another secret is refused.
    const launcher = /^'([^']+)' claude-code$/.exec(hookCommand())![1]!;
    const entry = JSON.parse(fs.readFileSync(path.join(path.dirname(launcher), '..', 'windows', `window-${process.pid}.json`), 'utf8')) as {
      port: number;
      folders: string[];
    };
    assert.deepEqual(entry.folders, [root()]);
    const forged = await new Promise<{ status: number; answer: HookAnswer }>((resolve, reject) => {
      const body = JSON.stringify(hookInput('Write', { file_path: path.join(root(), 'src/hooked/forged.ts'), content: 'x\n' }));
      const req = request(
        {
          host: '127.0.0.1',
          port: entry.port,
          path: '/hooks/claude-code/pre-tool-use',
          method: 'POST',
          headers: { authorization: `Bearer ${'0'.repeat(64)}`, 'content-type': 'application/json' },
        },
        (res) => {
          let text = '';
          res.on('data', (c: Buffer) => (text += c.toString('utf8')));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, answer: JSON.parse(text) as HookAnswer }));
        },
      );
      req.on('error', reject);
      req.end(body);
    });
    assert.equal(forged.status, 401);
    assert.match(reasonOf(forged.answer), /secret is missing or wrong/);
    assert.equal(fs.existsSync(path.join(root(), 'src/hooked/forged.ts')), false);

    const elsewhere = fs.mkdtempSync(path.join(path.dirname(root()), 'no-window-'));
    const none = await runHook(hookCommand(), hookInput('Write', { file_path: path.join(elsewhere, 'a.ts'), content: 'x\n' }, { cwd: elsewhere }), elsewhere);
    assert.equal(none.hookSpecificOutput.permissionDecision, 'deny');
    assert.match(reasonOf(none), new RegExp(`^No Redline window has ${elsewhere.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} open`));
  });
});
