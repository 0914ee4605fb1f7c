import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { textReply } from '../double/script';
import type { MessagesDouble } from '../double/server';
import { api, resetSettings, root, startDouble } from './agentSupport';

describe('startRun through the public API: a plan file that does not exist', function () {
  this.timeout(30_000);
  let double: MessagesDouble | undefined;
  afterEach(async () => {
    await double?.close();
    double = undefined;
    await resetSettings();
  });

  for (const mode of ['plan', 'build'] as const) {
    it(`rejects in ${mode} mode and changes nothing: no run, no request, no file`, async () => {
      const redline = await api();
      double = await startDouble(() => textReply('# A plan drafted from nothing\n'));
      const plan = `.redline/plans/missing-${mode}.md`;
      const runs: string[] = [];
      const listening = redline.onDidChange((e) => e.kind === 'run' && runs.push(e.id));
      try {
        await assert.rejects(redline.startRun({ plan, mode }), /no plan file \.redline\/plans\/missing-/);
        await new Promise((resolve) => setTimeout(resolve, 200));
      } finally {
        listening.dispose();
      }
      assert.deepEqual(runs, [], 'a run was started');
      assert.equal(double.messageRequests().length, 0, 'the model was asked');
      assert.equal(fs.existsSync(path.join(root(), plan)), false, 'the plan file was created');
    });
  }
});
