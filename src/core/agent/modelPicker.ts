import { isKnownModel, knownModels, type Lifecycle, modelFacts } from './models';
import { priceFor, type PriceTable } from './usage';

/** A model as the models API lists it (`client.models.list()`), the fields the picker reads. */
export interface ListedModel {
  id: string;
  displayName?: string;
  lifecycle?: Lifecycle;
  contextWindow?: number;
  maxOutput?: number;
  retiresAt?: string;
}

/** One row of the model picker. */
export interface ModelChoice {
  id: string;
  label: string;
  description: string;
  detail: string;
  lifecycle: Exclude<Lifecycle, 'retired'>;
}

/**
 * The picker's rows (issue 16): the API's list merged with the table's facts (the API's limits and
 * lifecycle win; price and thinking come from the table or the user's overrides), or the table's
 * active models when the list could not be had (`listed` undefined). Retired models are never
 * offered; deprecated ones come last, marked with their retirement and replacement. Otherwise the
 * order is the API's (newest first) or the table's.
 */
export function modelChoices(listed: readonly ListedModel[] | undefined, current: { model: string; planModel: string }, prices: PriceTable): ModelChoice[] {
  const source: ListedModel[] =
    listed === undefined
      ? knownModels()
          .filter((m) => m.lifecycle === 'active')
          .map((m) => ({ id: m.id }))
      : [...listed];
  const seen = new Set<string>();
  const rows: ModelChoice[] = [];
  for (const entry of source) {
    if (seen.has(entry.id)) continue;
    seen.add(entry.id);
    const facts = modelFacts(entry.id);
    const lifecycle = entry.lifecycle ?? facts.lifecycle;
    if (lifecycle === 'retired') continue;

    const known = isKnownModel(entry.id);
    const context = entry.contextWindow ?? (known ? facts.contextWindow : undefined);
    const output = entry.maxOutput ?? (known ? facts.maxOutput : undefined);
    const price = priceFor(prices, entry.id);
    const uses = [entry.id === current.model ? 'build' : '', entry.id === current.planModel ? 'plan' : ''].filter((u) => u !== '');
    const parts = [
      context === undefined ? 'context unknown' : `${tokens(context)} context`,
      output === undefined ? 'output unknown' : `${tokens(output)} output`,
      price === undefined ? 'price unknown' : `$${price.inputPerMTok} / $${price.outputPerMTok} per MTok`,
    ];
    if (lifecycle === 'deprecated') {
      const retiresAt = entry.retiresAt ?? facts.retiresAt;
      parts.unshift(
        `deprecated${retiresAt === undefined ? '' : `, retires ${retiresAt}`}${facts.replacement === undefined ? '' : ` (use ${facts.replacement})`}`,
      );
    }
    rows.push({
      id: entry.id,
      label: entry.displayName ?? facts.displayName,
      description: [entry.id, ...(uses.length > 0 ? [`current for ${uses.join(' and ')}`] : [])].join(' · '),
      detail: parts.join(' · '),
      lifecycle,
    });
  }
  // Deprecated last; the sort is stable, so the source order holds within each lifecycle.
  return rows.sort((a, b) => Number(a.lifecycle === 'deprecated') - Number(b.lifecycle === 'deprecated'));
}

/** 1000000 → "1M", 128000 → "128K", 8192 → "8K". */
export function tokens(n: number): string {
  if (n >= 1_000_000) return `${+(n / 1_000_000).toFixed(1)}M`;
  if (n >= 1_000) return `${Math.round(n / 1_000)}K`;
  return String(n);
}
