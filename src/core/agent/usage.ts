import type { TokenUsage } from './conversation';
import { highestKnownRate, modelFacts, type Price } from './models';

export type { Price };

/**
 * The user's price overrides (`redline.prices`), keyed by model id; `*` prices any model whose price
 * neither an override nor the model table knows. Empty by default: prices come from the table.
 */
export type PriceTable = Readonly<Record<string, Price>>;

/** The RunSnapshot's usage shape. */
export interface UsageTotals extends TokenUsage {
  /** Dollars for the tokens whose price is known. */
  costUsd: number;
  /** Some tokens were used on a model whose price is unknown: `costUsd` leaves them out. */
  priceUnknown?: true;
}

export interface Budget {
  /** All input buckets plus output, summed over the run's turns. */
  maxTokens?: number;
  maxCostUsd?: number;
}

export const zeroUsage: UsageTotals = { input: 0, output: 0, cacheRead: 0, cacheWrite: 0, costUsd: 0 };

/** The user's override for the model, else the model table's price, else the user's `*`; undefined: unknown. */
export function priceFor(overrides: PriceTable, model: string): Price | undefined {
  return overrides[model] ?? modelFacts(model).price ?? overrides['*'];
}

/** One request's usage priced; a prompt over a long-prompt threshold pays the long-prompt rates on every token. */
export function withCost(usage: TokenUsage, price: Price | undefined): UsageTotals {
  const { input, output, cacheRead, cacheWrite } = usage;
  if (price === undefined) return { input, output, cacheRead, cacheWrite, costUsd: 0, priceUnknown: true };
  const prompt = usage.input + usage.cacheRead + usage.cacheWrite;
  const rates = price.longPrompt !== undefined && prompt > price.longPrompt.thresholdTokens ? price.longPrompt : price;
  const costUsd =
    (usage.input * rates.inputPerMTok +
      usage.output * rates.outputPerMTok +
      usage.cacheRead * rates.cacheReadPerMTok +
      usage.cacheWrite * rates.cacheWritePerMTok) /
    1_000_000;
  return { input, output, cacheRead, cacheWrite, costUsd };
}

export function addUsage(a: UsageTotals, b: UsageTotals): UsageTotals {
  return {
    input: a.input + b.input,
    output: a.output + b.output,
    cacheRead: a.cacheRead + b.cacheRead,
    cacheWrite: a.cacheWrite + b.cacheWrite,
    costUsd: a.costUsd + b.costUsd,
    ...(a.priceUnknown === true || b.priceUnknown === true ? { priceUnknown: true as const } : {}),
  };
}

export function totalTokens(usage: TokenUsage): number {
  return usage.input + usage.output + usage.cacheRead + usage.cacheWrite;
}

/**
 * The token cap a cost budget becomes when the price is unknown and no token budget is set: what
 * the budget buys at the highest rate of any known model, so the run cannot spend more than the
 * budget at any price Redline knows (for $1 at $50 per million tokens: 20,000 tokens).
 */
export function costBudgetAsTokens(maxCostUsd: number): number {
  return Math.floor((maxCostUsd / highestKnownRate()) * 1_000_000);
}

/** Why the budget stops the run, or undefined while it has room. */
export function budgetExceeded(total: UsageTotals, budget: Budget | undefined): string | undefined {
  if (budget?.maxTokens !== undefined && totalTokens(total) >= budget.maxTokens) {
    return `token budget reached: ${totalTokens(total)} of ${budget.maxTokens} tokens used`;
  }
  if (budget?.maxCostUsd === undefined) return undefined;
  // An unknown price never counts as $0: the cost budget becomes a token cap.
  if (total.priceUnknown === true && budget.maxTokens === undefined) {
    const cap = costBudgetAsTokens(budget.maxCostUsd);
    return totalTokens(total) >= cap
      ? `cost budget reached: the model's price is unknown, so the $${budget.maxCostUsd.toFixed(2)} budget counts as ${cap} tokens (its worth at the highest known rate, $${highestKnownRate()}/MTok); ${totalTokens(total)} used`
      : undefined;
  }
  if (total.costUsd >= budget.maxCostUsd) {
    return `cost budget reached: $${total.costUsd.toFixed(4)} of $${budget.maxCostUsd.toFixed(2)} spent`;
  }
  return undefined;
}
