/**
 * Messages between the extension host and the Review panel webview (one panel per changeset).
 * The host owns the changeset; the webview renders a view model and asks for actions by hunk id.
 * Ids are opaque: a webview message never names a path, a command or a URL. The host validates
 * every inbound message with `isFromReviewWebview` and checks that the ids exist.
 */
import { type Check, isBoundedString, messageGuard, oneOf } from './messageGuard';

export type ReviewLayout = 'unified' | 'split';
/** 'modified': accepted with the reviewer's own version of its lines (the file holds that version). */
export type ReviewHunkState = 'pending' | 'accepted' | 'modified' | 'rejected' | 'stale';

/**
 * One line of a hunk, compact for large changesets: [kind, text, emphasis?] where emphasis is a
 * flat list of [start, end) character offsets of changed words.
 */
export type ReviewLine = readonly [kind: 0 | 1 | 2, text: string, emphasis?: readonly number[]];

export interface ReviewFlag {
  readonly id: string;
  readonly reason: string;
}

export interface ReviewHunk {
  readonly id: string;
  /** Index into `ReviewState.files`. */
  readonly file: number;
  readonly state: ReviewHunkState;
  readonly revision: number;
  readonly oldStart: number;
  readonly oldLines: number;
  readonly newStart: number;
  readonly newLines: number;
  readonly lines: readonly ReviewLine[];
  /** Tripwires and protected paths: shown as badges; such a hunk is accepted one by one. */
  readonly flags: readonly ReviewFlag[];
  readonly steps: readonly string[];
  /** The agent's one-line reason for the edit (the reading order groups hunks by it). */
  readonly intent?: string;
  readonly reason?: string;
  readonly staleReason?: string;
  /** A fix request for this hunk is running. */
  readonly fixing?: boolean;
  /** The previous revision's lines, when `revision` > 1. */
  readonly previous?: readonly ReviewLine[];
  /** Lines of the document after the hunk: how much context "more lines below" can show. */
  readonly linesAfter?: number;
  /** A decision whose lines were edited in the file since: it has no place in the file to show. */
  readonly detached?: boolean;
  /**
   * The reviewer looked at this hunk: `seen`, as it is now (a new revision of the changeset that
   * left its lines alone keeps the mark); `changed`, its lines changed since they were seen.
   */
  readonly seen?: 'seen' | 'changed';
  /** Its lines differ from what they replace only in whitespace (`w` hides such hunks). */
  readonly whitespaceOnly?: boolean;
}

/** A block removed in one hunk and added again in another, verbatim or only re-indented. */
export interface ReviewMove {
  /** The hunk that removes the block, and the block's first line before the change. */
  readonly from: string;
  readonly fromLine: number;
  /** The hunk that adds it, and its first line after the change. */
  readonly to: string;
  readonly toLine: number;
  readonly lines: number;
  readonly reindented: boolean;
  /** `from` removes only this block and `to` adds only it: one item, decided together (`decideMoved`). */
  readonly whole: boolean;
}

export interface ReviewFile {
  readonly path: string;
  readonly oldPath?: string;
  readonly status: 'modified' | 'added' | 'deleted' | 'renamed';
  /** A highlight.js-style language id from the file name, or '' for plain text. */
  readonly language: string;
  /** Binary or otherwise not diffable: listed, no hunks. */
  readonly note?: string;
  /** What the file is, for the reading order; absent: source. */
  readonly kind?: 'test' | 'generated' | 'lockfile';
}

