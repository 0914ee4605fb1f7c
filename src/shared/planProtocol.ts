/**
 * Messages between the extension host and the Plan webview. Both sides import this file; the host
 * validates every inbound message with `isFromPlanWebview` (issue 10: the webview is untrusted).
 * A message from the webview names plans, runs, links and log paths by opaque ids the host holds —
 * never by a path, a command or a URL.
 */
import { isBoundedString, messageGuard, oneOf } from './messageGuard';
import { MAX_STEER_MESSAGE } from './steerText';

export const PLAN_FILTERS = ['all', 'draft', 'approved', 'building', 'in review', 'done'] as const;
export type PlanFilter = (typeof PLAN_FILTERS)[number];

export interface PlanListItem {
  /** Opaque id the host holds; the webview never names a path. */
  readonly id: string;
  readonly title: string;
  readonly status: string;
  /** The file name, shown to the user (not sent back). */
  readonly fileName: string;
  readonly stepsDone: number;
  readonly stepsTotal: number;
  readonly warnings: number;
}

export interface PlanCommentView {
  readonly id: string;
  /** 0-based line of the plan's text. */
  readonly line: number;
  readonly section?: string;
  readonly text: string;
}

export interface RunUsageView {
  readonly input: number;
  readonly output: number;
  readonly cacheRead: number;
  readonly cacheWrite: number;
  readonly costUsd: number;
  /** Some tokens have no known price: the cost is shown as "price unknown", never as $0. */
  readonly priceUnknown?: boolean;
}

export interface DiffLineView {
  readonly kind: 'context' | 'removed' | 'added';
  readonly text: string;
  /** 1-based line in the plan as it reads once the change is kept; none for a removed line. */
  readonly line?: number;
}

/** What a plan-mode run proposes to the plan, waiting to be kept or discarded. */
export interface PlanProposalView {
  readonly hunks: readonly (readonly DiffLineView[])[];
  /** Lines left out of `hunks` to keep the message small; the review shows them all. */
  readonly moreLines: number;
  readonly added: number;
  readonly removed: number;
}

export interface RunView {
  readonly id: string;
  readonly mode: 'plan' | 'build';
  readonly state: 'running' | 'done' | 'failed' | 'cancelled';
  readonly error?: string;
  readonly usage: RunUsageView;
  /** The model the run talks to. */
  readonly model?: string;
  /** Every run of the plan together, fix requests included (the plan's cost so far). */
  readonly planUsage?: RunUsageView;
  /** Hunks waiting for a decision in the run's changeset; undefined when unknown. */
  readonly hunksWaiting?: number;
  /** Step statuses the agent reported, by step id (todo, in_progress, done, blocked). */
  readonly steps: Readonly<Record<string, string>>;
  /** A plan-mode run's draft of the plan while some of it waits for a decision. */
  readonly proposal?: PlanProposalView;
  /** The context the run's last request carried against the model's window, in tokens (the gauge). */
  readonly context?: { readonly tokens: number; readonly window: number };
  /** A build whose every hunk is decided: what landed, what was turned away, the checks' last word. */
  readonly outcome?: ReviewOutcomeView;
  /**
   * The user's messages waiting for the run's next turn boundary, oldest first. After the run
   * ended: the ones it never sent, which *Continue Run* sends first.
   */
  readonly queued?: readonly QueuedMessageView[];
}

/** A message the user queued for the agent; its text is the user's, shown as text. */
export interface QueuedMessageView {
  readonly id: string;
  readonly text: string;
}

export interface ReviewOutcomeView {
  readonly hunks: number;
  readonly accepted: number;
  readonly files: number;
  readonly added: number;
  readonly removed: number;
  readonly rejected: readonly { readonly path: string; readonly reason?: string }[];
  /** Each check the run ran, by its last result. */
  readonly checks: readonly { readonly name: string; readonly passed: boolean }[];
}

export interface PlanViewState {
  readonly workspaceOpen: boolean;
  readonly trusted: boolean;
  /** The agent is wired (RunService present); without it the agent buttons explain why they are off. */
  readonly agentAvailable: boolean;
  readonly plans: readonly PlanListItem[];
  readonly filter: PlanFilter;
  /** The open plan's id, when one is open. */
  readonly openId?: string;
  readonly comments: readonly PlanCommentView[];
  readonly run?: RunView;
}

