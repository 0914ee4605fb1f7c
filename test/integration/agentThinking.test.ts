import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { field, type Json } from '../double/json';
import { lastToolResults, messagesOf, textReply, toolReply } from '../double/script';
import type { MessagesDouble } from '../double/server';
import { api, read, resetSettings, startDouble, waitForEnd, write, writePlan } from './agentSupport';

/** 100 KB of unique lines. */
const bigFile = Array.from({ length: 2_400 }, (_, i) => `export const line${String(i).padStart(4, '0')} = '${'x'.repeat(20)}';`).join('\n') + '\n';

describe('agent on a model that always thinks, in the extension host', function () {
  this.timeout(90_000);
  let double: MessagesDouble | undefined;

  afterEach(async () => {
    await double?.close();
    double = undefined;
    await resetSettings();
    const config = vscode.workspace.getConfiguration('redline');
    for (const key of ['model', 'effort.build']) await config.update(key, undefined, vscode.ConfigurationTarget.Global);
  });

  it('a build over several thinking tool turns creates a 100 KB file in one call, proposed exactly', async () => {
    const redline = await api();
    const config = vscode.workspace.getConfiguration('redline');
    await config.update('model', 'claude-opus-5-5', vscode.ConfigurationTarget.Global);
    await config.update('effort.build', 'high', vscode.ConfigurationTarget.Global);
    write('src/agent-thinking/seed.txt', 'seed\n');
    const plan = writePlan('agent-thinking', { steps: ['Generate the big file'] });
    double = await startDouble(
      ({ body }) => {
        const turn = messagesOf(body).filter((m) => field(m, 'role') === 'assistant').length;
        if (turn === 0) return toolReply([{ name: 'read_file', input: { path: 'src/agent-thinking/seed.txt' } }], 'Reading the seed.');
        if (turn === 1) return toolReply([{ name: 'create_file', input: { path: 'src/agent-thinking/big.ts', content: bigFile, step: 's1' } }]);
        if (turn === 2) return toolReply([{ name: 'set_step_status', input: { step: 's1', status: 'done' } }]);
        return textReply('Generated the big file.');
      },
      { thinking: {} },
    );
    const run = await waitForEnd(redline, await redline.startRun({ plan, mode: 'build' }), 60_000);
    assert.equal(run.state, 'done', `run ended ${run.state}: ${run.error ?? ''}`);
    const bodies: Json[] = double.messageRequests().map((r) => r.body);
    assert.equal(bodies.length, 4, 'three tool turns and the answer, none refused by the double');
    assert.deepEqual(
      [field(bodies[0] ?? null, 'max_tokens'), field(bodies[0] ?? null, 'thinking'), field(bodies[0] ?? null, 'output_config')],
      [128_000, { type: 'adaptive', display: 'summarized' }, { effort: 'high' }],
    );
    assert.ok(
      lastToolResults(bodies[2] ?? null).every((r) => !r.isError),
      'the big call ran whole',
    );
    const cs = redline.getChangeset(run.changesetId ?? '');
    const file = cs?.files.find((f) => f.path === 'src/agent-thinking/big.ts');
    assert.ok(cs && file, 'the big file is in the changeset');
    for (const hunk of file.hunks) await redline.decide(cs.id, hunk.id, 'accept');
    assert.equal(read('src/agent-thinking/big.ts'), bigFile, 'the accepted file is the 100 KB exactly');
  });
});