export interface ReviewHeader {
  readonly title: string;
  readonly source: string;
  readonly summary?: string;
  readonly costUsd?: number;
  /** The run's model has no known price: shown as "price unknown" instead of a cost. */
  readonly priceUnknown?: boolean;
  /** Claims of the agent that the diff does not support, shown at the top. */
  readonly claimMismatches: readonly string[];
  /** Why actions are off (Restricted Mode), or undefined when they are on. */
  readonly readOnlyReason?: string;
  /**
   * When a rejection's reason reaches the agent of this changeset's plan: `live`, a run on the plan
   * is going and reads it at its next turn; `nextTurn`, with the next run on the plan (Continue
   * Run, a build) or a fix request. Absent: no Redline run made the changeset.
   */
  readonly rejectionsReach?: 'live' | 'nextTurn';
  /**
   * A terminal agent's changeset: `waiting`, the agent waits for these decisions; `gone`, it stopped
   * waiting (its timeout, killed), and what is accepted here is written by Redline all the same.
   * Absent: no terminal agent proposed it, or its answer was sent.
   */
  readonly agentState?: 'waiting' | 'gone';
}

/** A plan step as the review names it: a hunk's `steps` hold ids, the badges show titles. */
export interface ReviewStep {
  readonly id: string;
  readonly title: string;
}

export interface ReviewState {
  readonly changesetId: string;
  readonly header: ReviewHeader;
  /** The plan's steps in the plan's order, when the changeset came from a build of a plan. */
  readonly steps?: readonly ReviewStep[];
  readonly files: readonly ReviewFile[];
  /** In review order: file by file, top to bottom. */
  readonly hunks: readonly ReviewHunk[];
  readonly layout: ReviewLayout;
  /** The hunk to focus first (restored after a reload). */
  readonly focus?: string;
  /**
   * Hunks still to come after `hunks`, in `moreHunks` messages (a large changeset is sent in
   * parts, so the first hunks paint before the rest has crossed); absent when `hunks` is all.
   */
  readonly more?: number;
}

/**
 * Names one action message of the webview, so that a refusal answers that action only (STYLE.md:
 * a request id for calls that need a reply). Chosen by the webview, unique within its page.
 */
export type RequestId = number;

export type ToReviewWebview =
  | { readonly type: 'state'; readonly state: ReviewState }
  /** The next hunks of the state in review order, appended; `more` are still to come after them. */
  | { readonly type: 'moreHunks'; readonly changesetId: string; readonly hunks: readonly ReviewHunk[]; readonly more: number }
  /** Replace these hunks (by id) and drop `removed`; hunks added by a split come after `after`. */
  | { readonly type: 'hunks'; readonly hunks: readonly ReviewHunk[]; readonly removed: readonly string[]; readonly header: ReviewHeader }
  | {
      readonly type: 'context';
      readonly hunkId: string;
      readonly direction: 'above' | 'below';
      readonly lines: readonly ReviewLine[];
      readonly startLine: number;
    }
  /** `requestId`: the action this notice answers (an error: that action was refused), if any. */
  | { readonly type: 'notice'; readonly level: 'info' | 'error'; readonly message: string; readonly requestId?: RequestId }
  /** Put this hunk in focus (the editor's *Review* lens on a panel that is already open). */
  | { readonly type: 'focus'; readonly hunkId: string }
  /** The changeset's moved blocks, found off the host's thread after the state was painted. */
  | { readonly type: 'moves'; readonly moves: readonly ReviewMove[] };

/** The webview's actions that can be refused: each carries the id its refusal will name. */
export type ReviewAction =
  | { readonly type: 'decide'; readonly requestId: RequestId; readonly hunkId: string; readonly decision: 'accept' | 'reject'; readonly reason?: string }
  /** Accept or reject the chosen changed lines (indexes into the hunk's `lines`). */
  | {
      readonly type: 'decideLines';
      readonly requestId: RequestId;
      readonly hunkId: string;
      readonly lines: readonly number[];
      readonly decision: 'accept' | 'reject';
    }
  | { readonly type: 'decideFile'; readonly requestId: RequestId; readonly file: number; readonly decision: 'accept' | 'reject' }
  | { readonly type: 'decideAll'; readonly requestId: RequestId; readonly decision: 'accept' | 'reject' }
  | { readonly type: 'split'; readonly requestId: RequestId; readonly hunkId: string }
  /** A stale hunk: show it against the user's text, pending again. */
  | { readonly type: 'refresh'; readonly requestId: RequestId; readonly hunkId: string }
  | { readonly type: 'undo'; readonly requestId: RequestId }
  /**
   * Accept the reviewer's version of a pending hunk: `text` replaces its lines from the first to
   * the last changed one (new side); `revision` is the revision they edited, so a hunk revised
   * meanwhile is refused instead of overwritten.
   */
  | { readonly type: 'acceptEdited'; readonly requestId: RequestId; readonly hunkId: string; readonly revision: number; readonly text: string }
  | { readonly type: 'requestFix'; readonly requestId: RequestId; readonly hunkId: string; readonly comment: string }
  /** Decide a whole move (`hunkId` is its `to` hunk) and the hunk it came from, as one step. */
  | { readonly type: 'decideMoved'; readonly requestId: RequestId; readonly hunkId: string; readonly decision: 'accept' | 'reject'; readonly reason?: string };

