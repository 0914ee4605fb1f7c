import * as assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HOOK_SETTINGS, SETTINGS_FILE } from '../../src/core/terminalAgents/hookSettingsJson';
import { HookStorage, shellQuote } from '../../src/node/terminalAgents/hookStorage';
import { answerToLastTurn, byTurn, editCall } from '../double/claudeCode';
import { textReply } from '../double/script';
import { MessagesDouble } from '../double/server';
import { runAgentCli } from './agentCli';

const ORIGINAL = 'one\ntwo\nthree\n';

/**
 * Redline's launcher and the hook entry Connect writes, run by the real CLI when the hook cannot do
 * its work: the edit is refused either way, even in acceptEdits, where no answer would let it
 * through unreviewed.
 */
describe('Claude Code CLI: the hook Connect writes never lets an edit through when it breaks', () => {
  let workspace: string;
  let storage: HookStorage;
  let double: MessagesDouble | undefined;

  beforeEach(() => {
    workspace = realpathSync(mkdtempSync(join(tmpdir(), 'redline-claude-ws-')));
    writeFileSync(join(workspace, 'a.txt'), ORIGINAL);
    storage = new HookStorage(realpathSync(mkdtempSync(join(tmpdir(), 'redline-claude-storage-'))));
    const settings = HOOK_SETTINGS['claude-code'].withHook(null, `${shellQuote(storage.launcherPath)} claude-code`);
    assert.ok(settings.ok);
    mkdirSync(join(workspace, '.claude'));
    writeFileSync(join(workspace, SETTINGS_FILE), settings.value);
  });
  afterEach(async () => {
    await double?.close();
    double = undefined;
    rmSync(workspace, { recursive: true, force: true });
    rmSync(storage.root, { recursive: true, force: true });
  });

  /** One Edit in acceptEdits mode; returns what the model read about it. */
  async function edit(): Promise<{ isError: boolean; text: string }> {
    double = await MessagesDouble.start({
      script: byTurn([{ kind: 'reply', content: [editCall(join(workspace, 'a.txt'), 'two', 'TWO')] }, textReply('Done.')]),
      thinking: {},
    });
    const run = await runAgentCli('claude-code', { cwd: workspace, prompt: 'Edit a.txt', double, args: ['--permission-mode', 'acceptEdits'] });
    assert.equal(run.exitCode, 0, `claude exit code: ${run.stderr}${run.stdout}`);
    assert.equal(readFileSync(join(workspace, 'a.txt'), 'utf8'), ORIGINAL, 'the edit was written unreviewed');
    const [result] = answerToLastTurn(run.requests[run.requests.length - 1]!.body).toolResults;
    assert.ok(result);
    return result;
  }

  it('the runtime is gone: the launcher itself answers a denial the model reads', async () => {
    await storage.writeLauncher('', { execPath: join(storage.root, 'gone', 'node'), electron: true });
    const result = await edit();
    assert.equal(result.isError, true);
    assert.match(result.text, /^PreToolUse:Edit hook error: Redline's hook cannot run: the program it runs with \(.*\/gone\/node\) or its script is gone/);
  });

  it('the client crashes without an answer: onFailure "block" refuses the edit', async () => {
    await storage.writeLauncher('process.exit(3);', { execPath: process.execPath, electron: false });
    const result = await edit();
    assert.equal(result.isError, true);
    assert.match(result.text, /^PreToolUse:Edit hook error: /);
  });
});
