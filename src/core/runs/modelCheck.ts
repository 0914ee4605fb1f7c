import { highestKnownRate, modelFacts } from '../agent/models';
import { costBudgetAsTokens, priceFor, type Budget, type PriceTable } from '../agent/usage';

/** A message about the run's model, with the model to switch to when there is one. */
export interface ModelNotice {
  readonly message: string;
  /** The replacement the user can switch the setting to in one click. */
  readonly switchTo?: string;
}

export interface ModelCheck {
  /** The model cannot run (retired): the run is refused with this, before anything changes. */
  readonly refusal?: ModelNotice;
  /** The run goes on, and the user is told these (a deprecated model, a price that is unknown). */
  readonly warnings: readonly ModelNotice[];
}

/**
 * What a run's model means before the run starts (issue 16): a retired model is refused with its
 * replacement named, never left to a bare 404; a deprecated one is warned about with its
 * retirement date; a model with no known price under a cost budget alone is told how the budget
 * counts it (tokens, never $0).
 */
export function checkModel(model: string, settings: { readonly budget: Budget; readonly prices: PriceTable }): ModelCheck {
  const facts = modelFacts(model);
  const name = facts.displayName === model ? model : `${facts.displayName} (${model})`;
  const replacement = facts.replacement === undefined ? undefined : modelFacts(facts.replacement);
  const switchTo = replacement === undefined ? {} : { switchTo: replacement.id };
  const next =
    replacement === undefined
      ? ' Pick another with "Redline: Select Model".'
      : ` Switch to ${replacement.displayName} (${replacement.id}), or pick another with "Redline: Select Model".`;
  if (facts.lifecycle === 'retired') {
    const since = facts.retiresAt === undefined ? '' : ` since ${facts.retiresAt}`;
    return {
      refusal: { message: `The model ${name} is retired${since}: the API no longer serves it.${next}`, ...switchTo },
      warnings: [],
    };
  }
  const warnings: ModelNotice[] = [];
  if (facts.lifecycle === 'deprecated') {
    const until = facts.retiresAt === undefined ? '' : ` and retires on ${facts.retiresAt}`;
    warnings.push({ message: `The model ${name} is deprecated${until}.${next}`, ...switchTo });
  }
  const { maxCostUsd, maxTokens } = settings.budget;
  if (maxCostUsd !== undefined && maxTokens === undefined && priceFor(settings.prices, model) === undefined) {
    warnings.push({
      message:
        `The price of ${model} is unknown, so the $${maxCostUsd.toFixed(2)} cost budget counts tokens instead: at most ${costBudgetAsTokens(maxCostUsd)} tokens ` +
        `(what $${maxCostUsd.toFixed(2)} buys at the highest known rate, $${highestKnownRate()} per million tokens). ` +
        'Set its price in redline.prices, or a token budget in redline.budget.maxTokens.',
    });
  }
  return { warnings };
}
