import type { JsonValue } from './conversation';
import type { CheckOutcome } from './ports';
import type { ReportedStepStatus } from './toolRegistry';
import type { UsageTotals } from './usage';
import type { RunState } from '../../shared/api';

/**
 * Why a run ended. `completed`: the model finished and follow-ups and checks ran; `max_turns` and
 * `budget` stop cleanly with the proposals made so far kept; `checks_failed`: the plan's checks
 * still failed after they were fed back to the model as often as allowed. `refused`: the model
 * declined (stop_reason `refusal`); `max_tokens`: its answer was still cut after being asked to
 * continue; `context_full`: the conversation filled the model's context window.
 */
export type EndReason = 'completed' | 'max_turns' | 'budget' | 'error' | 'auth' | 'cancelled' | 'checks_failed' | 'refused' | 'max_tokens' | 'context_full';

/** Live progress for the log and the run snapshot. */
export type AgentEvent =
  | { type: 'state'; state: RunState; endReason?: EndReason; error?: string }
  /** The user's message that continues a stored run. */
  | { type: 'user'; text: string }
  /** A message the user queued while the run went on, as it was sent: at a turn boundary. */
  | { type: 'steer'; id: string; text: string }
  | { type: 'turn_start'; turn: number }
  | { type: 'text'; text: string }
  /** The model's thinking summary as it streams; the log shows it collapsed. */
  | { type: 'thinking'; text: string }
  /** The model call restarted after a dropped stream: discard this turn's streamed text so far. */
  | { type: 'retry'; attempt: number; reason: string }
  | { type: 'tool_call'; id: string; name: string; input: JsonValue | undefined }
  | { type: 'tool_result'; id: string; name: string; isError: boolean; content: string }
  | { type: 'usage'; turn: UsageTotals; total: UsageTotals }
  | { type: 'proposals'; paths: string[] }
  | { type: 'step_status'; step: string; status: ReportedStepStatus; note?: string }
  | { type: 'check'; name: string; outcome: CheckOutcome }
  /** A declared check that did not run (not approved, refused as written, no sandbox allowed): shown, never silent. */
  | { type: 'check_not_run'; name: string; reason: string }
  /** The context the last request carried, in tokens, against the model's window (the run view's gauge). */
  | { type: 'context'; tokens: number; window: number }
  /** Older turns were replaced by a summary to stay inside the window (estimated tokens before and after). */
  | { type: 'compacted'; turns: number; before: number; after: number; window: number };

export type EventListener = (event: AgentEvent) => void;
