import type { Price } from './usage';

/**
 * What Redline knows about a model, in one place: the request's `max_tokens`, the context gauge,
 * the thinking and effort parameters, prices and the lifecycle warnings all read it.
 */

export const efforts = ['low', 'medium', 'high', 'xhigh', 'max'] as const;
export type Effort = (typeof efforts)[number];

/**
 * `always`: adaptive thinking that cannot be turned off (the request must not disable it);
 * `adaptive`: `thinking: {type: 'adaptive'}` is accepted; `extended`: only a token budget
 * (`{type: 'enabled', budget_tokens}`); `none`: no thinking parameter at all.
 */
export type ThinkingSupport = 'always' | 'adaptive' | 'extended' | 'none';

export type Lifecycle = 'active' | 'deprecated' | 'retired';

export interface ModelFacts {
  id: string;
  displayName: string;
  contextWindow: number;
  maxOutput: number;
  /** Undefined: price unknown (the budget then counts tokens, never $0). */
  price: Price | undefined;
  thinking: ThinkingSupport;
  /** Effort levels the model accepts; empty: the request carries no effort. */
  efforts: readonly Effort[];
  lifecycle: Lifecycle;
  /** ISO date of a deprecated model's scheduled retirement or a retired model's end. */
  retiresAt?: string;
  /** The current model to move to from a deprecated or retired one. */
  replacement?: string;
}

const adaptiveEfforts: readonly Effort[] = efforts;

const known: readonly ModelFacts[] = [
  {
    id: 'claude-opus-5-5',
    displayName: 'Claude Opus 5.5',
    contextWindow: 1_000_000,
    maxOutput: 128_000,
    price: { inputPerMTok: 4, outputPerMTok: 20, cacheReadPerMTok: 0.2, cacheWritePerMTok: 5 },
    thinking: 'always',
    efforts: adaptiveEfforts,
    lifecycle: 'active',
  },
];

/** The facts of a model the table does not know: conservative limits, no price, no thinking. */
export function unknownModel(id: string): ModelFacts {
  return { id, displayName: id, contextWindow: 200_000, maxOutput: 32_000, price: undefined, thinking: 'none', efforts: [], lifecycle: 'active' };
}

export function knownModels(): readonly ModelFacts[] {
  return known;
}

export function modelFacts(id: string): ModelFacts {
  return known.find((m) => m.id === id) ?? unknownModel(id);
}
