import { CommandGate, type CommandPorts, withCommandTool } from './commandTool';
import type { Message } from './conversation';
import type { RunState } from '../../shared/api';
import type { EndReason, EventListener } from './events';
import type { FeedbackQueue } from './feedback';
import { checkFeedback, checksStillFailing, defaultCheckRounds, notRunNote, pushUserText, runPlanChecks } from './finalChecks';
import { ContextKeeper, type ContextPolicy, defaultCompactAt, defaultKeepRecent } from './context';
import { type LoopEnd, type LoopState, runTurns } from './loop';
import { modelFacts } from './models';
import type { ProposalOverlay } from './overlay';
import type { PlanInput } from './planInput';
import type { Effort } from './models';
import type { ChecksPort, Clock, FilesPort, ModelPort, PathGuard, ProposalSink, QuestionsPort, SearchPort } from './ports';
import { environmentBlock, loadProjectInstructions, type RunEnvironment, systemPrompt, withCacheBreakpoints } from './prompt';
import { requestShapeFor } from './requestShape';
import type { SteeringQueue } from './steering';
import type { ToolContext } from './toolContext';
import { type AgentMode, toolSpec, toolsForMode } from './toolRegistry';
import type { RunTranscript } from './transcript';
import { type Budget, type PriceTable, priceFor, zeroUsage } from './usage';

export interface AgentDeps {
  model: ModelPort;
  files: FilesPort;
  search: SearchPort;
  guard: PathGuard;
  sink: ProposalSink;
  checks: ChecksPort;
  clock: Clock;
  /** Where ask_user's questions go; without it the tool says no one can be asked. */
  questions?: QuestionsPort;
  /** The agent's own commands (run_command); without them the tool is not offered. */
  commands?: CommandPorts;
}

export interface RunOptions {
  id: string;
  mode: AgentMode;
  plan: PlanInput;
  /** Model id for this run (`redline.model`, or `redline.planModel` in plan mode). */
  model: string;
  maxTurns: number;
  /** Default: the model's maximum output (see `requestShapeFor`). */
  maxTokens?: number;
  /** `redline.effort.<mode>`; absent: the model's default. */
  effort?: Effort;
  budget?: Budget;
  prices: PriceTable;
  /** Review prompts sent after a build run's main loop; defaults to `defaultFollowUps`. */
  followUps?: readonly string[];
  /** How often failing plan checks are fed back to the model; defaults to `defaultCheckRounds`. */
  checkRounds?: number;
  /** The run's view of the files; owned by the caller so fix requests and review decisions share it. */
  overlay: ProposalOverlay;
  feedback?: FeedbackQueue;
  /** The user's messages for the running agent; what a continued run finds here goes first. */
  steering?: SteeringQueue;
  signal: AbortSignal;
  onEvent?: EventListener;
  /** A stored run to continue: its messages are kept and extended. */
  prior?: RunTranscript;
  /** The user's opening message; a default per mode when absent. */
  prompt?: string;
  /** Where the run happens (OS, date, folders, git), for the system prompt's environment block. */
  environment?: RunEnvironment;
  /** Files the run is about (the plan's context): the AGENTS.md / CLAUDE.md on their way from the root are read. */
  touches?: readonly string[];
  /** The context policy; the window defaults to the model's (`modelFacts`), tests make it small. */
  context?: Partial<ContextPolicy>;
}

export const defaultFollowUps: readonly string[] = [
  'Re-read your changes against the plan (view_changeset shows them as a diff): did every step get done? Propose what is missing.',
  'Are the tests you wrote able to fail? If one would pass with the change reverted, fix it.',
];

const openers: Record<AgentMode, string> = {
  plan: 'Draft the plan: read what you need, then answer with the complete plan in Markdown.',
  build: 'Implement the plan, step by step, as proposals.',
};

/**
 * Runs an agent end to end: the main loop, then (build mode, when it completed) the follow-up
 * prompts, then the plan's checks, whose failures go back to the model for another turn. Resolves with the transcript in a final state; it never rejects
 * for model faults, cancel or limits, which are states.
 */
