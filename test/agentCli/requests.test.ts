import * as assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { byTurn, editCall } from '../double/claudeCode';
import { asArray, asString, field, type Json } from '../double/json';
import { textReply } from '../double/script';
import { MessagesDouble } from '../double/server';
import { DUMMY_KEY, runAgentCli } from './agentCli';
import { installCommandHook, type CommandHook } from './commandHook';

/** A process that still runs; a killed one its parent has not reaped yet (a zombie) does not count. */
function isRunning(pid: number): boolean {
  if (existsSync('/proc/self/stat')) {
    const stat = `/proc/${pid}/stat`;
    return existsSync(stat) && !/^\d+ \(.*\) Z/s.test(readFileSync(stat, 'utf8'));
  }
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** The pids still running after up to two seconds: SIGKILL is delivered asynchronously. */
async function survivors(pids: number[]): Promise<number[]> {
  for (let waited = 0; waited < 2000 && pids.some(isRunning); waited += 100) await new Promise((resolve) => setTimeout(resolve, 100));
  return pids.filter(isRunning);
}

describe('Claude Code CLI against the Messages API double', () => {
  let workspace: string;
  let double: MessagesDouble | undefined;
  let hook: CommandHook | undefined;

  beforeEach(() => {
    workspace = realpathSync(mkdtempSync(join(tmpdir(), 'redline-claude-ws-')));
  });
  afterEach(async () => {
    hook?.dispose();
    hook = undefined;
    await double?.close();
    double = undefined;
    rmSync(workspace, { recursive: true, force: true });
  });

  it('sends what the real API takes (Opus 5.5, streaming, adaptive thinking, cache marks) with the dummy key, and nothing else', async () => {
    // A token in the test's own environment, as a developer's shell may hold: it must not reach the CLI.
    const planted = 'sk-ant-oat01-planted-in-the-test-environment';
    process.env.ANTHROPIC_AUTH_TOKEN = planted;
    double = await MessagesDouble.start({ script: byTurn([textReply('Hello from the double.')]), thinking: {}, canaries: [planted] });
    const result = await runAgentCli('claude-code', { cwd: workspace, prompt: 'Say hello', double }).finally(() => delete process.env.ANTHROPIC_AUTH_TOKEN);
    assert.equal(result.exitCode, 0, result.stderr);
    assert.equal(result.stdout.trim(), 'Hello from the double.');
    assert.deepEqual(
      result.requests.map((r) => `${r.method} ${r.url}`),
      ['POST /v1/messages?beta=true'],
      'one request, no side traffic (title, quota, token count, connectivity check)',
    );
    const [request] = result.requests;
    assert.ok(request !== undefined);
    assert.equal(request.headers['x-api-key'], DUMMY_KEY, 'the dummy key, never one from the environment');
    assert.equal(request.headers.authorization, undefined, 'no bearer token from the environment');
    const body = request.body;
    assert.equal(field(body, 'model'), 'claude-opus-5-5');
    assert.equal(field(body, 'stream'), true);
    assert.equal(field(field(body, 'thinking'), 'type'), 'adaptive');
    assert.equal(typeof field(field(body, 'output_config'), 'effort'), 'string');
    assert.ok(asArray(field(field(body, 'context_management'), 'edits')).length > 0, 'context_management.edits');
    assert.ok(
      asArray(field(body, 'system')).some((b) => field(b, 'cache_control') !== undefined),
      'system blocks carry cache_control',
    );
    const tools = new Map(asArray(field(body, 'tools')).map((t): [string | undefined, Json | undefined] => [asString(field(t, 'name')), t]));
    const required = (name: string): Json[] => asArray(field(field(tools.get(name), 'input_schema'), 'required'));
    assert.deepEqual(required('Edit'), ['file_path', 'old_string', 'new_string']);
    assert.deepEqual(required('Write'), ['file_path', 'content']);
    assert.ok(
      asArray(field(body, 'messages')).some((m) => field(m, 'role') === 'system'),
      'Claude Code sends its environment as a system-role message',
    );
  });

  it('a retired model is refused as the API refuses it, and the CLI says so', async () => {
    double = await MessagesDouble.start({ script: byTurn([textReply('never sent')]) });
    // Without this Claude Code quietly sends Opus 5.5 instead of a retired Opus.
    const env = { CLAUDE_CODE_DISABLE_LEGACY_MODEL_REMAP: '1' };
    const result = await runAgentCli('claude-code', { cwd: workspace, prompt: 'Say hello', double, args: ['--model', 'claude-opus-4-1'], env });
    assert.equal(result.exitCode, 1);
    assert.match(result.stdout, /issue with the selected model \(claude-opus-4-1\)/);
    assert.ok(result.requests.length > 0);
    for (const r of result.requests) {
      assert.equal(field(r.body, 'model'), 'claude-opus-4-1');
      assert.equal(r.step, undefined, 'refused before the script');
    }
  });

  it('a run past its timeout is killed with every hook it started', async () => {
    writeFileSync(join(workspace, 'a.txt'), 'a\n');
    hook = installCommandHook(workspace, { timeoutSeconds: 600 });
    double = await MessagesDouble.start({ script: byTurn([{ kind: 'reply', content: [editCall(join(workspace, 'a.txt'), 'a', 'b')] }]), thinking: {} });
    const result = await runAgentCli('claude-code', { cwd: workspace, prompt: 'Edit a.txt', double, timeoutMs: 10_000 });
    assert.equal(result.timedOut, true);
    assert.equal(result.signal, 'SIGKILL');
    const pids = hook.calls().map((c) => c.pid);
    assert.equal(pids.length, 1, 'the hook was running when the time ran out');
    assert.deepEqual(await survivors(pids), [], 'no hook outlives the run');
  });
});
