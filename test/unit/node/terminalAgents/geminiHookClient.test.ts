import * as assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { denyAnswer } from '../../../../src/core/terminalAgents/hookAnswers';
import { HOOK_AGENTS } from '../../../../src/core/terminalAgents/hookAgents';
import { answerHook } from '../../../../src/node/terminalAgents/hookClient';
import { startHookServer, type HookServer } from '../../../../src/node/terminalAgents/hookServer';
import { HookStorage, shellQuote } from '../../../../src/node/terminalAgents/hookStorage';

/** A `BeforeTool` call as Gemini CLI sends it: the path as the model wrote it, relative to cwd. */
const input = (filePath: string, cwd = '/w/app') =>
  JSON.stringify({
    session_id: 's',
    transcript_path: '/t.jsonl',
    cwd,
    hook_event_name: 'BeforeTool',
    timestamp: '2026-12-07T11:43:39.203Z',
    tool_name: 'write_file',
    tool_input: { file_path: filePath, content: 'x' },
  });

/** Runs the launcher as Gemini CLI runs a command hook (`sh -c`), and reads its one answer. */
function run(launcher: string, stdin: string): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const child = spawn('/bin/sh', ['-c', `${shellQuote(launcher)} gemini-cli`], { stdio: ['pipe', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString('utf8')));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve(JSON.parse(out)) : reject(new Error(`exit ${code}: ${out}`))));
    child.stdin.end(stdin);
  });
}

describe('terminalAgents/hookClient for Gemini CLI', () => {
  let server: HookServer | undefined;
  afterEach(() => server?.close());

  it('posts to Gemini CLI’s own path and relays its answer; every denial of its own is in Gemini CLI’s shape', async () => {
    const storage = new HookStorage(mkdtempSync(path.join(tmpdir(), 'redline-hooks-')));
    const secret = await storage.secret();
    const seen: unknown[] = [];
    let answer: object = { decision: 'deny', reason: 'from the window' };
    server = await startHookServer({
      secret,
      log: () => undefined,
      handle: async () => denyAnswer('Claude Code’s handler must not see a Gemini CLI call'),
      agents: { 'gemini-cli': async (b) => (seen.push(b), answer) },
    });
    await storage.register({ pid: process.pid, port: server.port, folders: ['/w/app'] });
    const env = { caseInsensitive: false };

    assert.deepEqual(await answerHook(storage.root, input('sub/a.ts'), env, 'gemini-cli'), { decision: 'deny', reason: 'from the window' });
    assert.equal((seen[0] as { hook_event_name: string }).hook_event_name, 'BeforeTool', 'the hook input must reach the window as sent');
    answer = { decision: 'allow', hookSpecificOutput: { tool_input: { file_path: '/w/app/sub/a.ts', content: 'y' } } };
    assert.deepEqual(await answerHook(storage.root, input('sub/a.ts'), env, 'gemini-cli'), answer);

    // An answer in another agent's shape would let Gemini CLI write the edit: the client denies instead.
    answer = denyAnswer('Claude-shaped');
    const wrongShape = await answerHook(storage.root, input('a.ts'), env, 'gemini-cli');
    assert.equal(wrongShape.decision, 'deny');
    assert.match(wrongShape.reason ?? '', /no decision; nothing was written/);

    const none = await answerHook(storage.root, input('a.ts', '/x'), env, 'gemini-cli');
    assert.equal(none.decision, 'deny');
    assert.match(none.reason ?? '', /^No Redline window has \/x open.*Disconnect Gemini CLI there\.$/);
    await storage.writeOptions({ whenNoWindow: 'ask' });
    assert.equal((await answerHook(storage.root, input('a.ts', '/x'), env, 'gemini-cli')).decision, 'ask');
    assert.deepEqual((await answerHook(storage.root, '{nope', env, 'gemini-cli')).decision, 'deny');
  });

  it('a window that serves no Gemini CLI handler refuses its calls in Gemini CLI’s shape', async () => {
    const storage = new HookStorage(mkdtempSync(path.join(tmpdir(), 'redline-hooks-')));
    const secret = await storage.secret();
    server = await startHookServer({ secret, log: () => undefined, handle: async () => denyAnswer('no') });
    const res = await fetch(`http://127.0.0.1:${server.port}${HOOK_AGENTS['gemini-cli'].path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${secret}`, 'content-type': 'application/json' },
      body: input('a.ts'),
    });
    assert.equal(res.status, 404);
    const body = (await res.json()) as { decision?: string; reason?: string };
    assert.equal(body.decision, 'deny');
    assert.match(body.reason ?? '', /^Redline refused this call: unknown request/);
  });

  it('the launcher denies in Gemini CLI’s shape when the runtime it runs with is gone', async function () {
    this.timeout(20_000);
    const storage = new HookStorage(mkdtempSync(path.join(tmpdir(), 'redline-hooks-')));
    await storage.writeLauncher('process.stdout.write("{}")', { execPath: path.join(storage.root, 'gone', 'node'), electron: true });
    const answer = (await run(storage.launcherPath, input('a.ts'))) as { decision?: string; reason?: string };
    assert.equal(answer.decision, 'deny');
    assert.match(answer.reason ?? '', /^Redline's hook cannot run: the program it runs with/);
  });
});
