import * as assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { answerGemini } from '../../src/core/terminalAgents/geminiHooks';
import { HOOK_SETTINGS } from '../../src/core/terminalAgents/hookSettingsJson';
import type { HookCall } from '../../src/core/terminalAgents/hookInput';
import type { HookVerdict } from '../../src/core/terminalAgents/hookVerdict';
import { startHookServer, type HookServer } from '../../src/node/terminalAgents/hookServer';
import { HookStorage, shellQuote } from '../../src/node/terminalAgents/hookStorage';
import { functionCall, functionResponses, GeminiApiDouble, type GeminiPart } from '../double/geminiApi';
import type { JsonObject } from '../double/json';
import { bundledHookClient, runAgentCli, type AgentCliRun } from './agentCli';

const ORIGINAL = 'one\ntwo\nthree\n';

/**
 * The real Gemini CLI, offline, with Redline's own hook: `.gemini/settings.json` as Connect writes
 * it, the launcher and the bundled hook client, the loopback server with its secret, and a review
 * that answers as each test tells it (the verdict a user's decisions come to).
 */
describe('Gemini CLI: Redline’s BeforeTool hook decides every replace and write_file', () => {
  let workspace: string;
  let storage: HookStorage;
  let server: HookServer | undefined;
  let api: GeminiApiDouble | undefined;
  let review: (call: HookCall) => Promise<HookVerdict>;
  const reviewed: HookCall[] = [];

  before(() => {
    storage = new HookStorage(mkdtempSync(join(tmpdir(), 'redline-gemini-hooks-')));
  });
  beforeEach(async () => {
    workspace = realpathSync(mkdtempSync(join(tmpdir(), 'redline-gemini-ws-')));
    writeFileSync(join(workspace, 'a.txt'), ORIGINAL);
    reviewed.length = 0;
    const secret = await storage.secret();
    // The client as the build bundles it, run by the launcher as the agent runs it.
    await storage.writeLauncher(bundledHookClient(), { execPath: process.execPath, electron: false });
    server = await startHookServer({
      secret,
      log: () => undefined,
      handle: async () => {
        throw new Error('a Gemini CLI call reached Claude Code’s path');
      },
      agents: { 'gemini-cli': (body) => answerGemini(body, (call) => (reviewed.push(call), review(call))) },
    });
    await storage.register({ pid: process.pid, port: server.port, folders: [workspace] });
  });
  afterEach(async () => {
    await server?.close();
    await api?.close();
    server = api = undefined;
    rmSync(workspace, { recursive: true, force: true });
  });
  after(() => rmSync(storage.root, { recursive: true, force: true }));

  /** Connect's settings (optionally with a shorter timeout), then one tool call per turn and a closing text. */
  async function run(calls: GeminiPart[], timeoutMs?: number): Promise<AgentCliRun<'gemini-cli'>> {
    const settings = HOOK_SETTINGS['gemini-cli'].withHook(null, `${shellQuote(storage.launcherPath)} gemini-cli`);
    assert.ok(settings.ok);
    const json = JSON.parse(settings.value) as { hooks: { BeforeTool: { hooks: { timeout: number }[] }[] } };
    if (timeoutMs !== undefined) json.hooks.BeforeTool[0]!.hooks[0]!.timeout = timeoutMs;
    mkdirSync(join(workspace, '.gemini'));
    writeFileSync(join(workspace, '.gemini', 'settings.json'), JSON.stringify(json));
    api = await GeminiApiDouble.start(calls.map((c) => [c]));
    const result = await runAgentCli('gemini-cli', { cwd: workspace, prompt: 'Edit a.txt', double: api });
    assert.equal(result.timedOut, false, `the CLI finished: ${result.stderr}`);
    assert.equal(result.exitCode, 0, `gemini exit code: ${result.stderr}${result.stdout}`);
    assert.deepEqual(result.otherRequests, [], 'only streamGenerateContent and countTokens');
    assert.equal(result.requests.length, calls.length + 1, 'the tool turns and the closing turn');
    return result;
  }

  /** What the model read in its last request about its last tool call. */
  function toolResult(result: AgentCliRun<'gemini-cli'>): JsonObject {
    const responses = functionResponses(result.requests.at(-1)!.body);
    assert.equal(responses.length, 1);
    return responses[0]!.response;
  }

  it('deny: the file is untouched and the model reads the reason as the tool’s error', async () => {
    review = async () => ({ kind: 'deny', reason: 'Hunk 1 of 1 rejected: keep lower case.' });
    const result = await run([functionCall('replace', { file_path: 'a.txt', instruction: 'upper-case two', old_string: 'two', new_string: 'TWO' })]);
    assert.equal(readFileSync(join(workspace, 'a.txt'), 'utf8'), ORIGINAL, 'nothing written');
    assert.deepEqual(toolResult(result), { error: 'Tool execution blocked: Hunk 1 of 1 rejected: keep lower case.' });
    assert.deepEqual(
      reviewed.map((c) => c.edit),
      [{ tool: 'Edit', filePath: join(workspace, 'a.txt'), edits: [{ oldString: 'two', newString: 'TWO', replaceAll: false }] }],
      'the relative path was read against the CLI’s folder',
    );
  });

  it('allow with the accepted text: replace writes exactly the merged file, not the model’s edit', async () => {
    const merged = 'one\nTWO\nthree\n';
    review = async (call) => ({ kind: 'allow', path: call.edit.filePath, before: ORIGINAL, after: merged, note: 'Hunk 2 of 2 rejected: keep one.' });
    const result = await run([functionCall('replace', { file_path: 'a.txt', instruction: 'upper-case', old_string: 'one\ntwo', new_string: 'ONE\nTWO' })]);
    assert.equal(readFileSync(join(workspace, 'a.txt'), 'utf8'), merged, 'the hook’s input was executed, not the model’s');
    const output = String(toolResult(result)['output']);
    assert.match(output, /^Successfully modified file: .*a\.txt \(1 replacements\)/);
    assert.match(output, /Tool input parameters were modified by a hook before execution\.$/, 'the model learns its input was changed');
    assert.doesNotMatch(JSON.stringify(result.requests.at(-1)!.body), /keep one/, 'a BeforeTool note reaches the user only');
    assert.match(result.stderr, /Hunk 2 of 2 rejected: keep one\./, 'the note is shown to the user');
  });

  it('allow on write_file of a new file: exactly the accepted content is written', async () => {
    review = async (call) => ({ kind: 'allow', path: call.edit.filePath, before: null, after: 'accepted\n' });
    const file = join(workspace, 'new.txt');
    await run([functionCall('write_file', { file_path: file, content: 'accepted\nand more\n' })]);
    assert.equal(readFileSync(file, 'utf8'), 'accepted\n');
    assert.deepEqual(
      reviewed.map((c) => c.edit),
      [{ tool: 'Write', filePath: file, content: 'accepted\nand more\n' }],
    );
  });

  it('a hook that outlives its timeout counts as no decision: Gemini CLI writes the model’s edit (so Connect sets an hour)', async () => {
    review = () => new Promise(() => undefined);
    const result = await run([functionCall('write_file', { file_path: 'late.txt', content: 'unreviewed\n' })], 2_000);
    assert.match(result.stderr, /Hook timed out after 2000ms/);
    assert.equal(readFileSync(join(workspace, 'late.txt'), 'utf8'), 'unreviewed\n', 'Gemini CLI fails open on a hook timeout');
    assert.equal(reviewed.length, 1, 'the review had the call');
    assert.equal(existsSync(join(workspace, 'a.txt')), true);
  });
});
