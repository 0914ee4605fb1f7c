import * as assert from 'node:assert/strict';
import type { ModelPort, ModelTurn } from '../../../../src/core/agent/ports';
import { ok, type Result } from '../../../../src/core/result';
import { UNTRUSTED_MESSAGE } from '../../../../src/core/trust';
import { KEY, PLAN, PLAN_TEXT, RunsFixture } from './runsFixture';
import { ScriptedModel } from './scriptedModel';

/** A model that answers every turn with `text`, after `gate` resolves (a run can be held open). */
class HeldModel implements ModelPort {
  calls = 0;
  private release: () => void = () => undefined;
  private gate: Promise<void> = Promise.resolve();

  constructor(private readonly text: string) {}

  hold(): void {
    this.gate = new Promise((resolve) => (this.release = resolve));
  }

  open(): void {
    this.release();
  }

  async send(): Promise<Result<ModelTurn, never>> {
    this.calls++;
    await this.gate;
    return ok({ content: [{ type: 'text', text: this.text }], stopReason: 'end_turn', usage: { input: 10, output: 5, cacheRead: 0, cacheWrite: 0 } });
  }
}

class Fixture extends RunsFixture<HeldModel> {}

describe('core/runs: the run lifecycle (Runs)', () => {
  it('refuses every run in Restricted Mode with the one wording, and asks the model nothing', async () => {
    const fx = new Fixture(new HeldModel('done'));
    fx.trusted = false;
    for (const attempt of [
      fx.runs.start({ plan: PLAN, mode: 'build' }),
      fx.runs.start({ plan: PLAN, mode: 'plan', intent: 'cap it' }),
      fx.runs.continueRun('run-x', 'go on'),
      fx.runs.requestFix('cs-1', 'h-1', 'fix it'),
    ]) {
      const result = await attempt;
      assert.ok(!result.ok, 'an untrusted workspace started something');
      assert.equal(result.code, 'E_UNTRUSTED');
      assert.equal(result.message, UNTRUSTED_MESSAGE);
    }
    assert.equal(fx.model.calls, 0, 'the model was asked in Restricted Mode');
    assert.equal(fx.memory.files.get(PLAN), PLAN_TEXT, 'the plan was written in Restricted Mode');
  });

  it('runs one build at a time per plan: a second is refused while the first goes, allowed after', async () => {
    const fx = new Fixture(new HeldModel('All done.'));
    fx.model.hold();
    const first = await fx.runs.start({ plan: PLAN, mode: 'build' });
    assert.ok(first.ok, first.ok ? '' : first.message);
    const second = await fx.runs.start({ plan: PLAN, mode: 'build' });
    assert.ok(!second.ok && second.code === 'E_BUSY', `a second run on a busy plan: ${JSON.stringify(second)}`);
    fx.model.open();
    assert.equal(await fx.ended(first.value), 'done');
    const third = await fx.runs.start({ plan: PLAN, mode: 'build' });
    assert.ok(third.ok, `the plan is free again: ${JSON.stringify(third)}`);
    await fx.ended(third.value);
  });

  it('gives the steps ids before a build, and stores the finished run with the key redacted', async () => {
    const fx = new Fixture(new HeldModel(`Finished; my key is ${KEY}.`));
    const started = await fx.runs.start({ plan: PLAN, mode: 'build' });
    assert.ok(started.ok);
    assert.match(fx.memory.files.get(PLAN) ?? '', /- \[.\] Cap the slug <!-- id: s1 -->/, 'the step has no id marker before the build');
    assert.equal(await fx.ended(started.value), 'done');
    const record = fx.stored.at(-1);
    assert.equal(record?.snapshot.state, 'done', 'the final state was not stored');
    assert.ok(record && !JSON.stringify(record).includes(KEY), 'the API key reached the stored record');
    assert.ok(fx.runs.summary(started.value)?.includes('Finished') && !fx.runs.summary(started.value)?.includes(KEY), 'the summary keeps the key');
    assert.equal(fx.runs.get(started.value)?.usage.input, 10, "the turn's tokens are not counted");
  });

  it('cancel ends a run held in a model call as cancelled, and a late answer does not overwrite it', async () => {
    const fx = new Fixture(new HeldModel('late'));
    fx.model.hold();
    const started = await fx.runs.start({ plan: PLAN, mode: 'build' });
    assert.ok(started.ok);
    await fx.runs.cancel(started.value);
    assert.equal(fx.runs.get(started.value)?.state, 'cancelled');
    fx.model.open();
    await new Promise((r) => setTimeout(r, 20));
    assert.equal(fx.runs.get(started.value)?.state, 'cancelled', 'a late answer overwrote the cancelled state');
  });

  it("builds the first stretch's system prompt with the environment port's block and the plan context's instructions; a continue resends it", async () => {
    const model = new ScriptedModel(['First.', 'Second.']);
    const plan = '# Cap\n\n## Goal\nCap it.\n\n## Context\n- `pkg/src/slug.ts`\n\n## Steps\n- [ ] Cap the slug\n';
    const fx = new RunsFixture(model, { [PLAN]: plan, 'pkg/AGENTS.md': 'pkg rules', 'pkg/src/slug.ts': '' });
    fx.environment = { os: 'TestOS 1', date: '2026-12-07', folders: ['/ws'], git: { branch: 'feature', status: 'clean' } };
    const started = await fx.runs.start({ plan: PLAN, mode: 'build' });
    assert.ok(started.ok);
    assert.equal(await fx.ended(started.value), 'done');
    const system = JSON.stringify(model.requests[0]?.system);
    assert.match(system, /Environment:\\nOS: TestOS 1\\nDate: 2026-12-07\\nWorkspace folders: \/ws\\nGit branch: feature\\nGit status: clean/);
    assert.match(system, /Project instructions \(pkg\/AGENTS\.md\):\\npkg rules/);
    fx.environment = { os: 'Other', date: '2027-01-01', folders: [] };
    assert.ok((await fx.runs.continueRun(started.value, 'Go on.')).ok);
    assert.equal(await fx.ended(started.value), 'done');
    assert.deepEqual(model.requests[1]?.system, model.requests[0]?.system, 'a continued run must resend its system prompt unchanged');
  });
});
