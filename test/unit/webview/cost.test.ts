import * as assert from 'node:assert/strict';
import { formatContextShare, formatCost } from '../../../webview-ui/plan/cost';

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

describe('webview/plan context gauge', () => {
  it('never says 0% of a context that holds tokens, and rounds the rest', () => {
    assert.equal(formatContextShare(4_000, 1_000_000), '<1% of context');
    assert.equal(formatContextShare(0, 1_000_000), '0% of context');
    assert.equal(formatContextShare(620_000, 1_000_000), '62% of context');
    assert.equal(formatContextShare(999_000, 1_000_000), '99% of context', 'a nearly full window must not read as full');
    assert.equal(formatContextShare(1_000_000, 1_000_000), '100% of context');
  });
});