export interface PlanWarningView {
  readonly message: string;
  /** 0-based line. */
  readonly line?: number;
}

export interface PlanStepView {
  readonly id: string;
  readonly ordinal: number;
  readonly text: string;
  /** The mark in the file: pending, in progress, done, skipped. */
  readonly status: string;
  readonly line: number;
}

/** The open plan: its text for edit mode and its rendering (Markdown already turned into HTML). */
export interface PlanDocView {
  readonly id: string;
  readonly fileName: string;
  readonly title: string;
  readonly status: string;
  /** Increases whenever the text changes; a save names the version it was edited from. */
  readonly version: number;
  readonly text: string;
  /** Unsaved changes in the editor. */
  readonly dirty: boolean;
  readonly warnings: readonly PlanWarningView[];
  /**
   * HTML from `marked` on the host: links carry `data-link` ids instead of `href`, blocks carry
   * `data-line`. Still untrusted: the webview sanitizes it with DOMPurify before use. Undefined
   * when the plan is too large to render; the panel then shows the text.
   */
  readonly html?: string;
  readonly steps: readonly PlanStepView[];
}

/** `thinking`: the model's thinking summary, shown collapsed until opened; `user`: a message the user queued, as sent. */
export type LogKind = 'text' | 'thinking' | 'tool' | 'result' | 'error' | 'check' | 'info' | 'user';

export interface LogEntry {
  readonly kind: LogKind;
  /** The entry's text; a tool call's is one line, with `code spans` in backticks. */
  readonly text: string;
  /** A workspace file the entry is about: shown as a link; the webview sends back only `pathId`. */
  readonly path?: { readonly id: string; readonly label: string };
  /** What opening a tool call shows: its input with real newlines, then its result. */
  readonly detail?: string;
  /** `detail` (or else `text`) is cut short; the whole of it can be shown. */
  readonly clipped?: LogClip;
}

export interface LogClip {
  /** Names the whole text for `logFull`; a new id whenever the whole text changes. */
  readonly id: string;
  /** What was left out, e.g. "8 more lines". */
  readonly more: string;
  /** The whole text when it is small enough to travel with the entry; else the webview asks for it. */
  readonly full?: string;
}

export type ToPlanWebview =
  | { readonly type: 'state'; readonly state: PlanViewState }
  | { readonly type: 'doc'; readonly doc: PlanDocView | null }
  /** Replace the log of `runId` from entry `from` on with `entries` (streamed text grows its last entry). */
  | { readonly type: 'log'; readonly runId: string; readonly from: number; readonly entries: readonly LogEntry[] }
  | { readonly type: 'saved'; readonly id: string; readonly ok: boolean; readonly message?: string }
  /** The whole text of a clipped log entry (`LogClip.id`); no `text` when the host no longer holds it. */
  | { readonly type: 'logFull'; readonly runId: string; readonly clipId: string; readonly text?: string };

