import * as assert from 'node:assert/strict';
import { efforts, isKnownModel, knownModels, modelFacts } from '../../../../src/core/agent/models';

/** The SDK's `Model` list (@anthropic-ai/sdk 1.17.0, resources/messages/messages.ts). */
const sdkModels = [
  'claude-fable-5-2',
  'claude-mythos-5-2',
  'claude-haiku-5-5',
  'claude-sonnet-5-5',
  'claude-fable-5-1',
  'claude-opus-5-5',
  'claude-mythos-5-1',
  'claude-sonnet-5',
  'claude-fable-5',
  'claude-mythos-5',
  'claude-opus-5',
  'claude-opus-4-8',
  'claude-opus-4-7',
  'claude-mythos-preview',
  'claude-opus-4-6',
  'claude-sonnet-4-6',
  'claude-haiku-4-5',
  'claude-haiku-4-5-20251001',
  'claude-opus-4-5',
  'claude-opus-4-5-20251101',
];

describe('core/agent/models: the one table of model facts', () => {
  it("knows every model of the SDK's list, none of them retired", () => {
    for (const id of sdkModels) {
      assert.ok(isKnownModel(id), `${id} is not in the table`);
      assert.notEqual(modelFacts(id).lifecycle, 'retired', `${id} is in the SDK's list but marked retired`);
    }
  });

  it("marks deprecated what the SDK's deprecation table does, with its retirement date", () => {
    assert.equal(modelFacts('claude-opus-4-5').lifecycle, 'deprecated');
    assert.equal(modelFacts('claude-opus-4-5').retiresAt, '2027-01-22');
    assert.equal(modelFacts('claude-mythos-preview').lifecycle, 'deprecated');
    assert.equal(modelFacts('claude-mythos-preview').retiresAt, '2026-06-30');
  });

  it('resolves dated ids and aliases to their model', () => {
    assert.equal(modelFacts('claude-opus-4-5-20251101').id, 'claude-opus-4-5');
    assert.equal(modelFacts('claude-haiku-4-5-20251001').id, 'claude-haiku-4-5');
    assert.equal(modelFacts('claude-sonnet-4-5-20250929').id, 'claude-sonnet-4-5');
    assert.equal(modelFacts('claude-3-7-sonnet-latest').id, 'claude-3-7-sonnet-20250219');
  });

  it('knows the retired models users still have in their settings, each with a replacement', () => {
    const sonnet45 = modelFacts('claude-sonnet-4-5');
    assert.equal(sonnet45.lifecycle, 'retired');
    assert.equal(sonnet45.retiresAt, '2026-11-30');
    assert.equal(sonnet45.replacement, 'claude-sonnet-5-5');
    for (const id of ['claude-opus-4-1', 'claude-opus-4-20250514', 'claude-sonnet-4-20250514', 'claude-3-5-haiku-latest', 'claude-3-opus-20240229'])
      assert.equal(modelFacts(id).lifecycle, 'retired', `${id} is not retired`);
  });

  it('names as replacement only active models the table knows', () => {
    for (const m of knownModels()) {
      if (m.lifecycle === 'active') {
        assert.equal(m.replacement, undefined, `${m.id} is active and yet has a replacement`);
        continue;
      }
      assert.ok(m.replacement !== undefined, `${m.id} is ${m.lifecycle} with no replacement`);
      assert.ok(isKnownModel(m.replacement), `${m.id}'s replacement ${m.replacement} is not in the table`);
      assert.equal(modelFacts(m.replacement).lifecycle, 'active', `${m.id}'s replacement ${m.replacement} is not active`);
    }
  });

  it('has one entry per id and alias, and sane limits, prices and efforts', () => {
    const ids = knownModels().flatMap((m) => [m.id, ...(m.aliases ?? [])]);
    assert.equal(new Set(ids).size, ids.length, 'an id or alias is listed twice');
    for (const m of knownModels()) {
      assert.ok(m.maxOutput > 0 && m.maxOutput < m.contextWindow, `${m.id}: max output ${m.maxOutput} against a ${m.contextWindow} window`);
      for (const e of m.efforts) assert.ok(efforts.includes(e), `${m.id}: unknown effort ${e}`);
      if (m.thinking === 'extended' || m.thinking === 'none') continue;
      assert.ok(m.efforts.length > 0, `${m.id} thinks adaptively but takes no effort`);
      const p = m.price;
      if (p === undefined) continue;
      assert.ok(
        p.cacheReadPerMTok < p.inputPerMTok && p.inputPerMTok < p.cacheWritePerMTok && p.cacheWritePerMTok < p.outputPerMTok,
        `${m.id}: prices out of order`,
      );
    }
  });

  it("gives today's defaults their facts: Opus 5.5 thinks always, 1M context, 128K output", () => {
    const opus = modelFacts('claude-opus-5-5');
    assert.deepEqual([opus.thinking, opus.contextWindow, opus.maxOutput, opus.lifecycle], ['always', 1_000_000, 128_000, 'active']);
    assert.equal(modelFacts('claude-haiku-4-5').thinking, 'extended');
    assert.deepEqual(modelFacts('claude-haiku-4-5').efforts, []);
  });

  it('gives an unknown id conservative limits, no price and no thinking', () => {
    const m = modelFacts('my-proxy-model');
    assert.deepEqual([m.price, m.thinking, m.lifecycle, m.efforts.length], [undefined, 'none', 'active', 0]);
    assert.equal(isKnownModel('my-proxy-model'), false);
  });
});
