import type { Message, TextBlock } from './conversation';
import type { RunState } from '../../shared/api';
import type { EndReason } from './events';
import type { FinalCheck } from './finalChecks';
import type { CheckOutcome } from './ports';
import type { ReportedStepStatus } from './toolRegistry';
import type { UsageTotals } from './usage';

export interface ToolCallRecord {
  id: string;
  name: string;
  rawInput: string;
  isError: boolean;
  result: string;
}

export interface TurnRecord {
  index: number;
  startedAt: number;
  endedAt: number;
  /** Time spent inside the model call (waiting on the server and streaming). */
  modelMs: number;
  stopReason: string;
  usage: UsageTotals;
  toolCalls: ToolCallRecord[];
}

/**
 * Everything a run did, as plain JSON: stored in workspace storage so a reloaded window can show
 * it, and passed back as `prior` to continue the run. `messages` is exactly what the model saw.
 */
export interface RunTranscript {
  version: 1;
  runId: string;
  mode: 'plan' | 'build';
  model: string;
  planPath: string;
  system: TextBlock[];
  messages: Message[];
  turns: TurnRecord[];
  usage: UsageTotals;
  state: RunState;
  endReason?: EndReason;
  error?: string;
  /** The model's final message: the summary of a build run, the drafted plan of a plan run. */
  summary?: string;
  stepStatuses: Record<string, { status: ReportedStepStatus; note?: string }>;
  checks: { name: string; outcome: CheckOutcome }[];
  /** The plan's checks as they last ran at the end of a build run (what the review starts from). */
  finalChecks?: FinalCheck[];
}