export type FromPlanWebview =
  | { readonly type: 'ready' }
  | { readonly type: 'newPlan' }
  | { readonly type: 'openPlan'; readonly id: string }
  | { readonly type: 'closePlan' }
  | { readonly type: 'renamePlan'; readonly id: string }
  | { readonly type: 'deletePlan'; readonly id: string }
  | { readonly type: 'openInEditor'; readonly id: string }
  | { readonly type: 'setFilter'; readonly filter: PlanFilter }
  | { readonly type: 'saveText'; readonly id: string; readonly version: number; readonly text: string }
  | { readonly type: 'addComment'; readonly id: string; readonly line: number; readonly section?: string; readonly text: string }
  | { readonly type: 'removeComment'; readonly id: string; readonly commentId: string }
  | { readonly type: 'sendComments'; readonly id: string }
  | { readonly type: 'draft'; readonly intent: string; readonly id?: string }
  | { readonly type: 'approve'; readonly id: string; readonly build: boolean }
  | { readonly type: 'stopRun'; readonly runId: string }
  /** An empty message continues the run with the messages it ended before sending. */
  | { readonly type: 'continueRun'; readonly runId: string; readonly message: string }
  /** Queues the user's message for a running agent, sent at its next turn boundary. */
  | { readonly type: 'queueMessage'; readonly runId: string; readonly text: string }
  | { readonly type: 'editQueued'; readonly runId: string; readonly messageId: string; readonly text: string }
  | { readonly type: 'withdrawQueued'; readonly runId: string; readonly messageId: string }
  | { readonly type: 'openSourceControl' }
  | { readonly type: 'openReview'; readonly runId: string }
  /** Opens *Redline: Select Model* for the mode's model setting. */
  | { readonly type: 'selectModel'; readonly mode: 'plan' | 'build' }
  /** Keep (accept) or discard (reject) every waiting hunk of a plan-mode run's draft. */
  | { readonly type: 'decideDraft'; readonly runId: string; readonly decision: 'accept' | 'reject' }
  | { readonly type: 'openLink'; readonly id: string; readonly link: number }
  | { readonly type: 'openLogPath'; readonly runId: string; readonly pathId: string }
  /** Asks for the whole text of a clipped log entry, by its `LogClip.id`. */
  | { readonly type: 'logFull'; readonly runId: string; readonly clipId: string };

const MAX_ID = 200;
/** A 5 MB plan must still save; anything far larger is not a plan. */
export const MAX_PLAN_TEXT = 16 * 1024 * 1024;
export const MAX_COMMENT = 4_000;
export const MAX_INTENT = 2_000;
/** A message that continues an ended run (the core's own limit). */
export const MAX_CONTINUE_MESSAGE = 10_000;

const isId = (v: unknown) => isBoundedString(v, MAX_ID) && v.length > 0 && !/[\\/]/.test(v);
const isLine = (v: unknown) => typeof v === 'number' && Number.isInteger(v) && v >= 0 && v < 10_000_000;
const isText = (max: number) => (v: unknown) => isBoundedString(v, max) && v.trim().length > 0;

export function isPlanFilter(value: unknown): value is PlanFilter {
  return typeof value === 'string' && (PLAN_FILTERS as readonly string[]).includes(value);
}

const isDecision = oneOf('accept', 'reject');

/** The host's check of every message from the Plan webview (strict: no undeclared field). */
export const isFromPlanWebview = messageGuard<FromPlanWebview>(
  {
    ready: { fields: {} },
    newPlan: { fields: {} },
    closePlan: { fields: {} },
    openPlan: { fields: { id: isId } },
    renamePlan: { fields: { id: isId } },
    deletePlan: { fields: { id: isId } },
    openInEditor: { fields: { id: isId } },
    setFilter: { fields: { filter: isPlanFilter } },
    saveText: { fields: { id: isId, version: isLine, text: (v) => isBoundedString(v, MAX_PLAN_TEXT) } },
    addComment: { fields: { id: isId, line: isLine, section: (v) => isBoundedString(v, MAX_ID), text: isText(MAX_COMMENT) }, optional: ['section'] },
    removeComment: { fields: { id: isId, commentId: isId } },
    sendComments: { fields: { id: isId } },
    draft: { fields: { intent: isText(MAX_INTENT), id: isId }, optional: ['id'] },
    approve: { fields: { id: isId, build: (v) => typeof v === 'boolean' } },
    stopRun: { fields: { runId: isId } },
    continueRun: { fields: { runId: isId, message: (v) => isBoundedString(v, MAX_CONTINUE_MESSAGE) } },
    queueMessage: { fields: { runId: isId, text: isText(MAX_STEER_MESSAGE) } },
    editQueued: { fields: { runId: isId, messageId: isId, text: isText(MAX_STEER_MESSAGE) } },
    withdrawQueued: { fields: { runId: isId, messageId: isId } },
    openSourceControl: { fields: {} },
    openReview: { fields: { runId: isId } },
    selectModel: { fields: { mode: oneOf('plan', 'build') } },
    decideDraft: { fields: { runId: isId, decision: isDecision } },
    openLink: { fields: { id: isId, link: isLine } },
    openLogPath: { fields: { runId: isId, pathId: isId } },
    logFull: { fields: { runId: isId, clipId: isId } },
  },
  'strict',
);
