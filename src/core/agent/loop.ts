import type { Message, TextBlock, ToolResultBlock, ToolSpec } from './conversation';
import type { EventListener } from './events';
import type { FeedbackQueue } from './feedback';
import { clipResult, type ContextKeeper } from './context';
import type { Effort } from './models';
import type { Clock, ModelErrorCode, ModelPort, ModelTurn, ProposedFile, ThinkingParam } from './ports';
import type { CachedPrompt } from './prompt';
import { continueTextMessage, cutCallMessage, maxTextContinuations, outcomeOf, toAssistantBlocks } from './stopReasons';
import type { ToolContext } from './toolContext';
import type { ToolDef } from './toolRegistry';
import type { SteeringQueue } from './steering';
import { executeTool } from './tools';
import type { ToolCallRecord, TurnRecord } from './transcript';
import { addUsage, type Budget, budgetExceeded, type Price, type UsageTotals, withCost } from './usage';

/** The conversation state a loop extends; owned by the caller so follow-ups continue it. */
export interface LoopState {
  messages: Message[];
  turns: TurnRecord[];
  usage: UsageTotals;
}

export interface LoopConfig {
  model: ModelPort;
  clock: Clock;
  modelName: string;
  maxTokens: number;
  /** See `requestShapeFor`: absent means the request carries none. */
  thinking?: ThinkingParam;
  effort?: Effort;
  /** Cap on `state.turns.length`, counted over the whole run. */
  maxTurns: number;
  budget?: Budget;
  price: Price | undefined;
  system: TextBlock[];
  offered: readonly ToolDef[];
  tools: ToolSpec[];
  modeLabel: string;
  ctx: ToolContext;
  feedback?: FeedbackQueue;
  /** The user's messages queued while the run goes on, sent at the next turn boundary. */
  steering?: SteeringQueue;
  signal: AbortSignal;
  emit: EventListener;
  /** Called once per completed turn with the files it changed; the turn's proposals are kept only then. */
  commit(changed: ProposedFile[]): Promise<void>;
  /** Places the prompt-cache breakpoints on each request before it is sent. */
  prepare(tools: ToolSpec[], system: TextBlock[], messages: Message[]): CachedPrompt;
  /** Tracks the context against the window and compacts the conversation when it fills. */
  context?: ContextKeeper;
}

export type LoopEnd =
  | { kind: 'completed'; text: string }
  | { kind: 'max_turns' }
  | { kind: 'budget'; message: string }
  | { kind: 'cancelled' }
  | { kind: 'failed'; code: ModelErrorCode; message: string }
  /** The model declined (stop_reason `refusal`); `text` is what it said. */
  | { kind: 'refused'; text: string }
  /** A plain-text answer was still cut at max_tokens after being continued as often as allowed. */
  | { kind: 'cut'; message: string }
  /**
   * The conversation filled the model's context window (stop_reason
   * `model_context_window_exceeded`): the context strategy (compaction) starts from here.
   */
  | { kind: 'context_full' };

/**
 * Runs model turns until the model stops calling tools, or a limit, a fault or a cancel ends it.
 * A turn is atomic: its proposals and step statuses are committed only once every one of its tool
 * calls has completed; a fault or cancel rolls the overlay back to where the turn began.
 */
