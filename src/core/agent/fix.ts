import { fail, ok, type Result } from '../result';
import type { EventListener } from './events';
import { type LoopState, runTurns } from './loop';
import { ProposalOverlay } from './overlay';
import type { PlanInput } from './planInput';
import type { StepRange } from '../changeset/types';
import type { ModelErrorCode } from './ports';
import { withCacheBreakpoints } from './prompt';
import { requestShapeFor } from './requestShape';
import type { AgentDeps } from './run';
import { toolSpec, toolsForMode } from './toolRegistry';
import { type PriceTable, priceFor, type UsageTotals, zeroUsage } from './usage';

export interface FixHunk {
  oldStart: number;
  oldLines: number;
  newStart: number;
  newLines: number;
  /** The hunk's removed and added lines, without +/- prefixes. */
  oldText: string;
  newText: string;
}

export interface FixRequest {
  plan: PlanInput;
  path: string;
  /** The file on disk (null: the proposal creates it). */
  baseText: string | null;
  /** The file as currently proposed, which the hunk is part of. */
  fileText: string;
  hunk: FixHunk;
  comment: string;
  /** The plan step the hunk serves; the revision is tagged with it. */
  step?: string;
  stepRanges?: StepRange[];
  /** Review feedback not yet told to the model (rejections and their reasons), as one text. */
  feedback?: string;
}

export interface FixOptions {
  model: string;
  maxTokens?: number;
  /** A fix is focused: a few turns to read and revise (default 4). */
  maxTurns?: number;
  prices: PriceTable;
  signal: AbortSignal;
  onEvent?: EventListener;
}

export interface FixOutcome {
  proposedText: string;
  stepRanges: StepRange[];
  usage: UsageTotals;
  /** What the model said it changed. */
  summary: string;
}

export type FixErrorCode = ModelErrorCode | 'no_change' | 'max_turns' | 'budget' | 'incomplete';

const fixInstructions = [
  "You are Redline's build agent, revising one hunk of your own proposal after a reviewer's comment.",
  'Change what the comment asks for in that hunk, and only what it needs. Use propose_edit on the file',
  'named below; old_string must match the file as shown exactly once. Then answer with one sentence',
  'saying what you changed.',
].join('\n');

/**
 * A focused turn that revises one hunk. It works on a private overlay holding just that file, so
 * several fixes can run at once and none touches the run's overlay; the caller turns the returned
 * text into a new revision of the hunk.
 */
export async function runFix(
  deps: Pick<AgentDeps, 'model' | 'files' | 'search' | 'guard' | 'checks' | 'clock'>,
  request: FixRequest,
  options: FixOptions,
): Promise<Result<FixOutcome, FixErrorCode>> {
  const overlay = new ProposalOverlay(deps.files);
  overlay.seed(request.path, request.baseText, request.fileText, request.stepRanges ?? []);
  const offered = toolsForMode('build').filter((d) => d.name === 'read_file' || d.name === 'propose_edit');
  const state: LoopState = { messages: [{ role: 'user', content: [{ type: 'text', text: fixPrompt(request) }] }], turns: [], usage: { ...zeroUsage } };
  const end = await runTurns(state, {
    model: deps.model,
    clock: deps.clock,
    modelName: options.model,
    ...requestShapeFor(options.model, undefined, options.maxTokens),
    maxTurns: options.maxTurns ?? 4,
    price: priceFor(options.prices, options.model),
    system: [{ type: 'text', text: `${fixInstructions}\n\nThe plan (${request.plan.path}):\n${request.plan.text}` }],
    offered,
    tools: offered.map(toolSpec),
    modeLabel: 'a fix request',
    ctx: {
      guard: deps.guard,
      files: deps.files,
      search: deps.search,
      overlay,
      checks: deps.checks,
      plan: request.plan,
      signal: options.signal,
      writable: new Set([request.path]),
      onStepStatus: () => undefined,
      onCheck: () => undefined,
    },
    signal: options.signal,
    emit: options.onEvent ?? (() => undefined),
    commit: async () => undefined,
    prepare: withCacheBreakpoints,
  });
  if (end.kind === 'cancelled') return fail('cancelled', 'The fix request was cancelled.');
  if (end.kind === 'failed') return fail(end.code, end.message);
  if (end.kind === 'max_turns') return fail('max_turns', 'The fix request did not finish within its turns.');
  if (end.kind === 'budget') return fail('budget', end.message);
  if (end.kind === 'refused') return fail('incomplete', `The model declined the fix${end.text.trim() === '' ? '' : `: ${end.text.trim()}`}`);
  if (end.kind === 'cut') return fail('incomplete', `The fix request stopped: ${end.message}.`);
  if (end.kind === 'context_full') return fail('incomplete', "The fix request filled the model's context window.");
  const file = overlay.all().find((f) => f.path === request.path);
  if (file === undefined || file.proposedText === null || file.proposedText === request.fileText) {
    return fail('no_change', `The model proposed no change for this hunk: ${end.text || '(no answer)'}`);
  }
  return ok({ proposedText: file.proposedText, stepRanges: file.stepRanges, usage: state.usage, summary: end.text });
}

function fixPrompt(request: FixRequest): string {
  const { hunk } = request;
  const removed =
    hunk.oldText === ''
      ? ''
      : hunk.oldText
          .replace(/\n$/, '')
          .split('\n')
          .map((l) => `-${l}`)
          .join('\n');
  const added =
    hunk.newText === ''
      ? ''
      : hunk.newText
          .replace(/\n$/, '')
          .split('\n')
          .map((l) => `+${l}`)
          .join('\n');
  const step = request.step === undefined ? '' : `\nTag your edit with step "${request.step}".`;
  return [
    `File ${request.path}, as currently proposed:`,
    '<file>',
    request.fileText,
    '</file>',
    `The hunk under review (@@ -${hunk.oldStart},${hunk.oldLines} +${hunk.newStart},${hunk.newLines} @@):`,
    [removed, added].filter((s) => s !== '').join('\n'),
    `The reviewer's comment: ${request.comment}${step}`,
    ...(request.feedback === undefined ? [] : [request.feedback]),
  ].join('\n');
}
