import * as assert from 'node:assert/strict';
import { claimMismatchLines } from '../../../../src/core/review/claimsHeader';
import { PLAN, RunsFixture } from './runsFixture';
import { ScriptedModel } from './scriptedModel';

describe("core/runs: a continued run's story", () => {
  it('adds the continuation to the summary instead of replacing it, and the claims check reads the whole of it', async () => {
    const model = new ScriptedModel([
      { calls: [{ name: 'create_file', input: { path: 'src/a.ts', content: 'export const a = 1;\n', step: 's1' } }] },
      'Created src/a.ts. I skipped the flaky test in src/a.test.ts for now.',
      { calls: [{ name: 'create_file', input: { path: 'src/b.ts', content: 'export const b = 2;\n', step: 's1' } }] },
      'Added src/b.ts as asked.',
    ]);
    const fx = new RunsFixture(model, { 'src/a.test.ts': '' });
    const started = await fx.runs.start({ plan: PLAN, mode: 'build' });
    assert.ok(started.ok);
    assert.equal(await fx.ended(started.value), 'done');
    assert.ok((await fx.runs.continueRun(started.value, 'Also add b.')).ok);
    assert.equal(await fx.ended(started.value), 'done');

    const summary = fx.runs.summary(started.value) ?? '';
    assert.match(summary, /skipped the flaky test/, 'the first stretch admitted a skipped test; a continuation must not erase it');
    assert.match(summary, /Added src\/b\.ts as asked\./);
    assert.ok(summary.indexOf('skipped the flaky test') < summary.indexOf('Added src/b.ts'), 'the story is told in order');

    const changesetId = fx.runs.get(started.value)?.changesetId;
    const changeset = changesetId === undefined ? undefined : fx.session.get(changesetId)?.changeset;
    assert.ok(changeset !== undefined);
    const lines = claimMismatchLines({ mode: 'build', summary, events: fx.runs.events(started.value) }, changeset);
    assert.deepEqual(
      lines.filter((l) => /not mention|without saying/i.test(l)),
      [],
      `both files are named in the run's story: ${lines.join(' | ')}`,
    );
    assert.match(fx.stored.at(-1)?.summary ?? '', /skipped the flaky test[\s\S]*Added src\/b\.ts/, 'the stored run keeps the whole story');
  });
});