export type FromReviewWebview =
  | { readonly type: 'ready' }
  | ReviewAction
  | { readonly type: 'openInEditor'; readonly hunkId: string }
  | { readonly type: 'expandContext'; readonly hunkId: string; readonly direction: 'above' | 'below'; readonly count: number }
  | { readonly type: 'setLayout'; readonly layout: ReviewLayout }
  /** `seen`: hunks the reviewer paged through since the last focus message (one message, not one per key). */
  | { readonly type: 'focus'; readonly hunkId: string; readonly seen?: readonly string[] };

const ID = (v: unknown) => isBoundedString(v, 200) && v.length > 0;
const TEXT = (v: unknown) => isBoundedString(v, 10_000);
const DECISION = (v: unknown) => v === 'accept' || v === 'reject';
const INDEX = (v: unknown) => Number.isInteger(v) && (v as number) >= 0 && (v as number) < 1_000_000;
const REQUEST = (v: unknown) => Number.isSafeInteger(v) && (v as number) >= 0;

const withRequest = (fields: Readonly<Record<string, Check>>): Readonly<Record<string, Check>> => ({ requestId: REQUEST, ...fields });

/** The host's check of every message from the Review webview (strict: no undeclared field). */
export const isFromReviewWebview = messageGuard<FromReviewWebview>(
  {
    ready: { fields: {} },
    undo: { fields: withRequest({}) },
    acceptEdited: {
      fields: withRequest({ hunkId: ID, revision: (v) => Number.isSafeInteger(v) && (v as number) >= 1, text: (v) => isBoundedString(v, 5_000_000) }),
    },
    decide: { fields: withRequest({ hunkId: ID, decision: DECISION, reason: TEXT }), optional: ['reason'] },
    decideMoved: { fields: withRequest({ hunkId: ID, decision: DECISION, reason: TEXT }), optional: ['reason'] },
    decideLines: {
      fields: withRequest({ hunkId: ID, lines: (v) => Array.isArray(v) && v.length > 0 && v.length <= 100_000 && v.every(INDEX), decision: DECISION }),
    },
    decideFile: { fields: withRequest({ file: INDEX, decision: DECISION }) },
    decideAll: { fields: withRequest({ decision: DECISION }) },
    split: { fields: withRequest({ hunkId: ID }) },
    refresh: { fields: withRequest({ hunkId: ID }) },
    requestFix: { fields: withRequest({ hunkId: ID, comment: (v) => TEXT(v) && (v as string).trim().length > 0 }) },
    openInEditor: { fields: { hunkId: ID } },
    focus: { fields: { hunkId: ID, seen: (v) => Array.isArray(v) && v.length <= 10_000 && v.every(ID) }, optional: ['seen'] },
    expandContext: {
      fields: { hunkId: ID, direction: oneOf('above', 'below'), count: (v) => Number.isInteger(v) && (v as number) > 0 && (v as number) <= 10_000 },
    },
    setLayout: { fields: { layout: oneOf('unified', 'split') } },
  },
  'strict',
);
