import { snapshotChangeset } from '../changeset/snapshot';
import { fail, ok, type Result } from '../result';
import { reviewOutcome } from '../review/outcome';
import type { ReviewWorkspace } from '../review/ports';
import type { ReviewSession } from '../review/reviewSession';
import type { TrustPort } from '../trust';
import { denyAnswer, reviewedAnswer, type FixRequest, type HookAnswer, type ReviewedHunk } from './hookAnswers';
import { parseHookCall, type HookCall } from './hookInput';
import { CLAUDE_SOURCE } from './hookSource';
import { proposedText } from './toolEdits';

const REPLAY_MEMORY = 10_000;

interface Waiting {
  readonly path: string;
  readonly answer: (a: HookAnswer) => void;
  fix?: FixRequest;
}

export interface HookReviewEvents {
  /** An agent started waiting for the review of a changeset. */
  waiting(changesetId: string, path: string): void;
  /** The agent stopped waiting before the review was done (its timeout, killed): the changeset stays. */
  gone(changesetId: string, path: string): void;
  log(message: string): void;
}

/**
 * A terminal agent's edit as a review: the edit becomes a changeset through the same path every
 * proposal takes (`ReviewSession.propose`: workspace paths, deny list, tripwires, protected paths),
 * and the hook call waits until the user is done with it.
 *
 * Who writes the file: the review, as with every changeset. Each accepted hunk is written as it
 * is accepted, through the session's one write path (one undo step, the user's unsaved text
 * folded in and never overwritten, a hunk that overlaps it stale and never applied); the agent's
 * own write is then always refused, with a reason that says what landed (`reviewedAnswer`). Holding
 * the writes for the agent's tool instead would leave the editor without the accepted text while
 * the review goes on (the session takes an accept that is not in the document for an undo), and
 * the tool would write the file behind an open editor.
 */
export class HookReviews {
  private readonly waiting = new Map<string, Waiting>();
  private readonly answered = new Set<string>();
  private readonly goneIds = new Set<string>();
  private readonly inFlight = new Set<Promise<unknown>>();
  private readonly subscription: { dispose(): void };

  constructor(
    private readonly session: ReviewSession,
    private readonly workspace: ReviewWorkspace,
    private readonly trust: TrustPort,
    private readonly events: HookReviewEvents,
  ) {
    this.subscription = session.onDidChange((id) => this.check(id));
  }

  /** Answers one hook call of Claude Code (parsed JSON, unchecked); `gone` aborts when the agent stops waiting. */
  async handle(body: unknown, gone: AbortSignal): Promise<HookAnswer> {
    if (!this.trust.isTrusted()) return this.refuse('workspace not trusted: Redline reviews no edit in Restricted Mode, and nothing was written');
    const call = parseHookCall(body);
    if (!call.ok) return this.refuse(call.message);
    if (this.answered.has(call.value.toolUseId)) return this.refuse(`tool_use_id ${call.value.toolUseId} was already answered (a replayed call)`);
    this.remember(call.value.toolUseId);
    // The changeset is visible (and decidable) the moment it is proposed: a fix asked before this
    // call has registered its wait must find it, so those doors wait for this gate first.
    let opened!: () => void;
    const gate = new Promise<void>((resolve) => (opened = resolve));
    this.inFlight.add(gate);
    try {
      const proposed = await this.propose(call.value);
      if (!proposed.ok) return this.refuse(proposed.message);
      return this.wait(proposed.value.id, proposed.value.path, gone);
    } finally {
      this.inFlight.delete(gate);
      opened();
    }
  }

  /** Registers the wait at once (no await before it), then answers when the review is done or the agent goes. */
  private wait(id: string, path: string, gone: AbortSignal): Promise<HookAnswer> {
    return new Promise<HookAnswer>((resolve) => {
      const onGone = (): void => {
        if (!this.waiting.delete(id)) return;
        this.goneIds.add(id);
        this.events.log(`the agent stopped waiting for ${id} (${path}); the changeset stays reviewable`);
        this.events.gone(id, path);
        resolve(denyAnswer('the agent stopped waiting'));
      };
      this.waiting.set(id, {
        path,
        answer: (a) => {
          gone.removeEventListener('abort', onGone);
          resolve(a);
        },
      });
      if (gone.aborted) return onGone();
      gone.addEventListener('abort', onGone, { once: true });
      this.events.waiting(id, path);
      this.check(id);
    });
  }

  /** Whether the agent that proposed this changeset still waits for its answer. */
  isWaiting(changesetId: string): boolean {
    return this.waiting.has(changesetId);
  }

  /** The agent stopped waiting for this changeset: it stays reviewable, writing it is the user's choice. */
  isGone(changesetId: string): boolean {
    return this.goneIds.has(changesetId);
  }