export async function runTurns(state: LoopState, config: LoopConfig): Promise<LoopEnd> {
  const { ctx, emit, signal } = config;
  // A plain-text answer cut at max_tokens and continued: its parts so far, and how often in a row.
  let carried = '';
  let continuations = 0;
  while (state.turns.length < config.maxTurns) {
    if (signal.aborted) return { kind: 'cancelled' };
    tellFeedback(state, config.feedback);
    sendSteering(state, config.steering, emit, false);
    const index = state.turns.length + 1;
    emit({ type: 'turn_start', turn: index });
    const startedAt = config.clock.now();
    const checkpoint = ctx.overlay.checkpoint();
    config.context?.beforeRequest(config, state.messages);
    const sent = state.messages.length;
    const request = config.prepare(config.tools, config.system, state.messages);
    const reply = await config.model.send(
      {
        model: config.modelName,
        maxTokens: config.maxTokens,
        ...(config.thinking === undefined ? {} : { thinking: config.thinking }),
        ...(config.effort === undefined ? {} : { effort: config.effort }),
        ...request,
      },
      {
        signal,
        onEvent: (event) => {
          if (event.type === 'text_delta') emit({ type: 'text', text: event.text });
          else if (event.type === 'thinking_delta') emit({ type: 'thinking', text: event.text });
          else if (event.type === 'retry') emit({ type: 'retry', attempt: event.attempt, reason: event.reason });
        },
      },
    );
    const modelMs = config.clock.now() - startedAt;
    if (!reply.ok) {
      // A prompt the API found too long (our estimate was off) is compacted and sent once more.
      if (config.context?.recover(config, state.messages, reply.code, reply.message) === true) continue;
      return reply.code === 'cancelled' || signal.aborted ? { kind: 'cancelled' } : { kind: 'failed', code: reply.code, message: reply.message };
    }
    const usage = withCost(reply.value.usage, config.price);
    state.usage = addUsage(state.usage, usage);
    emit({ type: 'usage', turn: usage, total: state.usage });
    config.context?.afterTurn(usage, sent);

    const turn = reply.value;
    const assistant: Message = { role: 'assistant', content: toAssistantBlocks(turn.content) };
    const keepAssistant = (): void => {
      if (assistant.content.length > 0) state.messages.push(assistant);
    };
    const record = (toolCalls: ToolCallRecord[]): TurnRecord => ({
      index,
      startedAt,
      endedAt: config.clock.now(),
      modelMs,
      stopReason: turn.stopReason,
      usage,
      toolCalls,
    });
    const outcome = outcomeOf(turn);
    if (outcome.kind !== 'tools') {
      state.turns.push(record([]));
      // A refused or overflowing turn is not kept: continuing the run must not build on it.
      if (outcome.kind === 'refused') return { kind: 'refused', text: carried + textOf(turn) };
      // The window filled mid-answer: compacted, the turn is asked again (once in a row).
      if (outcome.kind === 'context_full') {
        if (config.context?.full(config, state.messages) === true) continue;
        return { kind: 'context_full' };
      }
      keepAssistant();
      if (outcome.kind === 'final') {
        // The user wrote while the model answered: the answer is a turn boundary, their message the next turn.
        if (!signal.aborted && sendSteering(state, config.steering, emit, true)) {
          carried = '';
          continuations = 0;
          continue;
        }
        return { kind: 'completed', text: carried + textOf(turn) };
      }
      if (outcome.kind === 'cut_text') {
        carried += textOf(turn);
        if (++continuations > maxTextContinuations) {
          return {
            kind: 'cut',
            message: `the model's answer was still cut at max_tokens (${config.maxTokens} tokens) after ${maxTextContinuations} continuations`,
          };
        }
        state.messages.push({ role: 'user', content: [{ type: 'text', text: continueTextMessage(config.maxTokens) }] });
      }
      // `paused`: the assistant content is the end of the conversation; the next call picks it up.
      const over = budgetExceeded(state.usage, config.budget);
      if (over !== undefined) return { kind: 'budget', message: over };
      continue;
    }
    carried = '';
    continuations = 0;
    const { calls, cut } = outcome;

    const pendingStatuses: (() => void)[] = [];
    const turnCtx: ToolContext = {
      ...ctx,
      onStepStatus: (step, status, note) => pendingStatuses.push(() => ctx.onStepStatus(step, status, note)),
    };
    const results: ToolResultBlock[] = [];
    const records: ToolCallRecord[] = [];
    for (const call of calls) {
      if (signal.aborted) break;
      emit({ type: 'tool_call', id: call.id, name: call.name, input: call.input });
      const executed =
        call === cut ? { isError: true, content: cutCallMessage(config.maxTokens) } : await executeTool(config.offered, config.modeLabel, turnCtx, call);
      const result = { ...executed, content: clipResult(executed.content) };
      emit({ type: 'tool_result', id: call.id, name: call.name, isError: result.isError, content: result.content });
      results.push({ type: 'tool_result', tool_use_id: call.id, content: result.content, ...(result.isError ? { is_error: true } : {}) });
      records.push({ id: call.id, name: call.name, rawInput: call.rawInput, isError: result.isError, result: result.content });
    }
    if (signal.aborted) {
      // The turn never completed: its assistant message would dangle without results, and its
      // proposals were never reviewed as a whole. Keep neither.
      ctx.overlay.rollback(checkpoint);
      state.turns.push(record(records));
      return { kind: 'cancelled' };
    }
    const changed = ctx.overlay.takeChanged();
    if (changed.length > 0) {
      await config.commit(changed);
      emit({ type: 'proposals', paths: changed.map((f) => f.path) });
    }
    for (const apply of pendingStatuses) apply();
    state.messages.push(assistant, { role: 'user', content: results });
    state.turns.push(record(records));
    const over = budgetExceeded(state.usage, config.budget);
    if (over !== undefined) return { kind: 'budget', message: over };
  }
  return { kind: 'max_turns' };
}

/** Rejections are told at the start of the next turn, after the tool results of the last one. */
function tellFeedback(state: LoopState, feedback: FeedbackQueue | undefined): void {
  const last = state.messages[state.messages.length - 1];
  if (feedback === undefined || feedback.size === 0 || last?.role !== 'user') return;
  const note = feedback.drain();
  if (note === undefined) return;
  state.messages[state.messages.length - 1] = { role: 'user', content: [...last.content, note] };
}

/**
 * The user's queued messages join the user message the next request ends with, after its tool
 * results (the API wants those first). After a final answer (`answered`) they open a user message
 * of their own; after a paused turn they wait, as the assistant's message must be picked up as is.
 */
function sendSteering(state: LoopState, steering: SteeringQueue | undefined, emit: EventListener, answered: boolean): boolean {
  const last = state.messages[state.messages.length - 1];
  if (steering === undefined || steering.size === 0 || (last?.role !== 'user' && !answered)) return false;
  const sent = steering.drain();
  const blocks: TextBlock[] = sent.map((m) => ({ type: 'text', text: m.text }));
  if (last?.role === 'user') state.messages[state.messages.length - 1] = { role: 'user', content: [...last.content, ...blocks] };
  else state.messages.push({ role: 'user', content: blocks });
  for (const m of sent) emit({ type: 'steer', id: m.id, text: m.text });
  return true;
}

function textOf(turn: ModelTurn): string {
  return turn.content.flatMap((b) => (b.type === 'text' ? [b.text] : [])).join('');
}
