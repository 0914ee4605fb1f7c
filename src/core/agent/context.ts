import type { Message, TextBlock, TokenUsage, ToolSpec } from './conversation';
import type { EventListener } from './events';
import type { ModelErrorCode, ProposedFile } from './ports';
import { compactedMessages, type ProposalSummary, type SummaryFacts, summarizeProposal } from './summary';

/**
 * Keeping a run inside the model's context window (issue 16, Context). The size of the context is
 * what the last request carried (input + cache read + cache write); before each request the keeper
 * estimates the next one, and past `compactAt` of the window it compacts: the older turns become
 * one user message that says what happened (steps, proposals, the user's messages, the actions
 * taken), the recent turns stay verbatim. Compaction is deterministic and asks the model nothing,
 * so it cannot fail, costs no tokens and holds up in tests; the model reads what it did in the
 * summary and the proposals themselves through its read tools (the overlay).
 */
export interface ContextPolicy {
  /** The model's context window in tokens (`modelFacts(id).contextWindow`). */
  readonly window: number;
  /** Fraction of the window past which the next request is compacted first. */
  readonly compactAt: number;
  /** Fraction of the window the recent turns kept verbatim may take. */
  readonly keepRecent: number;
}

export const defaultCompactAt = 0.8;
export const defaultKeepRecent = 0.3;

/** Characters of one tool result above which it is clipped, with a line saying how to read on. */
export const resultClip = 30_000;

/**
 * Clips a tool result that would flood the context. The note names the lines shown, so the model
 * can ask read_file for the rest by line range.
 */
export function clipResult(content: string): string {
  if (content.length <= resultClip) return content;
  const shown = content.slice(0, resultClip);
  const shownLines = shown.split('\n').length;
  const totalLines = content.split('\n').length;
  return (
    `${shown}\n[… cut: ${content.length - resultClip} more characters not shown (about lines ${shownLines}–${totalLines} of ${totalLines} of this result). ` +
    `Read the rest with read_file and a line range (start_line/end_line), or narrow the search.]`
  );
}

const charsPerToken = 3.5;

/** Our estimate of a text's tokens: a little more than the common four characters a token, to stay on the safe side. */
export function estimateTokens(chars: number): number {
  return Math.ceil(chars / charsPerToken);
}

export function contextTokens(usage: TokenUsage): number {
  return usage.input + usage.cacheRead + usage.cacheWrite;
}

function messagesChars(messages: readonly Message[]): number {
  let chars = 0;
  for (const message of messages) chars += JSON.stringify(message).length;
  return chars;
}

/** What the summary is made of, read when a compaction happens (never cached: the run moves on). */
export interface ContextFacts {
  steps(): SummaryFacts['steps'];
  proposals(): ProposedFile[];
}

/** Why the API refuses a request over the window: a 400 whose message says the prompt is too long. */
export function isPromptTooLong(code: ModelErrorCode, message: string): boolean {
  return code === 'bad_request' && /prompt is too long/i.test(message);
}

/**
 * The context of one stretch of a run. The loop calls `beforeRequest` before each model call,
 * `afterTurn` with each answered call's usage, and `recover` when a call failed.
 */
export class ContextKeeper {
  /** Tokens of the last request, and how many messages it carried. */
  private last: { tokens: number; messages: number } | undefined;
  private recovered = false;
  /** Line counts per file, kept while its proposal is unchanged: a long run compacts often over the same files. */
  private readonly counted = new Map<string, { file: ProposedFile; summary: ProposalSummary | undefined }>();

  constructor(
    private readonly policy: ContextPolicy,
    private readonly facts: ContextFacts,
    private readonly emit: EventListener,
  ) {}

  /** The next request's size: the last one measured plus what was added since, or all of it estimated. */
  estimate(prefix: { tools: readonly ToolSpec[]; system: readonly TextBlock[] }, messages: readonly Message[]): number {
    const { last } = this;
    if (last !== undefined && messages.length >= last.messages) {
      return last.tokens + estimateTokens(messagesChars(messages.slice(last.messages)));
    }
    return estimateTokens(JSON.stringify(prefix.tools).length + JSON.stringify(prefix.system).length + messagesChars(messages));
  }

  /** Compacts `messages` in place when the next request would pass the threshold. */
  beforeRequest(prefix: { tools: readonly ToolSpec[]; system: readonly TextBlock[] }, messages: Message[]): void {
    const next = this.estimate(prefix, messages);
    if (next < this.policy.window * this.policy.compactAt) return;
    this.compact(prefix, messages, this.policy.keepRecent);
  }

  /** Records the size of the request just answered, which carried `sent` messages. */
  afterTurn(usage: TokenUsage, sent: number): void {
    this.recovered = false;
    const tokens = contextTokens(usage);
    this.last = { tokens, messages: sent };
    this.emit({ type: 'context', tokens, window: this.policy.window });
  }

  /**
   * A request refused as too long (our estimate was off): compacts harder and says to send it
   * again, once per request; a second refusal in a row is the run's failure.
   */
  recover(prefix: { tools: readonly ToolSpec[]; system: readonly TextBlock[] }, messages: Message[], code: ModelErrorCode, message: string): boolean {
    if (this.recovered || !isPromptTooLong(code, message)) return false;
    this.recovered = true;
    return this.compact(prefix, messages, this.policy.keepRecent / 2);
  }

  /** The model stopped because the window filled (stop_reason `model_context_window_exceeded`): as `recover`. */
  full(prefix: { tools: readonly ToolSpec[]; system: readonly TextBlock[] }, messages: Message[]): boolean {
    if (this.recovered) return false;
    this.recovered = true;
    return this.compact(prefix, messages, this.policy.keepRecent / 2);
  }

  private compact(prefix: { tools: readonly ToolSpec[]; system: readonly TextBlock[] }, messages: Message[], keepRecent: number): boolean {
    const before = this.estimate(prefix, messages);
    const keepChars = this.policy.window * keepRecent * charsPerToken;
    const compacted = compactedMessages(messages, { steps: this.facts.steps(), proposals: this.proposals() }, keepChars);
    if (compacted === undefined) return false;
    messages.splice(0, messages.length, ...compacted.messages);
    this.last = undefined;
    const after = this.estimate(prefix, messages);
    this.emit({ type: 'compacted', turns: compacted.turns, before, after, window: this.policy.window });
    return true;
  }

  private proposals(): ProposalSummary[] {
    return this.facts.proposals().flatMap((file) => {
      let seen = this.counted.get(file.path);
      if (seen === undefined || seen.file.baseText !== file.baseText || seen.file.proposedText !== file.proposedText) {
        seen = { file, summary: summarizeProposal(file) };
        this.counted.set(file.path, seen);
      }
      return seen.summary === undefined ? [] : [{ ...seen.summary, steps: [...new Set(file.stepRanges.map((r) => r.step))] }];
    });
  }
}
