import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { answerCodexCall } from '../../src/core/terminalAgents/codexHook';
import type { HookVerdict } from '../../src/core/terminalAgents/hookVerdict';
import type { HookCall } from '../../src/core/terminalAgents/hookInput';
import { proposedText } from '../../src/core/terminalAgents/toolEdits';
import { connectCodex } from '../../src/node/terminalAgents/codexConnection';
import { startHookServer, type HookServer } from '../../src/node/terminalAgents/hookServer';
import { HookStorage, shellQuote } from '../../src/node/terminalAgents/hookStorage';
import { afterToolCall, message, patchCall, ResponsesDouble } from '../double/responses';
import { bundledHookClient, runAgentCli, type AgentCliRun } from './agentCli';

const ORIGINAL = 'one\ntwo\nthree\n';
const PATCH = '*** Begin Patch\n*** Update File: a.txt\n@@\n one\n-two\n+TWO\n three\n*** End Patch\n';

const client = bundledHookClient();

/**
 * The hook Connect writes, run by the real Codex CLI: Codex → the launcher → the client → this
 * window's hook server → Codex's call read into a HookCall → a review (scripted here) → its verdict
 * in Codex's words → what Codex writes and what its model reads next.
 */
describe('Codex CLI: Connect’s hook sends every apply_patch through the review', () => {
  let workspace: string;
  let storage: HookStorage;
  let server: HookServer | undefined;
  let double: ResponsesDouble | undefined;
  let reviewed: { call: HookCall; agent: string; proposed: string }[];

  beforeEach(async () => {
    workspace = realpathSync(mkdtempSync(join(tmpdir(), 'redline-codex-ws-')));
    writeFileSync(join(workspace, 'a.txt'), ORIGINAL);
    execFileSync('git', ['init', '-q', workspace]);
    storage = new HookStorage(realpathSync(mkdtempSync(join(tmpdir(), 'redline-codex-storage-'))));
    await storage.writeLauncher(client, { execPath: process.execPath, electron: false });
    const connected = await connectCodex(workspace, `${shellQuote(storage.launcherPath)} codex`, 'git');
    assert.ok(connected.ok, connected.ok ? '' : connected.message);
    reviewed = [];
  });
  afterEach(async () => {
    await server?.close();
    server = undefined;
    await double?.close();
    double = undefined;
    rmSync(workspace, { recursive: true, force: true });
    rmSync(storage.root, { recursive: true, force: true });
  });

  /** This window's server, whose review reads the file, records the call and answers `verdict`. */
  async function serve(verdict: (before: string, proposed: string) => HookVerdict): Promise<void> {
    const secret = await storage.secret();
    server = await startHookServer({
      secret,
      log: () => undefined,
      handle: () => Promise.reject(new Error('a Codex call reached Claude Code’s path')),
      agents: {
        codex: (body, gone) =>
          answerCodexCall(body, gone, async (call, source) => {
            const before = readFileSync(call.edit.filePath, 'utf8');
            const proposed = proposedText(call.edit, before);
            assert.ok(proposed.ok, proposed.ok ? '' : proposed.message);
            reviewed.push({ call, agent: source, proposed: proposed.value });
            return verdict(before, proposed.value);
          }),
      },
    });
    await storage.register({ pid: process.pid, port: server.port, folders: [workspace] });
  }

  async function run(trustProject = true): Promise<AgentCliRun<'codex'>> {
    double = await ResponsesDouble.start([[patchCall(PATCH)], [message('Done.')]]);
    const result = await runAgentCli('codex', { cwd: workspace, prompt: 'Edit a.txt', double, trustProject });
    assert.equal(result.timedOut, false, `the CLI finished: ${result.stderr}`);
    assert.equal(result.exitCode, 0, `codex exit code: ${result.stderr}${result.stdout}`);
    assert.deepEqual(
      result.requests.map((r) => `${r.method} ${r.path}`),
      ['POST /v1/responses', 'POST /v1/responses'],
      'the patch turn and the closing turn, nothing else',
    );
    return result;
  }

  it('Codex calls the hook with the patch: the review gets it as a HookCall with the text Codex would write', async () => {
    await serve(() => ({ kind: 'deny', reason: 'Reviewed.' }));
    await run();
    assert.equal(reviewed.length, 1, 'one review for one apply_patch');
    const [{ call, agent, proposed }] = reviewed as [(typeof reviewed)[0]];
    assert.equal(agent, 'Codex');
    assert.equal(call.cwd, workspace);
    assert.equal(call.edit.filePath, join(workspace, 'a.txt'));
    assert.equal(call.edit.tool === 'ApplyPatch' ? call.edit.patchPath : '', 'a.txt');
    assert.equal(proposed, 'one\nTWO\nthree\n');
  });

  it('deny: nothing is written and the reason reaches the model’s next request as the tool’s output', async () => {
    await serve(() => ({ kind: 'deny', reason: 'The user rejected this edit in Redline; nothing was written to a.txt.' }));
    const result = await run();
    assert.equal(readFileSync(join(workspace, 'a.txt'), 'utf8'), ORIGINAL, 'nothing written');
    const after = afterToolCall(result.requests[1]?.body);
    assert.match(after.output, /^Command blocked by PreToolUse hook: The user rejected this edit in Redline; nothing was written to a\.txt\./);
  });

  it('allow with the accepted text: Codex writes exactly it, and the note reaches the model', async () => {
    const accepted = 'one\nTwo\nthree\nfour\n';
    await serve((before) => ({
      kind: 'allow',
      path: join(workspace, 'a.txt'),
      before,
      after: accepted,
      note: 'Hunk 2 of 2 was rejected: keep TWO lower case.',
    }));
    const result = await run();
    assert.equal(readFileSync(join(workspace, 'a.txt'), 'utf8'), accepted, 'the rewritten patch was applied, not the model’s');
    const after = afterToolCall(result.requests[1]?.body);
    assert.match(after.output, /Success\. Updated the following files:\nM a\.txt/);
    assert.deepEqual(after.notes, ['Hunk 2 of 2 was rejected: keep TWO lower case.']);
  });

  it('an untrusted project: Codex skips the project’s hooks and writes the edit unreviewed (the limit the README names)', async () => {
    await serve(() => ({ kind: 'deny', reason: 'never asked' }));
    await run(false);
    assert.equal(reviewed.length, 0, 'Codex did not call the hook');
    assert.equal(readFileSync(join(workspace, 'a.txt'), 'utf8'), 'one\nTWO\nthree\n', 'the edit went through unreviewed');
  });
});
