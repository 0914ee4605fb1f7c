import * as assert from 'node:assert/strict';
import type { ModelPort, ModelTurn } from '../../../../src/core/agent/ports';
import { ok, type Result } from '../../../../src/core/result';
import { UNTRUSTED_MESSAGE } from '../../../../src/core/trust';
import { KEY, PLAN, PLAN_TEXT, RunsFixture, settings } from './runsFixture';

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

/** The shared fixture over the held model these tests drive turn by turn. */
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

  it('refuses a run on a retired model before anything changes, naming the replacement and offering the switch', async () => {
    const fx = new Fixture(new HeldModel('done'));
    fx.settings = { ...settings, model: 'claude-sonnet-4-5' };
    const result = await fx.runs.start({ plan: PLAN, mode: 'build' });
    assert.ok(!result.ok, 'a run started on a retired model');
    assert.equal(result.code, 'model_retired');
    assert.match(result.message, /claude-sonnet-4-5\) is retired since 2026-11-30.*Switch to Claude Sonnet 5\.5 \(claude-sonnet-5-5\)/);
    assert.deepEqual(
      fx.modelNotices.map((n) => [n.severity, n.mode, n.switchTo]),
      [['error', 'build', 'claude-sonnet-5-5']],
      'the user was not offered the switch',
    );
    assert.equal(fx.model.calls, 0, 'the model was asked');
    assert.equal(fx.memory.files.get(PLAN), PLAN_TEXT, 'the plan was written (step ids) for a refused run');
    assert.equal(fx.stored.length, 0, 'a refused run was stored');
  });

  it('warns about a deprecated model with its retirement date and the switch, and runs', async () => {
    const fx = new Fixture(new HeldModel('done'));
    fx.settings = { ...settings, planModel: 'claude-opus-4-5-20251101' };
    const result = await fx.runs.start({ plan: PLAN, mode: 'plan', intent: 'cap it' });
    assert.ok(result.ok, `the run was refused: ${result.ok ? '' : result.message}`);
    assert.equal(await fx.ended(result.value), 'done');
    assert.equal(fx.modelNotices.length, 1, 'no warning about the deprecated model');
    const [notice] = fx.modelNotices;
    assert.equal(notice?.severity, 'warning');
    assert.equal(notice?.mode, 'plan');
    assert.equal(notice?.switchTo, 'claude-opus-5-5');
    assert.match(notice?.message ?? '', /deprecated and retires on 2027-01-22/);
    assert.equal(fx.runs.modelOf(result.value), 'claude-opus-4-5-20251101', 'the run card shows another model than the run used');
  });

  it('says nothing about an active model with a known price', async () => {
    const fx = new Fixture(new HeldModel('done'));
    fx.settings = { ...settings, model: 'claude-opus-5-5', budget: { maxCostUsd: 5 } };
    fx.model.hold();
    const result = await fx.runs.start({ plan: PLAN, mode: 'build' });
    assert.ok(result.ok);
    assert.equal(fx.runs.modelOf(result.value), 'claude-opus-5-5', 'a running run does not say its model');
    fx.model.open();
    assert.equal(await fx.ended(result.value), 'done');
    assert.deepEqual(fx.modelNotices, []);
  });

  it('tells how a cost budget counts a model whose price is unknown, and the snapshot never says $0 silently', async () => {
    const fx = new Fixture(new HeldModel('done'));
    fx.settings = { ...settings, model: 'claude-test', budget: { maxCostUsd: 2 } };
    const result = await fx.runs.start({ plan: PLAN, mode: 'build' });
    assert.ok(result.ok);
    assert.equal(await fx.ended(result.value), 'done');
    const run = fx.runs.get(result.value);
    assert.equal(run?.usage.priceUnknown, true, 'the snapshot does not say the price is unknown');
    assert.equal(run?.usage.costUsd, 0);
    assert.match(fx.modelNotices[0]?.message ?? '', /price of claude-test is unknown, so the \$2\.00 cost budget counts tokens instead: at most 40000 tokens/);
  });
});