  /**
   * *Ask fix* on a hunk of a waiting edit: the agent gets the user's comment as the reason of a
   * denial and proposes again. The hunk and the others not yet decided are rejected, so nothing of
   * this edit lands behind the agent's back after it was answered.
   */
  async askFix(changesetId: string, hunkId: string, comment: string): Promise<Result<void>> {
    await Promise.all(this.inFlight);
    const waiting = this.waiting.get(changesetId);
    if (!waiting) return fail('E_AGENT_GONE', 'the agent is no longer waiting for this edit; accept or reject its hunks here');
    const hunks = this.session.get(changesetId)?.changeset.files[0]?.hunks ?? [];
    const index = hunks.findIndex((h) => h.id === hunkId);
    if (index === -1) return fail('E_UNKNOWN_HUNK', `no hunk '${hunkId}' in changeset '${changesetId}'`);
    waiting.fix = { hunk: index, comment };
    const asked = await this.session.decide(changesetId, hunkId, 'reject', `the user asks: ${comment}`);
    if (!asked.ok) {
      delete waiting.fix;
      return asked;
    }
    return this.rejectOpen(changesetId, 'sent back with a fix request');
  }

  /** *Send decisions*: the hunks not decided yet are rejected and the agent gets its answer now. */
  async sendDecisions(changesetId: string): Promise<Result<void>> {
    await Promise.all(this.inFlight);
    if (!this.waiting.has(changesetId)) return fail('E_AGENT_GONE', 'no agent is waiting for this changeset');
    return this.rejectOpen(changesetId, 'not reviewed when the decisions were sent');
  }

  /** Answers every waiting agent (the window closes): the changesets stay for the next window. */
  dispose(): void {
    this.subscription.dispose();
    for (const [id, w] of this.waiting) {
      this.waiting.delete(id);
      w.answer(
        denyAnswer(`Redline closed before the review of ${w.path} was done; nothing more was written. The review comes back when the folder is opened again.`),
      );
    }
  }

  private async rejectOpen(changesetId: string, reason: string): Promise<Result<void>> {
    for (const file of this.session.get(changesetId)?.changeset.files ?? []) {
      for (const h of file.hunks) {
        if (h.state !== 'pending' && h.state !== 'stale') continue;
        const r = await this.session.decide(changesetId, h.id, 'reject', reason);
        if (!r.ok) return r;
      }
    }
    return ok(undefined);
  }

  private async propose(call: HookCall): Promise<Result<{ id: string; path: string }>> {
    const resolved = await this.workspace.resolve(call.edit.filePath);
    if (!resolved.ok) return resolved;
    const texts = await this.workspace.read(resolved.value);
    if (!texts.ok) return fail(texts.code, `${resolved.value.path}: ${texts.message}`);
    // The tool edits the file on disk (what the agent read), not an editor's unsaved text.
    const newText = proposedText(call.edit, texts.value.disk);
    if (!newText.ok) return newText;
    if (newText.value === texts.value.disk) return fail('E_INPUT', `the edit leaves ${resolved.value.path} as it is`);
    const path = resolved.value.path;
    const id = await this.session.propose({
      title: `Claude Code: ${call.edit.tool} ${path}`,
      source: `${CLAUDE_SOURCE} · ${call.sessionId.slice(0, 8)}`,
      files: [{ path, newText: newText.value }],
    });
    return id.ok ? ok({ id: id.value, path }) : id;
  }

  private check(id: string): void {
    const waiting = this.waiting.get(id);
    const entry = this.session.get(id);
    if (!waiting || !entry || reviewOutcome(entry.changeset) === undefined) return;
    this.waiting.delete(id);
    const file = entry.changeset.files[0];
    const records = new Map(file?.hunks.map((h) => [h.id, h]));
    const hunks: ReviewedHunk[] = (snapshotChangeset(entry.changeset).files[0]?.hunks ?? []).map((h) => {
      const reason = records.get(h.id)?.reason;
      return { state: h.state, line: h.oldStart, ...(reason ? { reason } : {}) };
    });
    const answer = reviewedAnswer(waiting.path, hunks, waiting.fix);
    this.events.log(`answered the agent for ${id} (${waiting.path}): ${answer.hookSpecificOutput.permissionDecision}`);
    waiting.answer(answer);
  }

  private refuse(reason: string): HookAnswer {
    this.events.log(`hook call refused: ${reason}`);
    return denyAnswer(`Redline refused this edit: ${reason}. Nothing was written.`);
  }

  private remember(toolUseId: string): void {
    this.answered.add(toolUseId);
    if (this.answered.size > REPLAY_MEMORY) {
      const oldest = this.answered.values().next().value;
      if (oldest !== undefined) this.answered.delete(oldest);
    }
  }
}
