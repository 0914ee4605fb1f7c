import * as vscode from 'vscode';
import { type Effort, efforts } from '../../core/agent/models';
import type { Price, PriceTable } from '../../core/agent/usage';
import type { AgentSettings } from '../../core/runs/settings';
import type { Logger } from '../log';

export type { AgentSettings };

/** Bounds of the settings that decide how long a run and its checks go on, and how much they send. */
const settingBounds = { maxTurns: 500, checkTimeoutSeconds: 1800, checkOutputChars: 200_000 } as const;

/** Workspace values already logged as ignored: one line each per session, not one per read. */
const told = new Set<string>();

/**
 * A setting a cloned repository must not choose (where the key goes, which model spends the
 * budget, how much, what is said to the model in the user's name, how long checks run): only the
 * user's own value counts, never a workspace's. VS Code already ignores workspace values of
 * application and machine settings; this holds even if a scope is changed by mistake, and a
 * workspace value is logged as ignored.
 */
function userValue<T>(config: vscode.WorkspaceConfiguration, key: string, log: Pick<Logger, 'warn'> | undefined): T | undefined {
  const inspected = config.inspect<T>(key);
  const workspace = inspected?.workspaceFolderValue ?? inspected?.workspaceValue;
  if (workspace !== undefined && log !== undefined && !told.has(`${key}=${JSON.stringify(workspace)}`)) {
    told.add(`${key}=${JSON.stringify(workspace)}`);
    log.warn(`the workspace's redline.${key} is ignored: it is read from your user settings only`);
  }
  return inspected?.globalValue ?? inspected?.defaultValue;
}

export function readAgentSettings(log?: Pick<Logger, 'warn'>): AgentSettings {
  const config = vscode.workspace.getConfiguration('redline');
  const user = <T>(key: string): T | undefined => userValue<T>(config, key, log);
  const model = nonEmpty(user<string>('model')) ?? 'claude-opus-5-5';
  const maxTokens = positive(user<number>('budget.maxTokens'));
  const maxCostUsd = positive(user<number>('budget.maxCostUsd'));
  const followUps = user<unknown>('followUps');
  return {
    model,
    planModel: nonEmpty(user<string>('planModel')) ?? model,
    effort: { ...effortOf(user<unknown>('effort.build'), 'build'), ...effortOf(user<unknown>('effort.plan'), 'plan') },
    baseUrl: nonEmpty(user<string>('anthropic.baseUrl')) ?? '',
    maxTurns: Math.min(settingBounds.maxTurns, positive(user<number>('maxTurns')) ?? 40),
    budget: { ...(maxTokens === undefined ? {} : { maxTokens }), ...(maxCostUsd === undefined ? {} : { maxCostUsd }) },
    prices: priceTable(user<unknown>('prices')),
    followUps: Array.isArray(followUps) ? followUps.filter((p): p is string => typeof p === 'string' && p.trim() !== '') : undefined,
    checkTimeoutMs: Math.min(settingBounds.checkTimeoutSeconds, positive(user<number>('checks.timeoutSeconds')) ?? 300) * 1000,
    checkOutputCap: Math.min(settingBounds.checkOutputChars, positive(user<number>('checks.maxOutputChars')) ?? 20_000),
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
