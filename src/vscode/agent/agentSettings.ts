import * as vscode from 'vscode';
import { type Effort, efforts } from '../../core/agent/models';
import type { Price, PriceTable } from '../../core/agent/usage';
import type { AgentSettings } from '../../core/runs/settings';

export type { AgentSettings };

/**
 * A setting a cloned repository must not choose (where the key goes, which model spends the
 * budget, how much): only the user's own value counts, never a workspace's (issue 10). VS Code
 * already ignores workspace values of application and machine settings; this holds even if a
 * scope is changed by mistake.
 */
function userValue<T>(config: vscode.WorkspaceConfiguration, key: string): T | undefined {
  const inspected = config.inspect<T>(key);
  return inspected?.globalValue ?? inspected?.defaultValue;
}

export function readAgentSettings(): AgentSettings {
  const config = vscode.workspace.getConfiguration('redline');
  const model = nonEmpty(userValue<string>(config, 'model')) ?? 'claude-opus-5-5';
  const maxTokens = positive(userValue<number>(config, 'budget.maxTokens'));
  const maxCostUsd = positive(userValue<number>(config, 'budget.maxCostUsd'));
  const followUps = config.get<unknown>('followUps');
  return {
    model,
    planModel: nonEmpty(userValue<string>(config, 'planModel')) ?? model,
    effort: { ...effortOf(userValue<unknown>(config, 'effort.build'), 'build'), ...effortOf(userValue<unknown>(config, 'effort.plan'), 'plan') },
    baseUrl: nonEmpty(userValue<string>(config, 'anthropic.baseUrl')) ?? '',
    maxTurns: Math.min(500, positive(config.get<number>('maxTurns')) ?? 40),
    budget: { ...(maxTokens === undefined ? {} : { maxTokens }), ...(maxCostUsd === undefined ? {} : { maxCostUsd }) },
    prices: priceTable(userValue<unknown>(config, 'prices')),
    followUps: Array.isArray(followUps) ? followUps.filter((p): p is string => typeof p === 'string' && p.trim() !== '') : undefined,
    checkTimeoutMs: (positive(config.get<number>('checks.timeoutSeconds')) ?? 300) * 1000,
    checkOutputCap: positive(config.get<number>('checks.maxOutputChars')) ?? 20_000,
  };
}

/** `default` and anything that is not a level leave the model's default in place. */
function effortOf(value: unknown, mode: 'build' | 'plan'): { build?: Effort } | { plan?: Effort } {
  const level = efforts.find((e) => e === value);
  return level === undefined ? {} : { [mode]: level };
}

function nonEmpty(value: string | undefined): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

function positive(value: number | undefined): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : undefined;
}

const priceFields = ['inputPerMTok', 'outputPerMTok', 'cacheReadPerMTok', 'cacheWritePerMTok'] as const;

/** Keeps the well-formed entries; a malformed one would price a run at NaN. */
function priceTable(value: unknown): PriceTable {
  if (typeof value !== 'object' || value === null) return {};
  const table: Record<string, Price> = {};
  for (const [model, entry] of Object.entries(value as Record<string, unknown>)) {
    if (typeof entry !== 'object' || entry === null) continue;
    const fields = entry as Record<string, unknown>;
    if (!priceFields.every((f) => typeof fields[f] === 'number' && Number.isFinite(fields[f]) && (fields[f] as number) >= 0)) continue;
    table[model] = {
      inputPerMTok: fields.inputPerMTok as number,
      outputPerMTok: fields.outputPerMTok as number,
      cacheReadPerMTok: fields.cacheReadPerMTok as number,
      cacheWritePerMTok: fields.cacheWritePerMTok as number,
    };
  }
  return table;
}