export async function runAgent(deps: AgentDeps, options: RunOptions): Promise<RunTranscript> {
  const emit: EventListener = options.onEvent ?? (() => undefined);
  // A continued run keeps its system prompt byte for byte: the cached prefix holds.
  const system =
    options.prior?.system ??
    systemPrompt(
      options.mode,
      await loadProjectInstructions(deps.files, deps.guard, options.touches),
      options.plan,
      await environmentBlock(options.environment, deps.files, deps.guard),
    );
  const transcript: RunTranscript = {
    version: 1,
    runId: options.id,
    mode: options.mode,
    model: options.model,
    planPath: options.plan.path,
    system,
    messages: [],
    turns: [],
    usage: { ...zeroUsage },
    state: 'running',
    stepStatuses: { ...options.prior?.stepStatuses },
    checks: [...(options.prior?.checks ?? [])],
  };
  emit({ type: 'state', state: 'running' });
  const state: LoopState = {
    messages: openingMessages(options, emit),
    turns: [...(options.prior?.turns ?? [])],
    usage: options.prior?.usage ?? { ...zeroUsage },
  };
  const commands = deps.commands === undefined ? undefined : new CommandGate(options.mode, deps.commands);
  const ctx: ToolContext = {
    ...(commands === undefined ? {} : { commands }),
    guard: deps.guard,
    files: deps.files,
    search: deps.search,
    overlay: options.overlay,
    checks: deps.checks,
    ...(deps.questions === undefined ? {} : { questions: deps.questions }),
    plan: options.plan,
    signal: options.signal,
    onStepStatus: (step, status, note) => {
      transcript.stepStatuses[step] = note === undefined ? { status } : { status, note };
      emit({ type: 'step_status', step, status, ...(note === undefined ? {} : { note }) });
    },
    onCheck: (name, outcome) => {
      transcript.checks.push({ name, outcome });
      emit({ type: 'check', name, outcome });
    },
  };
  const context = new ContextKeeper(
    { window: modelFacts(options.model).contextWindow, compactAt: defaultCompactAt, keepRecent: defaultKeepRecent, ...options.context },
    {
      steps: () => options.plan.steps.map((s) => ({ ...s, ...transcript.stepStatuses[s.id] })),
      proposals: () => options.overlay.all(),
    },
    emit,
  );
  const offered = withCommandTool(toolsForMode(options.mode), commands);
  const loop = (): Promise<LoopEnd | Internal> =>
    runTurns(state, {
      model: deps.model,
      clock: deps.clock,
      modelName: options.model,
      ...requestShapeFor(options.model, options.effort, options.maxTokens),
      // Per run: a continued run gets its own maxTurns on top of the turns it inherits.
      maxTurns: (options.prior?.turns.length ?? 0) + options.maxTurns,
      ...(options.budget === undefined ? {} : { budget: options.budget }),
      price: priceFor(options.prices, options.model),
      system,
      offered,
      tools: offered.map(toolSpec),
      modeLabel: `${options.mode} mode`,
      ctx,
      ...(options.feedback === undefined ? {} : { feedback: options.feedback }),
      ...(options.steering === undefined ? {} : { steering: options.steering }),
      signal: options.signal,
      emit,
      commit: (changed) => deps.sink.apply(changed),
      prepare: withCacheBreakpoints,
      context,
    }).catch(internal);

  let end: RunEnd = await loop();
  if (end.kind === 'completed') transcript.summary = end.text;
  if (options.mode === 'build') {
    for (const prompt of options.followUps ?? defaultFollowUps) {
      if (end.kind !== 'completed') break;
      pushUserText(state.messages, prompt);
      end = await loop();
      if (end.kind === 'completed' && end.text !== '') transcript.summary = end.text;
    }
    // Failing checks go back to the model, a bounded number of times; the last results stay with
    // the run (a fix round that ends early leaves the results it was answering).
    for (let round = 0; end.kind === 'completed'; round++) {
      transcript.finalChecks = await runPlanChecks(deps.checks, options.plan, options.overlay, options.signal, ctx.onCheck, (name, reason) =>
        emit({ type: 'check_not_run', name, reason }),
      );
      if (options.signal.aborted) end = { kind: 'cancelled' };
      const failed = transcript.finalChecks.filter((c) => c.status === 'failed');
      if (end.kind !== 'completed' || failed.length === 0) break;
      if (round >= (options.checkRounds ?? defaultCheckRounds)) {
        end = { kind: 'checks_failed', message: checksStillFailing(failed) };
        break;
      }
      pushUserText(state.messages, checkFeedback(failed));
      end = await loop();
      if (end.kind === 'completed' && end.text !== '') transcript.summary = end.text;
    }
    // Told in the conversation: the model reads it on its next turn (a continued run).
    const notRun = notRunNote(transcript.finalChecks ?? []);
    if (notRun !== undefined && (end.kind === 'completed' || end.kind === 'checks_failed')) pushUserText(state.messages, notRun);
  }
  Object.assign(transcript, { messages: state.messages, turns: state.turns, usage: state.usage }, finalState(end, options.maxTurns));
  emit({
    type: 'state',
    state: transcript.state,
    ...(transcript.endReason === undefined ? {} : { endReason: transcript.endReason }),
    ...(transcript.error === undefined ? {} : { error: transcript.error }),
  });
  return transcript;
}

