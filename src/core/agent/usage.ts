import type { TokenUsage } from './conversation';

/** Dollars per million tokens, from the `redline` price-table setting. */
export interface Price {
  inputPerMTok: number;
  outputPerMTok: number;
  cacheReadPerMTok: number;
  cacheWritePerMTok: number;
}

/** Keyed by model id; `*` prices any model not listed. A model with no price costs 0 (shown as unknown by the UI). */
export type PriceTable = Readonly<Record<string, Price>>;

/** The RunSnapshot's usage shape. */
export interface UsageTotals extends TokenUsage {
  costUsd: number;
}

export interface Budget {
  /** All input buckets plus output, summed over the run's turns. */
  maxTokens?: number;
  maxCostUsd?: number;
}

export const zeroUsage: UsageTotals = { input: 0, output: 0, cacheRead: 0, cacheWrite: 0, costUsd: 0 };

export function priceFor(table: PriceTable, model: string): Price | undefined {
  return table[model] ?? table['*'];
}

export function withCost(usage: TokenUsage, price: Price | undefined): UsageTotals {
  const costUsd =
    price === undefined
      ? 0
      : (usage.input * price.inputPerMTok +
          usage.output * price.outputPerMTok +
          usage.cacheRead * price.cacheReadPerMTok +
          usage.cacheWrite * price.cacheWritePerMTok) /
        1_000_000;
  return { ...usage, costUsd };
}

export function addUsage(a: UsageTotals, b: UsageTotals): UsageTotals {
  return {
    input: a.input + b.input,
    output: a.output + b.output,
    cacheRead: a.cacheRead + b.cacheRead,
    cacheWrite: a.cacheWrite + b.cacheWrite,
    costUsd: a.costUsd + b.costUsd,
  };
}

export function totalTokens(usage: TokenUsage): number {
  return usage.input + usage.output + usage.cacheRead + usage.cacheWrite;
}

/** Why the budget stops the run, or undefined while it has room. */
export function budgetExceeded(total: UsageTotals, budget: Budget | undefined): string | undefined {
  if (budget?.maxTokens !== undefined && totalTokens(total) >= budget.maxTokens) {
    return `token budget reached: ${totalTokens(total)} of ${budget.maxTokens} tokens used`;
  }
  if (budget?.maxCostUsd !== undefined && total.costUsd >= budget.maxCostUsd) {
    return `cost budget reached: $${total.costUsd.toFixed(4)} of $${budget.maxCostUsd.toFixed(2)} spent`;
  }
  return undefined;
}
