import type { StepRange } from '../changeset/types';
import type { PathIntent } from '../policy/workspacePath';
import type { Result } from '../result';
import type { JsonValue, Message, RedactedThinkingBlock, TextBlock, ThinkingBlock, TokenUsage, ToolSpec } from './conversation';
import type { Effort } from './models';
import type { FileQuery, FoundFiles, TextSearchQuery, TextSearchResult } from './textSearch';

/**
 * The agent's only ways out of the core. The VS Code wiring implements them; tests use fakes.
 * Every path handed to Files, Proposals and Checks has already been through the PathGuard.
 */

// ---- model ----

export interface ModelRequest {
  model: string;
  maxTokens: number;
  system: TextBlock[];
  tools: ToolSpec[];
  messages: Message[];
  /** Put the automatic (top-level) cache breakpoint on the request's last block. */
  cacheLatest: boolean;
  /** Absent: the request carries no thinking parameter (a model that always thinks still thinks). */
  thinking?: ThinkingParam;
  /** Absent: the model's default effort. */
  effort?: Effort;
}

/**
 * The request's thinking parameter, as the wire has it. `summarized`: the thinking text comes back
 * readable (the run log shows it); otherwise today's models send it empty.
 */
export type ThinkingParam = { type: 'adaptive'; display: 'summarized' } | { type: 'enabled'; budget_tokens: number };

/** A streamed tool call as received; `input` is undefined when the streamed JSON did not parse. */
export interface ReceivedToolUse {
  type: 'tool_use';
  id: string;
  name: string;
  input: JsonValue | undefined;
  rawInput: string;
}

export interface ModelTurn {
  /** In the order received: thinking blocks stay where they were among text and tool calls. */
  content: (ThinkingBlock | RedactedThinkingBlock | TextBlock | ReceivedToolUse)[];
  stopReason: string;
  usage: TokenUsage;
}

/** Live progress of one model call. `retry` means: forget the partial text of this call, it starts over. */
export type ModelEvent =
  | { type: 'text_delta'; text: string }
  | { type: 'thinking_delta'; text: string }
  | { type: 'tool_use_start'; id: string; name: string }
  | { type: 'retry'; attempt: number; reason: string };

/**
 * Why a model call failed after the adapter's retries. `auth` maps to the *Set API Key* action;
 * `cancelled` is the caller's own abort, never reported as a failure to the user.
 */
export type ModelErrorCode =
  | 'auth'
  | 'rate_limited'
  | 'overloaded'
  | 'server'
  | 'connection'
  | 'stream_dropped'
  | 'bad_request'
  | 'cancelled'
  /** The API does not serve the model (404 `not_found_error`): retired or unknown. */
  | 'model_unavailable';

export interface ModelPort {
  /** Streams one assistant message. Resolves with a failure value, never rejects for API faults. */
  send(request: ModelRequest, options: { signal: AbortSignal; onEvent: (event: ModelEvent) => void }): Promise<Result<ModelTurn, ModelErrorCode>>;
}

// ---- workspace ----

/**
 * Resolves a path the model gave inside a workspace folder (symlinks included) and checks it
 * against the deny and protected lists. The value is the normalized workspace-relative path.
 */
export interface PathGuard {
  resolve(raw: string, intent: PathIntent): Promise<Result<string>>;
}

export interface DirEntry {
  name: string;
  kind: 'file' | 'dir';
}

/**
 * Most bytes of one file the agent's tools read or edit: a bigger file is refused before it is
 * read, so no model request makes the host load, decode, split or search hundreds of megabytes.
 */
export const maxFileBytes = 4 * 1024 * 1024;

/** Read-only view of the user's files as saved on disk. Paths are guard-resolved. */
export interface FilesPort {
  /** `null` when there is no such file; fails for a binary file or one over `maxFileBytes`. */
  readText(path: string): Promise<Result<string | null>>;
  listDir(path: string): Promise<Result<DirEntry[]>>;
  /** Files by glob, without ignored (.gitignore, files.exclude) or denied ones; says when it was cut. */
  findFiles(query: FileQuery): Promise<Result<FoundFiles>>;
  /** Searches the saved files (ignored and denied ones left out); says when it was cut. */
  searchText(query: TextSearchQuery): Promise<Result<TextSearchResult>>;
}

// ---- search ----

/** One compiled search pattern. */
export interface LineMatcher {
  /** 0-based indexes of the lines that match, at most `limit`; fails when the pattern runs out of time. */
  match(lines: readonly string[], limit: number): Result<number[]>;
}

/**
 * Compiles search_text patterns. A regular expression from the model can backtrack for hours
 * (`(a+)+$` on a long line) and JavaScript cannot stop a running match, so the adapter runs it
 * where a hard time limit can; the limit covers every `match` of one compiled pattern together.
 */
export interface SearchPort {
  compile(pattern: string, isRegex: boolean, options?: { ignoreCase?: boolean }): Result<LineMatcher>;
}

// ---- proposals ----

/**
 * A file's proposed state: `baseText` null = created, `proposedText` null = deleted; both null =
 * a file the run created and then deleted, which leaves nothing to review.
 */
export interface ProposedFile {
  path: string;
  baseText: string | null;
  proposedText: string | null;
  stepRanges: StepRange[];
}

/** Receives the proposals of each completed turn (the changeset). Never writes the user's files. */
export interface ProposalSink {
  apply(files: ProposedFile[]): Promise<void>;
}

// ---- checks ----

export interface DeclaredCheck {
  name: string;
  command: string;
}

export interface CheckOutcome {
  exitCode: number | null;
  /** Trimmed to the port's output cap. */
  output: string;
  timedOut: boolean;
  /** How long the check's process ran, when the port measured it (the run log shows it). */
  durationMs?: number;
}

/**
 * Runs one of the plan's declared checks exactly as declared, in an isolated copy of the workspace
 * with `proposals` applied. Approval is the port's business: it fails with `not_approved`.
 */
export interface ChecksPort {
  run(check: DeclaredCheck, proposals: ProposedFile[], signal: AbortSignal): Promise<Result<CheckOutcome>>;
}

// ---- the user ----

/** How a question to the user ended: `cancelled` is the run's own stop, not the user's answer. */
export type Answer = { kind: 'answered'; text: string } | { kind: 'dismissed' } | { kind: 'cancelled' };

/**
 * Asks the user a question while the run waits. Resolves (never rejects) when the user answers or
 * dismisses it, or with `cancelled` as soon as `signal` aborts: Stop must not wait for an answer.
 */
export interface QuestionsPort {
  ask(question: { text: string; from: string }, signal: AbortSignal): Promise<Answer>;
}

export interface Clock {
  /** Milliseconds; only differences are used. */
  now(): number;
}