function openingMessages(options: RunOptions, emit: EventListener): Message[] {
  const messages = [...(options.prior?.messages ?? [])];
  // What the user queued before the last stretch ended was never sent: it opens the next one.
  const leftover = options.prior === undefined ? [] : (options.steering?.drain() ?? []);
  for (const m of leftover) {
    pushUserText(messages, m.text);
    emit({ type: 'steer', id: m.id, text: m.text });
  }
  if (options.prior !== undefined && options.prompt !== undefined) emit({ type: 'user', text: options.prompt });
  const text = options.prompt ?? (options.prior === undefined ? openers[options.mode] : 'Continue.');
  // A run stopped right after tool results continues from them; a new prompt joins them.
  if (messages[messages.length - 1]?.role !== 'user' || options.prompt !== undefined) pushUserText(messages, text);
  return messages;
}

/** An exception in a tool or a port (a bug, a broken adapter): the run fails, its turns so far and its proposals are kept. */
interface Internal {
  kind: 'internal';
  message: string;
}
type RunEnd = LoopEnd | Internal | { kind: 'checks_failed'; message: string };

function internal(error: unknown): Internal {
  return { kind: 'internal', message: error instanceof Error ? error.message : String(error) };
}

function finalState(end: RunEnd, maxTurns: number): { state: RunState; endReason: EndReason; error?: string } {
  switch (end.kind) {
    case 'completed':
      return { state: 'done', endReason: 'completed' };
    case 'cancelled':
      return { state: 'cancelled', endReason: 'cancelled' };
    case 'max_turns':
      return {
        state: 'failed',
        endReason: 'max_turns',
        error: `Stopped after ${maxTurns} turns (redline.maxTurns) before the model finished. Proposals made so far are kept.`,
      };
    case 'budget':
      return { state: 'failed', endReason: 'budget', error: `Stopped: ${end.message}. Proposals made so far are kept.` };
    case 'failed':
      return { state: 'failed', endReason: end.code === 'auth' ? 'auth' : 'error', error: end.message };
    case 'checks_failed':
      return { state: 'failed', endReason: 'checks_failed', error: end.message };
    case 'internal':
      return { state: 'failed', endReason: 'error', error: `Internal error: ${end.message}. Proposals made so far are kept.` };
    case 'refused':
      return { state: 'failed', endReason: 'refused', error: `The model declined to go on${end.text.trim() === '' ? '' : `: ${end.text.trim()}`}` };
    case 'cut':
      return { state: 'failed', endReason: 'max_tokens', error: `Stopped: ${end.message}. Proposals made so far are kept.` };
    case 'context_full':
      return {
        state: 'failed',
        endReason: 'context_full',
        error: "The conversation filled the model's context window, still after a compaction. Proposals made so far are kept.",
      };
  }
}
