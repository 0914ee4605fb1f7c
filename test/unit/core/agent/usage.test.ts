import * as assert from 'node:assert/strict';
import { highestKnownRate } from '../../../../src/core/agent/models';
import { addUsage, budgetExceeded, costBudgetAsTokens, priceFor, withCost, zeroUsage } from '../../../../src/core/agent/usage';

const turn = { input: 1_000, output: 500, cacheRead: 10_000, cacheWrite: 2_000 };

describe('core/agent/usage: prices from the model table, unknown prices never $0', () => {
  it('prices a known model from the table, and an override wins over it', () => {
    assert.deepEqual(priceFor({}, 'claude-opus-5-5'), { inputPerMTok: 4, outputPerMTok: 20, cacheReadPerMTok: 0.2, cacheWritePerMTok: 5 });
    const mine = { inputPerMTok: 1, outputPerMTok: 1, cacheReadPerMTok: 1, cacheWritePerMTok: 1 };
    assert.equal(priceFor({ 'claude-opus-5-5': mine }, 'claude-opus-5-5'), mine);
    assert.equal(priceFor({}, 'claude-opus-4-5-20251101'), priceFor({}, 'claude-opus-4-5'), 'a dated id has its model price');
  });

  it("has no price for a model the table does not price, unless the user's `*` gives one", () => {
    assert.equal(priceFor({}, 'my-proxy-model'), undefined);
    assert.equal(priceFor({}, 'claude-mythos-preview'), undefined);
    const star = { inputPerMTok: 2, outputPerMTok: 2, cacheReadPerMTok: 2, cacheWritePerMTok: 2 };
    assert.equal(priceFor({ '*': star }, 'my-proxy-model'), star);
    assert.notEqual(priceFor({ '*': star }, 'claude-opus-5-5'), star, 'the table comes before `*`');
  });

  it('marks usage with no price as unknown, and the mark survives adding', () => {
    const unknown = withCost(turn, undefined);
    assert.equal(unknown.priceUnknown, true);
    assert.equal(unknown.costUsd, 0);
    const known = withCost(turn, priceFor({}, 'claude-opus-5-5'));
    assert.equal(known.priceUnknown, undefined);
    assert.equal(addUsage(known, unknown).priceUnknown, true);
    assert.equal(addUsage(zeroUsage, known).priceUnknown, undefined);
  });

  it('prices Haiku 5.5 by prompt length: over 100,000 prompt tokens every token pays the long-prompt rate', () => {
    const haiku = priceFor({}, 'claude-haiku-5-5');
    const short = withCost({ input: 50_000, output: 1_000, cacheRead: 50_000, cacheWrite: 0 }, haiku);
    assert.equal(short.costUsd.toFixed(6), ((50_000 * 0.1 + 1_000 * 0.5 + 50_000 * 0.01) / 1e6).toFixed(6));
    const long = withCost({ input: 50_001, output: 1_000, cacheRead: 50_000, cacheWrite: 0 }, haiku);
    assert.equal(long.costUsd.toFixed(6), ((50_001 * 0.5 + 1_000 * 2.5 + 50_000 * 0.05) / 1e6).toFixed(6));
  });

  it('turns a cost budget into a token cap when the price is unknown and no token budget is set', () => {
    assert.equal(highestKnownRate(), 50, 'the highest known rate is Fable 5 and 5.1 output');
    assert.equal(costBudgetAsTokens(1), 20_000);
    const under = withCost({ input: 19_999, output: 0, cacheRead: 0, cacheWrite: 0 }, undefined);
    assert.equal(budgetExceeded(under, { maxCostUsd: 1 }), undefined);
    const at = withCost({ input: 19_000, output: 1_000, cacheRead: 0, cacheWrite: 0 }, undefined);
    assert.match(budgetExceeded(at, { maxCostUsd: 1 }) ?? '', /price is unknown, so the \$1\.00 budget counts as 20000 tokens/);
    // A token budget the user set is the one that counts.
    assert.equal(budgetExceeded(at, { maxCostUsd: 1, maxTokens: 30_000 }), undefined);
    // A known price keeps the cost budget in dollars.
    assert.equal(budgetExceeded(withCost(at, priceFor({}, 'claude-haiku-4-5')), { maxCostUsd: 1 }), undefined);
  });
});
