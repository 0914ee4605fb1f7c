import * as assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { buildSync } from 'esbuild';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { denyAnswer, type HookAnswer } from '../../../../src/core/terminalAgents/hookAnswers';
import { answerHook } from '../../../../src/node/terminalAgents/hookClient';
import { startHookServer, type HookServer } from '../../../../src/node/terminalAgents/hookServer';
import { HookStorage, shellQuote } from '../../../../src/node/terminalAgents/hookStorage';

const input = (filePath: string, cwd = '/w/app') =>
  JSON.stringify({
    session_id: 's',
    cwd,
    hook_event_name: 'PreToolUse',
    tool_name: 'Write',
    tool_input: { file_path: filePath, content: 'x' },
    tool_use_id: 't',
  });

/** Runs a launcher as Claude Code runs a command hook (through `sh -c`), and reads its one answer. */
function run(launcher: string, stdin: string): Promise<HookAnswer> {
  return new Promise((resolve, reject) => {
    const child = spawn('/bin/sh', ['-c', `${shellQuote(launcher)} claude-code`], { stdio: ['pipe', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString('utf8')));
    child.on('error', reject);
    // A launcher that denies itself (its runtime or client gone) exits without reading its input:
    // the pipe then closes under the write, which is expected, not a failure of the run.
    child.stdin.on('error', (err: NodeJS.ErrnoException) => {
      if (err.code !== 'EPIPE') reject(err);
    });
    child.on('close', (code) => (code === 0 ? resolve(JSON.parse(out) as HookAnswer) : reject(new Error(`exit ${code}: ${out}`))));
    child.stdin.end(stdin);
  });
}

describe('terminalAgents/hookClient', () => {
  let server: HookServer | undefined;
  afterEach(() => server?.close());

  it('finds the live window that has the file’s folder and relays its answer; none: a clear denial, or ask when the user chose so', async () => {
    const storage = new HookStorage(mkdtempSync(path.join(tmpdir(), 'redline-hooks-')));
    const secret = await storage.secret();
    assert.equal(statSync(path.join(storage.root, 'hook-secret')).mode & 0o777, 0o600, 'the secret must be readable by its owner only');
    assert.equal(await storage.secret(), secret, 'a second window must read the same secret');
    const seen: unknown[] = [];
    server = await startHookServer({ secret, log: () => undefined, handle: async (b) => (seen.push(b), denyAnswer('from the window')) });
    await storage.register({ pid: process.pid, port: server.port, folders: ['/w/app'] });
    // A window that died without cleaning up: its file is skipped.
    await storage.register({ pid: 2 ** 22 + 12345, port: 1, folders: ['/w/app/sub'] });

    const served = await answerHook(storage.root, input('/w/app/sub/a.ts'), { caseInsensitive: false }, 'claude-code');
    assert.equal(served.hookSpecificOutput?.permissionDecisionReason, 'from the window');
    assert.equal((seen[0] as { tool_input: { file_path: string } }).tool_input.file_path, '/w/app/sub/a.ts', 'the hook input must reach the window as sent');

    const byCwd = await answerHook(storage.root, input('/elsewhere/a.ts', '/w/app'), { caseInsensitive: false }, 'claude-code');
    assert.equal(
      byCwd.hookSpecificOutput?.permissionDecisionReason,
      'from the window',
      'a file outside every folder goes to the window of the cwd (which refuses it)',
    );

    const none = await answerHook(storage.root, input('/x/a.ts', '/x'), { caseInsensitive: false }, 'claude-code');
    assert.deepEqual(none.hookSpecificOutput?.permissionDecision, 'deny');
    assert.match(none.hookSpecificOutput?.permissionDecisionReason ?? '', /^No Redline window has \/x open/);
    await storage.writeOptions({ whenNoWindow: 'ask' });
    assert.equal(
      (await answerHook(storage.root, input('/x/a.ts', '/x'), { caseInsensitive: false }, 'claude-code')).hookSpecificOutput?.permissionDecision,
      'ask',
    );
  });

  it('Codex: posts to its own path, finds the window by the path in the patch, and answers "no window" by the user’s choice without "ask"', async () => {
    const storage = new HookStorage(mkdtempSync(path.join(tmpdir(), 'redline-hooks-')));
    const secret = await storage.secret();
    const seen: [unknown, string][] = [];
    server = await startHookServer({
      secret,
      log: () => undefined,
      handle: async (b) => (seen.push([b, 'claude-code']), denyAnswer('from the window to claude-code')),
      agents: { codex: async (b) => (seen.push([b, 'codex']), denyAnswer('from the window to codex')) },
    });
    await storage.register({ pid: process.pid, port: server.port, folders: ['/w/app'] });
    const codex = (patchPath: string, cwd: string) =>
      JSON.stringify({
        session_id: 's',
        cwd,
        hook_event_name: 'PreToolUse',
        tool_name: 'apply_patch',
        tool_input: { command: `*** Begin Patch\n*** Add File: ${patchPath}\n+x\n*** End Patch\n` },
        tool_use_id: 'call_1',
      });
    const served = await answerHook(storage.root, codex('app/a.ts', '/w'), { caseInsensitive: false }, 'codex');
    assert.equal(served.hookSpecificOutput?.permissionDecisionReason, 'from the window to codex', 'the window of the patched file, on the Codex path');
    assert.equal(seen[0]?.[1], 'codex');
    const none = await answerHook(storage.root, codex('a.ts', '/x'), { caseInsensitive: false }, 'codex');
    assert.match(none.hookSpecificOutput?.permissionDecisionReason ?? '', /^No Redline window has \/x open.*Redline: Disconnect Codex there/);
    await storage.writeOptions({ whenNoWindow: 'ask' });
    const asked = await answerHook(storage.root, codex('a.ts', '/x'), { caseInsensitive: false }, 'codex');
    assert.deepEqual(Object.keys(asked), ['systemMessage'], 'Codex would count "ask" as a failed hook: no decision, only a message');
  });

  it('the launcher answers on stdout whatever goes wrong: bad JSON, a window that does not answer', async function () {
    this.timeout(20_000);
    const storage = new HookStorage(mkdtempSync(path.join(tmpdir(), 'redline-hooks-')));
    await storage.secret();
    // The client bundled as the build bundles it (scripts/build.mjs), run by the launcher as an agent runs it.
    const bundled = buildSync({
      entryPoints: ['src/node/terminalAgents/hookClient.ts'],
      bundle: true,
      platform: 'node',
      format: 'cjs',
      target: 'node20',
      write: false,
    });
    await storage.writeLauncher(bundled.outputFiles[0]!.text, { execPath: process.execPath, electron: false });
    assert.match(readFileSync(storage.launcherPath, 'utf8'), /^#!\/bin\/sh\n/);
    const bad = await run(storage.launcherPath, '{not json');
    assert.match(bad.hookSpecificOutput.permissionDecisionReason ?? '', /not JSON/);
    await storage.register({ pid: process.pid, port: 9, folders: ['/w/app'] });
    const unreachable = await run(storage.launcherPath, input('/w/app/a.ts'));
    assert.equal(unreachable.hookSpecificOutput.permissionDecision, 'deny');
    assert.match(unreachable.hookSpecificOutput.permissionDecisionReason ?? '', /could not be reached on port 9/);
  });

  it('the launcher still answers a denial when the runtime or the client it runs is gone', async function () {
    this.timeout(20_000);
    // A folder name with a quote and a space: the script must quote every path it holds.
    const storage = new HookStorage(mkdtempSync(path.join(tmpdir(), "redline hooks'-")));
    await storage.writeLauncher('process.stdout.write("{}")', { execPath: path.join(storage.root, 'gone', "no'de"), electron: true });
    for (const stdin of [input('/w/app/a.ts'), '']) {
      const answer = await run(storage.launcherPath, stdin);
      assert.equal(answer.hookSpecificOutput.permissionDecision, 'deny');
      assert.match(answer.hookSpecificOutput.permissionDecisionReason ?? '', /^Redline's hook cannot run: the program it runs with \(.*gone\/no'de\)/);
    }
    await storage.writeLauncher('process.stdout.write("{}")', { execPath: process.execPath, electron: false });
    rmSync(path.join(storage.hooksDir, 'hookClient.js'));
    const noClient = await run(storage.launcherPath, input('/w/app/a.ts'));
    assert.equal(noClient.hookSpecificOutput.permissionDecision, 'deny');
    assert.match(noClient.hookSpecificOutput.permissionDecisionReason ?? '', /or its script is gone/);
  });
});
