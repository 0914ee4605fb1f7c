import type { RunUsageView } from '../../src/shared/planProtocol';

/** Never $0 for tokens with no known price: "price unknown", with the known part when there is one. */
export function formatCost(usage: RunUsageView): string {
  const usd = `$${usage.costUsd.toFixed(usage.costUsd < 1 ? 4 : 2)}`;
  if (usage.priceUnknown !== true) return usd;
  return usage.costUsd > 0 ? `${usd} + price unknown` : 'price unknown';
}

/** The context gauge: a context with any tokens never reads 0%, and one not yet full never reads 100%. */
export function formatContextShare(tokens: number, window: number): string {
  const share = (tokens / window) * 100;
  if (tokens > 0 && share < 1) return '<1% of context';
  return `${tokens < window ? Math.min(99, Math.round(share)) : Math.round(share)}% of context`;
}
