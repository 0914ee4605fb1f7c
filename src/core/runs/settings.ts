import type { Effort } from '../agent/models';
import type { Budget, PriceTable } from '../agent/usage';

/** The user's settings a run reads when it starts (the adapter reads them from VS Code). */
export interface AgentSettings {
  model: string;
  planModel: string;
  /** `redline.effort.build` / `.plan`; absent: the model's default. */
  effort?: { build?: Effort; plan?: Effort };
  /** Empty: the Anthropic default. */
  baseUrl: string;
  maxTurns: number;
  budget: Budget;
  prices: PriceTable;
  /** Undefined: the core's defaults. */
  followUps: readonly string[] | undefined;
  checkTimeoutMs: number;
  checkOutputCap: number;
}
