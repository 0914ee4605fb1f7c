import * as assert from 'node:assert/strict';
import { modelChoices, tokens } from '../../../../src/core/agent/modelPicker';
import { knownModels } from '../../../../src/core/agent/models';

const current = { model: 'claude-opus-5-5', planModel: 'claude-sonnet-5-5' };

describe('core/agent/modelPicker: the API list merged with the table', () => {
  it('offers the table’s active models when the list could not be had, never a deprecated or retired one', () => {
    const rows = modelChoices(undefined, current, {});
    const active = knownModels().filter((m) => m.lifecycle === 'active');
    assert.deepEqual(
      rows.map((r) => r.id),
      active.map((m) => m.id),
    );
    const opus = rows.find((r) => r.id === 'claude-opus-5-5');
    assert.equal(opus?.label, 'Claude Opus 5.5');
    assert.equal(opus?.detail, '1M context · 128K output · $4 / $20 per MTok');
    assert.equal(opus?.description, 'claude-opus-5-5 · current for build');
    assert.equal(rows.find((r) => r.id === 'claude-sonnet-5-5')?.description, 'claude-sonnet-5-5 · current for plan');
  });

  it('keeps the API’s order and limits, drops retired models, and puts deprecated ones last, marked', () => {
    const rows = modelChoices(
      [
        { id: 'claude-opus-4-5', displayName: 'Claude Opus 4.5', lifecycle: 'deprecated', retiresAt: '2027-01-22' },
        { id: 'claude-sonnet-4-5', lifecycle: 'retired' },
        { id: 'claude-new-6', displayName: 'Claude New 6', lifecycle: 'active', contextWindow: 2_000_000, maxOutput: 256_000 },
        { id: 'claude-opus-5-5', lifecycle: 'active', contextWindow: 1_000_000, maxOutput: 128_000 },
        { id: 'claude-opus-5-5', lifecycle: 'active' },
      ],
      current,
      {},
    );
    assert.deepEqual(
      rows.map((r) => r.id),
      ['claude-new-6', 'claude-opus-5-5', 'claude-opus-4-5'],
    );
    assert.equal(rows[0]?.detail, '2M context · 256K output · price unknown', 'a model the table does not know has no price');
    assert.equal(rows[2]?.detail, 'deprecated, retires 2027-01-22 (use claude-opus-5-5) · 200K context · 64K output · $5 / $25 per MTok');
  });

  it('never offers a model the table knows as retired even when the list says nothing of its lifecycle', () => {
    assert.deepEqual(
      modelChoices([{ id: 'claude-sonnet-4-5-20250929' }, { id: 'claude-haiku-4-5' }], current, {}).map((r) => r.id),
      ['claude-haiku-4-5'],
    );
  });

  it('shows the user’s price override and says unknown for limits neither source has', () => {
    const price = { inputPerMTok: 7, outputPerMTok: 9, cacheReadPerMTok: 1, cacheWritePerMTok: 8 };
    const [row] = modelChoices([{ id: 'proxy-model' }], current, { 'proxy-model': price });
    assert.equal(row?.detail, 'context unknown · output unknown · $7 / $9 per MTok');
  });

  it('writes token counts short', () => {
    assert.deepEqual([1_000_000, 1_500_000, 200_000, 128_000, 8_192, 512].map(tokens), ['1M', '1.5M', '200K', '128K', '8K', '512']);
  });
});
