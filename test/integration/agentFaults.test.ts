import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { errorStep, lastToolResults, textReply, toolReply, turnOf } from '../double/script';
import type { MessagesDouble } from '../double/server';
import { api, FAKE_KEY, resetSettings, startDouble, stubWindow, waitFor, waitForEnd, write, writePlan } from './agentSupport';

describe('agent faults and secrets in the extension host', function () {
  this.timeout(60_000);
  let double: MessagesDouble | undefined;
  const restores: (() => void)[] = [];

  afterEach(async () => {
    for (const restore of restores.splice(0)) restore();
    await double?.close();
    double = undefined;
    await resetSettings();
    process.env.REDLINE_TEST_APPROVE_CHECKS = '1';
  });

  it('a refused key (401) fails the run with the auth error and offers Set API Key', async () => {
    const redline = await api();
    const shown: unknown[][] = [];
    restores.push(
      stubWindow('showErrorMessage', async (...args: unknown[]) => {
        shown.push(args);
        return undefined;
      }),
    );
    const plan = writePlan('agent-401');
    double = await startDouble(() => errorStep(401, { message: 'invalid x-api-key' }));
    const run = await waitForEnd(redline, await redline.startRun({ plan, mode: 'plan' }));
    assert.equal(run.state, 'failed');
    assert.match(run.error ?? '', /API key was refused \(401\)/, run.error);
    assert.ok(!(run.error ?? '').includes(FAKE_KEY), 'the error must not carry the key');
    const offer = await waitFor('the auth error message', () => shown.find((args) => /API key/.test(String(args[0]))));
    assert.ok(offer.includes('Set API Key'), `the error must offer Set API Key: ${JSON.stringify(offer)}`);
  });

  for (const how of ['the API', 'the Stop Run command'] as const) {
    it(`cancel mid-stream through ${how} cuts the stream and ends the run`, async () => {
      const redline = await api();
      const plan = writePlan(`agent-cancel-${how === 'the API' ? 'api' : 'command'}`);
      // The stream stalls after its first text: it ends only if the client cuts it.
      double = await startDouble(() => textReply('A long answer streamed slowly. '.repeat(40), { stallAfter: 3 }));
      const runId = await redline.startRun({ plan, mode: 'plan' });
      const stream = await waitFor('the stream to stall mid-message', () => double!.messageRequests().find((r) => r.sentEvents >= 3));
      assert.equal(redline.getRun(runId)?.state, 'running', 'the run should still be streaming');
      if (how === 'the API') await redline.cancelRun(runId);
      else assert.equal(await vscode.commands.executeCommand('redline.stopRun'), runId);
      const run = await waitForEnd(redline, runId);
      assert.equal(run.state, 'cancelled');
      // Cancel declares a run cancelled after a grace period even when it does not wind down
      // (CANCEL_GRACE_MS in agentRuns.ts): the stream itself must have ended, not just the
      // bookkeeping. The double sees it: the client closed the response mid-message.
      const closed = await waitFor('the client to close the stream after the cancel', () => stream.closed);
      assert.equal(closed, 'cut', 'the stream must be cut by the cancel, not run to its end');
    });
  }

  it('no request carries a planted canary from .env, a secret-looking string, or the key', async () => {
    const redline = await api();
    const canary = 'redline-canary-7f3a9c1e';
    const planted = 'sk-ant-api03-PLANTEDplantedPLANTEDplanted-abcdefghijklmnop0123';
    write('src/agent-canary/.env', `CANARY_TOKEN=${canary}\n`);
    write('src/agent-canary/notes.txt', `the deploy key is ${planted}\nnothing else\n`);
    const plan = writePlan('agent-canary');
    double = await startDouble(({ body }) =>
      turnOf(body) === 0
        ? toolReply([
            { name: 'read_file', input: { path: 'src/agent-canary/.env' } },
            { name: 'read_file', input: { path: 'src/agent-canary/../agent-canary/.env' } },
            // The model does not know the canary: it looks for its prefix and its name.
            { name: 'search_text', input: { pattern: 'redline-canary' } },
            { name: 'search_text', input: { pattern: 'CANARY_TOKEN=', glob: '**/.env' } },
            { name: 'list_dir', input: { path: 'src/agent-canary' } },
            { name: 'find_files', input: { glob: 'src/agent-canary/**' } },
            { name: 'read_file', input: { path: 'src/agent-canary/notes.txt' } },
          ])
        : textReply('Nothing to plan.'),
    );
    const run = await waitForEnd(redline, await redline.startRun({ plan, mode: 'plan' }));
    assert.equal(run.state, 'done', run.error);
    const results = lastToolResults(double.messageRequests()[1]!.body);
    assert.equal(results[0]?.isError, true, 'reading .env must be refused');
    assert.match(results[6]?.text ?? '', /REDACTED/, 'the secret-looking string must be redacted');
    const bodies = double.allBodies();
    for (const secret of [canary, planted, FAKE_KEY]) assert.ok(!bodies.includes(secret), `a request carried ${secret.slice(0, 16)}…`);
  });

  it('a check runs only once the user allows it: declined, it does not run and is not asked again', async () => {
    const redline = await api();
    delete process.env.REDLINE_TEST_APPROVE_CHECKS;
    const asked: string[] = [];
    restores.push(
      stubWindow('showWarningMessage', async (message: unknown) => {
        asked.push(String(message));
        return undefined; // the user closes the modal
      }),
    );
    write('agent-approval-check.js', "require('fs').writeFileSync(process.argv[2] || 'ran.txt', 'ran');\n");
    write('src/agent-approval/x.txt', 'x\n');
    const plan = writePlan('agent-approval', { checks: ['node agent-approval-check.js'] });
    double = await startDouble(({ body }) =>
      turnOf(body) < 2 ? toolReply([{ name: 'run_check', input: { check: 'node agent-approval-check.js' } }]) : textReply('I could not run the check.'),
    );
    const run = await waitForEnd(redline, await redline.startRun({ plan, mode: 'build' }));
    assert.equal(run.state, 'done', run.error);
    const [first, second] = [1, 2].map((i) => lastToolResults(double!.messageRequests()[i]!.body)[0]);
    assert.ok(first?.isError && /did not allow/.test(first.text), first?.text);
    assert.ok(second?.isError && /did not allow/.test(second.text), second?.text);
    assert.equal(asked.length, 1, `asked ${asked.length} times: ${asked.join(' | ')}`);
    assert.match(asked[0]!, /"node agent-approval-check\.js"/, 'the modal must show the exact command');
  });
});
