/**
 * What Redline knows about a model, in one place: the request's `max_tokens`, the context gauge,
 * the thinking and effort parameters, prices and the lifecycle warnings all read it.
 *
 * Facts from platform.claude.com (model pages, pricing, deprecations) as of December 2026 and from
 * the SDK's `Model` list and deprecation table (@anthropic-ai/sdk 1.17.0). A fact not found there
 * is left unknown (a price of `undefined`), never guessed.
 */

export const efforts = ['low', 'medium', 'high', 'xhigh', 'max'] as const;
export type Effort = (typeof efforts)[number];

/** Dollars per million tokens. The cache write is the 5-minute one (the only one Redline asks for). */
export interface Price {
  inputPerMTok: number;
  outputPerMTok: number;
  cacheReadPerMTok: number;
  cacheWritePerMTok: number;
  /**
   * A model priced by prompt length (Claude Haiku 5.5): a request whose prompt (input, cache reads
   * and cache writes together) is over `thresholdTokens` pays these rates on all its tokens.
   */
  longPrompt?: { thresholdTokens: number } & Omit<Price, 'longPrompt'>;
}

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
  /** Other ids the API accepts for the same model (dated snapshots, `-latest` and `-0` aliases). */
  aliases?: readonly string[];
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

const allEfforts: readonly Effort[] = efforts;
/** Opus 4.6, Sonnet 4.6 and Mythos Preview predate `xhigh`. */
const noXhigh: readonly Effort[] = ['low', 'medium', 'high', 'max'];

const M = 1_000_000;
const K128 = 128_000;

function price(inputPerMTok: number, outputPerMTok: number, cacheReadPerMTok: number, cacheWritePerMTok: number): Price {
  return { inputPerMTok, outputPerMTok, cacheReadPerMTok, cacheWritePerMTok };
}

/** A model of today's generation: 1M context, 128K output. */
function current(id: string, displayName: string, p: Price | undefined, thinking: ThinkingSupport, modelEfforts: readonly Effort[] = allEfforts): ModelFacts {
  return { id, displayName, contextWindow: M, maxOutput: K128, price: p, thinking, efforts: modelEfforts, lifecycle: 'active' };
}

/**
 * A model the API no longer serves, kept so that a configured one gets a clear message naming its
 * replacement. Its limits and price no longer matter (it cannot run): the unknown-model ones.
 */
function retired(id: string, displayName: string, replacement: string, retiresAt: string | undefined, aliases: readonly string[] = []): ModelFacts {
  return {
    ...unknownModel(id),
    displayName,
    ...(aliases.length > 0 ? { aliases } : {}),
    lifecycle: 'retired',
    ...(retiresAt === undefined ? {} : { retiresAt }),
    replacement,
  };
}

const opus4Price = price(5, 25, 0.5, 6.25);
const fable5Price = price(10, 50, 1, 12.5);
const fable51Price = price(10, 50, 0.25, 12.5);
const fable52Price = price(8, 40, 0.2, 10);

