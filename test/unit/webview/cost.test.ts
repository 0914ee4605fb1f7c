import * as assert from 'node:assert/strict';
import { formatCost } from '../../../webview-ui/plan/cost';

const usage = { input: 10, output: 5, cacheRead: 0, cacheWrite: 0 };

describe('webview/plan cost: an unknown price is never shown as $0', () => {
  it('shows dollars for a known price', () => {
    assert.equal(formatCost({ ...usage, costUsd: 0.0123 }), '$0.0123');
    assert.equal(formatCost({ ...usage, costUsd: 12.5 }), '$12.50');
  });

  it('says "price unknown", with the known part when some tokens had a price', () => {
    assert.equal(formatCost({ ...usage, costUsd: 0, priceUnknown: true }), 'price unknown');
    assert.equal(formatCost({ ...usage, costUsd: 1.5, priceUnknown: true }), '$1.50 + price unknown');
  });
});
