import type { RunUsageView } from '../../src/shared/planProtocol';

/** Never $0 for tokens with no known price: "price unknown", with the known part when there is one. */
export function formatCost(usage: RunUsageView): string {
  const usd = `$${usage.costUsd.toFixed(usage.costUsd < 1 ? 4 : 2)}`;
  if (usage.priceUnknown !== true) return usd;
  return usage.costUsd > 0 ? `${usd} + price unknown` : 'price unknown';
}