const known: readonly ModelFacts[] = [
  current('claude-fable-5-2', 'Claude Fable 5.2', fable52Price, 'always'),
  current('claude-mythos-5-2', 'Claude Mythos 5.2', fable52Price, 'always'),
  current('claude-opus-5-5', 'Claude Opus 5.5', price(4, 20, 0.2, 5), 'always'),
  // Cache reads cut from $0.20 to $0.10 on 2026-10-07.
  current('claude-sonnet-5-5', 'Claude Sonnet 5.5', price(2, 10, 0.1, 2.5), 'adaptive'),
  current(
    'claude-haiku-5-5',
    'Claude Haiku 5.5',
    { ...price(0.1, 0.5, 0.01, 0.125), longPrompt: { thresholdTokens: 100_000, ...price(0.5, 2.5, 0.05, 0.625) } },
    'adaptive',
  ),
  current('claude-fable-5-1', 'Claude Fable 5.1', fable51Price, 'always'),
  current('claude-mythos-5-1', 'Claude Mythos 5.1', fable51Price, 'always'),
  current('claude-fable-5', 'Claude Fable 5', fable5Price, 'always'),
  current('claude-mythos-5', 'Claude Mythos 5', fable5Price, 'always'),
  current('claude-opus-5', 'Claude Opus 5', opus4Price, 'adaptive'),
  current('claude-sonnet-5', 'Claude Sonnet 5', price(2, 10, 0.2, 2.5), 'adaptive'),
  current('claude-opus-4-8', 'Claude Opus 4.8', opus4Price, 'adaptive'),
  current('claude-opus-4-7', 'Claude Opus 4.7', opus4Price, 'adaptive'),
  current('claude-opus-4-6', 'Claude Opus 4.6', opus4Price, 'adaptive', noXhigh),
  current('claude-sonnet-4-6', 'Claude Sonnet 4.6', price(3, 15, 0.3, 3.75), 'adaptive', noXhigh),
  {
    id: 'claude-haiku-4-5',
    displayName: 'Claude Haiku 4.5',
    aliases: ['claude-haiku-4-5-20251001'],
    contextWindow: 200_000,
    maxOutput: 64_000,
    price: price(1, 5, 0.1, 1.25),
    thinking: 'extended',
    efforts: [],
    lifecycle: 'active',
  },
  {
    id: 'claude-opus-4-5',
    displayName: 'Claude Opus 4.5',
    aliases: ['claude-opus-4-5-20251101'],
    contextWindow: 200_000,
    maxOutput: 64_000,
    price: opus4Price,
    thinking: 'extended',
    efforts: ['low', 'medium', 'high'],
    lifecycle: 'deprecated',
    retiresAt: '2027-01-22',
    replacement: 'claude-opus-5-5',
  },
  {
    // An invitation-only preview: its limits and price are not published (the unknown-model ones).
    ...unknownModel('claude-mythos-preview'),
    displayName: 'Claude Mythos Preview',
    thinking: 'adaptive',
    efforts: noXhigh,
    lifecycle: 'deprecated',
    retiresAt: '2026-06-30',
    replacement: 'claude-mythos-5-2',
  },
  retired('claude-sonnet-4-5', 'Claude Sonnet 4.5', 'claude-sonnet-5-5', '2026-11-30', ['claude-sonnet-4-5-20250929']),
  retired('claude-opus-4-1', 'Claude Opus 4.1', 'claude-opus-5-5', undefined, ['claude-opus-4-1-20250805']),
  retired('claude-opus-4-0', 'Claude Opus 4', 'claude-opus-5-5', '2026-06-15', ['claude-opus-4-20250514']),
  retired('claude-sonnet-4-0', 'Claude Sonnet 4', 'claude-sonnet-5-5', '2026-06-15', ['claude-sonnet-4-20250514']),
  retired('claude-3-7-sonnet-20250219', 'Claude Sonnet 3.7', 'claude-sonnet-5-5', '2026-02-19', ['claude-3-7-sonnet-latest']),
  retired('claude-3-5-haiku-20241022', 'Claude Haiku 3.5', 'claude-haiku-5-5', '2026-02-19', ['claude-3-5-haiku-latest']),
  retired('claude-3-5-sonnet-20241022', 'Claude Sonnet 3.5', 'claude-sonnet-5-5', '2025-10-28', ['claude-3-5-sonnet-latest']),
  retired('claude-3-5-sonnet-20240620', 'Claude Sonnet 3.5 (June 2024)', 'claude-sonnet-5-5', '2025-10-22'),
  retired('claude-3-opus-20240229', 'Claude Opus 3', 'claude-opus-5-5', '2026-01-05', ['claude-3-opus-latest']),
];

/** The facts of a model the table does not know: conservative limits, no price, no thinking. */
export function unknownModel(id: string): ModelFacts {
  return { id, displayName: id, contextWindow: 200_000, maxOutput: 32_000, price: undefined, thinking: 'none', efforts: [], lifecycle: 'active' };
}

export function knownModels(): readonly ModelFacts[] {
  return known;
}

/** A model by its id or one of its aliases; an id the table does not know gets `unknownModel`. */
export function modelFacts(id: string): ModelFacts {
  return known.find((m) => m.id === id || m.aliases?.includes(id) === true) ?? unknownModel(id);
}

/** Whether the table knows the id (an unknown one is still sent as it is: the API decides). */
export function isKnownModel(id: string): boolean {
  return known.some((m) => m.id === id || m.aliases?.includes(id) === true);
}

/**
 * The highest rate per million tokens of any kind (input, output, cache) among the models with a
 * known price: what a token of a model with no known price can cost at most, as far as Redline knows.
 */
export function highestKnownRate(): number {
  let highest = 0;
  for (const m of known) {
    const p = m.price;
    if (p === undefined) continue;
    const rates = [p.inputPerMTok, p.outputPerMTok, p.cacheReadPerMTok, p.cacheWritePerMTok];
    if (p.longPrompt !== undefined)
      rates.push(p.longPrompt.inputPerMTok, p.longPrompt.outputPerMTok, p.longPrompt.cacheReadPerMTok, p.longPrompt.cacheWritePerMTok);
    highest = Math.max(highest, ...rates);
  }
  return highest;
}
