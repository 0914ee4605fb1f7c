import { type Effort, modelFacts } from './models';
import type { ThinkingParam } from './ports';

/** What a model call asks for besides the conversation: output room, thinking and effort. */
export interface RequestShape {
  maxTokens: number;
  thinking?: ThinkingParam;
  effort?: Effort;
}

/** The API's floor for a manual thinking budget. */
const minThinkingBudget = 1024;
/** A manual budget leaves most of the output for the answer itself (a large file in one call). */
const maxThinkingBudget = 32_000;

/**
 * The request parameters for `model`, from the one table of model facts: `max_tokens` is the
 * model's whole output (the call streams, so a large file fits in one tool call); thinking is
 * asked for in the form the model accepts, its summary readable for the run log; `effort` is sent
 * only when the model lists that level (otherwise the model's default applies).
 */
export function requestShapeFor(model: string, effort: Effort | undefined, maxTokens?: number): RequestShape {
  const facts = modelFacts(model);
  const max = maxTokens ?? facts.maxOutput;
  const thinking = thinkingFor(facts.thinking, max);
  return {
    maxTokens: max,
    ...(thinking === undefined ? {} : { thinking }),
    ...(effort !== undefined && facts.efforts.includes(effort) ? { effort } : {}),
  };
}

function thinkingFor(support: ReturnType<typeof modelFacts>['thinking'], maxTokens: number): ThinkingParam | undefined {
  switch (support) {
    case 'always':
    case 'adaptive':
      return { type: 'adaptive', display: 'summarized' };
    case 'extended': {
      // budget_tokens must be at least 1024 and below max_tokens; no room means no thinking.
      const budget = Math.min(maxThinkingBudget, Math.floor(maxTokens / 2));
      return budget >= minThinkingBudget ? { type: 'enabled', budget_tokens: budget } : undefined;
    }
    case 'none':
      return undefined;
  }
}
