import * as assert from 'node:assert/strict';
import { HOOK_AGENTS } from '../../../../src/core/terminalAgents/hookAgents';
import { request } from 'node:http';
import { denyAnswer, type HookAnswer } from '../../../../src/core/terminalAgents/hookAnswers';
import { CLAUDE_HOOK_PATH, MAX_BODY_BYTES, startHookServer, type HookServer } from '../../../../src/node/terminalAgents/hookServer';

const SECRET = 'a'.repeat(64);

function post(
  port: number,
  body: string,
  headers: Record<string, string> = {},
  onRequest?: (destroy: () => void) => void,
  path = CLAUDE_HOOK_PATH,
): Promise<{ status: number; answer: HookAnswer }> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        path,
        method: 'POST',
        headers: { authorization: `Bearer ${SECRET}`, 'content-type': 'application/json', ...headers },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, answer: JSON.parse(Buffer.concat(chunks).toString('utf8')) as HookAnswer }));
      },
    );
    req.on('error', reject);
    req.end(body);
    onRequest?.(() => req.destroy());
  });
}

describe('terminalAgents/hookServer', () => {
  let server: HookServer | undefined;
  const handled: unknown[] = [];
  afterEach(async () => {
    await server?.close();
    handled.length = 0;
  });

  it('refuses a forged or missing secret, a body that is not JSON or too large, without calling the handler', async () => {
    const logs: string[] = [];
    server = await startHookServer({ secret: SECRET, handle: async (b) => (handled.push(b), denyAnswer('handled')), log: (m) => logs.push(m) });
    const forged = await post(server.port, '{}', { authorization: `Bearer ${'b'.repeat(64)}` });
    assert.equal(forged.status, 401);
    assert.match(forged.answer.hookSpecificOutput.permissionDecisionReason ?? '', /secret is missing or wrong/);
    assert.equal(forged.answer.hookSpecificOutput.permissionDecision, 'deny');
    assert.equal((await post(server.port, '{}', { authorization: `Bearer ${SECRET.slice(1)}` })).status, 401, 'a shorter secret must be refused');
    assert.equal((await post(server.port, '{nope')).status, 400);
    assert.equal((await post(server.port, 'x'.repeat(MAX_BODY_BYTES + 1))).status, 413);
    assert.deepEqual(handled, [], 'the handler must not see a refused call');
    assert.equal(logs.length, 4, 'each refusal is logged');
    assert.equal((await post(server.port, '{"a":1}')).answer.hookSpecificOutput.permissionDecisionReason, 'handled');
    assert.deepEqual(handled, [{ a: 1 }]);
  });

  it('serves each agent on its own path and tells the handler which; any other path is refused', async () => {
    const agents: string[] = [];
    const handler = (agent: string) => async () => (agents.push(agent), denyAnswer(agent));
    server = await startHookServer({ secret: SECRET, handle: handler('claude-code'), agents: { codex: handler('codex') }, log: () => undefined });
    assert.equal((await post(server.port, '{}', {}, undefined, HOOK_AGENTS.codex.path)).answer.hookSpecificOutput.permissionDecisionReason, 'codex');
    assert.equal(
      (await post(server.port, '{}', {}, undefined, HOOK_AGENTS['claude-code'].path)).answer.hookSpecificOutput.permissionDecisionReason,
      'claude-code',
    );
    assert.equal((await post(server.port, '{}', {}, undefined, HOOK_AGENTS['gemini-cli'].path)).status, 404, 'no handler for Gemini CLI in this window');
    assert.equal((await post(server.port, '{}', {}, undefined, '/hooks/gemini-cli/pre-tool-use')).status, 404);
    assert.deepEqual(agents, ['codex', 'claude-code']);
  });

  it('answers after longer than its request timeout (a long review is not cut) and tells the handler when the client goes', async () => {
    let goneSeen: Promise<void> | undefined;
    server = await startHookServer({
      secret: SECRET,
      requestTimeoutMs: 300,
      log: () => undefined,
      handle: (body, gone) => {
        if ((body as { wait?: string }).wait === 'gone') {
          goneSeen = new Promise((resolve) => gone.addEventListener('abort', () => resolve()));
          return new Promise(() => undefined);
        }
        return new Promise((resolve) => setTimeout(() => resolve(denyAnswer('late but here')), 1_000));
      },
    });
    const slow = await post(server.port, '{"wait":"long"}');
    assert.equal(slow.answer.hookSpecificOutput.permissionDecisionReason, 'late but here');
    await post(server.port, '{"wait":"gone"}', {}, (destroy) => setTimeout(destroy, 100)).catch(() => undefined);
    assert.ok(goneSeen, 'the handler did not run');
    await goneSeen;
  });
});
