import { textEdits, wholeTextEdit } from '../changeset/edits';
import { decidedText } from '../changeset/items';
import { hunkRegion } from '../changeset/revise';
import { decideEverything } from '../review/bulk';
import { firstChangedLine, viewHunks } from '../changeset/view';
import { fail, ok, type Result } from '../result';
import { intentLine } from '../../shared/readingOrder';
import { reviewOutcome } from '../review/outcome';
import type { ChangesetEntry } from '../review/changesetEntry';
import type { FileTexts, ResolvedFile } from '../review/ports';
import type { Changeset } from '../changeset/types';
import type { ReviewSession } from '../review/reviewSession';
import type { TrustPort } from '../trust';
import { claudeAnswer, type HookAnswer } from './hookAnswers';
import type { HeldWrites } from '../review/heldWrites';
import { parseHookCall, type HookCall } from './hookInput';
import { CLAUDE_SOURCE } from './hookSource';
import { reviewedVerdict, type FixRequest, type HookVerdict, type Landing, type ReviewedHunk } from './hookVerdict';
import { proposedText } from './toolEdits';

const REPLAY_MEMORY = 10_000;
/** How long an allowed agent has to write the accepted text before the file is reviewed as it is. */
const LANDING_MS = 10_000;
const LANDING_POLL_MS = 50;
/** A read of the file this recent (the decision's own, a moment before) shows what the file holds. */
const RECENT_READ_MS = 100;

interface Waiting {
  readonly path: string;
  /** The path as the agent gave it (the answer puts it back into the tool's input). */
  readonly agentPath: string;
  readonly file: ResolvedFile;
  readonly answer: (v: HookVerdict) => void;
  fix?: FixRequest;
}

export interface HookReviewEvents {
  /** An agent started waiting for the review of a changeset. */
  waiting(changesetId: string, path: string): void;
  /** The agent stopped waiting before the review was done (its timeout, killed): the changeset stays. */
  gone(changesetId: string, path: string): void;
  /** Whether an edit's changeset (built and flagged, not open yet) is allowed without a review (`autoAllowable`). */
  autoAllows(changeset: Changeset): boolean;
  /** An edit was allowed without a review; its changeset is open, every hunk accepted. */
  autoAllowed(changesetId: string, path: string): void;
  log(message: string): void;
}

/**
 * A terminal agent's edit as a review: the edit becomes a changeset through the same path every
 * proposal takes (`ReviewSession.propose`: workspace paths, deny list, tripwires, protected paths),
 * and the hook call waits until the user is done with it.
 *
 * Who writes the file: the agent's own tool, with the accepted text. While the agent waits, the
 * file's writes are held (`HeldWrites`): accepts and undos change the held text, not the file;
 * once every hunk is decided the agent is allowed to write exactly that text, and the hold ends
 * when the file holds it. Redline writes the accepted part itself, through the review's one write
 * path, only when the agent cannot: the user has unsaved text in that file (it is folded in, never
 * overwritten; the edit is then not held), or a fix was asked (the agent's edit is refused).
 */
export class HookReviews {
  private readonly waiting = new Map<string, Waiting>();
  private readonly answered = new Set<string>();
  private readonly goneIds = new Set<string>();
  private readonly inFlight = new Set<Promise<unknown>>();
  /** Per file handle: an answered edit whose hold has not ended yet. */
  private readonly landings = new Map<string, Promise<void>>();
  /** Per file handle: wakes the landing check that waits for the agent's write. */
  private readonly pokes = new Map<string, () => void>();
  private readonly subscription: { dispose(): void };

  constructor(
    private readonly session: ReviewSession,
    /** The session's workspace: the same object, so the held writes are the ones the session makes. */
    private readonly workspace: HeldWrites,
    private readonly trust: TrustPort,
    private readonly events: HookReviewEvents,
    private readonly landingMs = LANDING_MS,
  ) {
    this.subscription = session.onDidChange((id) => this.check(id));
  }

  /** Answers one hook call of Claude Code (parsed JSON, unchecked); `gone` aborts when the agent stops waiting. */
  async handle(body: unknown, gone: AbortSignal): Promise<HookAnswer> {
    const call = parseHookCall(body);
    if (!call.ok) return claudeAnswer(this.refuse(call.message), { tool: 'Write', filePath: '', content: '' });
    return claudeAnswer(await this.review(call.value, CLAUDE_SOURCE, gone), call.value.edit);
  }

  /** Reviews one parsed call of a terminal agent (`agent` names it in the changeset's source). */
  async review(call: HookCall, agent: string, gone: AbortSignal): Promise<HookVerdict> {
    if (!this.trust.isTrusted()) return this.refuse('workspace not trusted: Redline reviews no edit in Restricted Mode, and nothing was written');
    if (this.answered.has(call.toolUseId)) return this.refuse(`tool_use_id ${call.toolUseId} was already answered (a replayed call)`);
    this.remember(call.toolUseId);
    // The changeset is visible (and decidable) the moment it is proposed: a fix asked before this
    // call has registered its wait must find it, so those doors wait for this gate first.
    let opened!: () => void;
    const gate = new Promise<void>((resolve) => (opened = resolve));
    this.inFlight.add(gate);
    try {
      const proposed = await this.propose(call, agent);
      if (!proposed.ok) return this.refuse(proposed.message);
      const { entry, file, texts, after } = proposed.value;
      // Held from before the changeset is open, so no accept can reach the file first. Not held
      // when the user has unsaved text in the file: the agent's tool would write behind it.
      const held = texts.current === texts.disk && this.workspace.hold(file, texts.disk);
      if (held && after !== null && this.events.autoAllows(entry.changeset)) {
        const allowed = await this.autoAllow(entry, file, call.edit.filePath, texts.disk, after);
        if (allowed) return allowed;
      }
      const id = this.session.open(entry);
      return this.wait(id, { path: file.path, agentPath: call.edit.filePath, file }, gone);
    } finally {
      this.inFlight.delete(gate);
      opened();
    }
  }

  /** Registers the wait at once (no await before it), then answers when the review is done or the agent goes. */
  private wait(id: string, at: Omit<Waiting, 'answer'>, gone: AbortSignal): Promise<HookVerdict> {
    return new Promise<HookVerdict>((resolve) => {
      const onGone = (): void => {
        if (!this.waiting.delete(id)) return;
        this.goneIds.add(id);
        this.events.log(`the agent stopped waiting for ${id} (${at.path}); the changeset stays reviewable`);
        // What was accepted while held was never written: it is open again, and writing it is the user's choice.
        void this.release(at.file);
        this.events.gone(id, at.path);
        resolve({ kind: 'deny', reason: 'the agent stopped waiting' });
      };
      this.waiting.set(id, {
        ...at,
        answer: (v) => {
          gone.removeEventListener('abort', onGone);
          resolve(v);
        },
      });
      if (gone.aborted) return onGone();
      gone.addEventListener('abort', onGone, { once: true });
      this.events.waiting(id, at.path);
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
      this.workspace.release(w.file);
      w.answer({
        kind: 'deny',
        reason: `Redline closed before the review of ${w.path} was done; nothing was written. The review comes back when the folder is opened again.`,
      });
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

  /** The edit's changeset, built and flagged but not open, from the file as the agent's tool will find it. */
  private async propose(call: HookCall, agent: string): Promise<Result<{ entry: ChangesetEntry; file: ResolvedFile; texts: FileTexts; after: string | null }>> {
    // Checked as written here; the read below checks it in full (symlinks) just before reading.
    const resolved = this.workspace.locate?.(call.edit.filePath) ?? (await this.workspace.resolve(call.edit.filePath));
    if (!resolved.ok) return resolved;
    const file = resolved.value;
    // An edit of a file whose last allowed edit is still landing: the agent wrote it (it moved on).
    this.pokes.get(file.handle)?.();
    await this.landings.get(file.handle);
    if (this.workspace.isHeld(file))
      return fail('E_BUSY', `an earlier edit of ${file.path} still waits for the user's review; propose this one after it is answered`);
    const texts = await this.workspace.read(file);
    if (!texts.ok) return fail(texts.code, `${file.path}: ${texts.message}`);
    // The tool edits the file on disk (what the agent read), not an editor's unsaved text.
    const newText = proposedText(call.edit, texts.value.disk);
    if (!newText.ok) return newText;
    if (newText.value === texts.value.disk) return fail('E_INPUT', `the edit leaves ${file.path} as it is`);
    // One hook call is one edit of one turn: its tool call is the group its hunks are read in.
    const title = `${agent}: ${call.edit.tool} ${file.path}`;
    const entry = await this.session.build(
      {
        title,
        source: `${agent} · ${call.sessionId.slice(0, 8)}`,
        files: [{ path: file.path, newText: newText.value, intent: intentLine(title) }],
      },
      new Map([[file.path, { file, texts: texts.value }]]),
    );
    return entry.ok ? ok({ entry: entry.value, file, texts: texts.value, after: newText.value }) : entry;
  }

  /**
   * An edit the auto-allow globs cover, with no flag: the agent is allowed at once, and its
   * changeset is recorded right after the answer is on its way, every hunk accepted. The held text
   * is the accepted one, so nothing is written a second time, and the hold ends when the agent's
   * write lands. Undefined when the accept would not give the agent's text: then it is reviewed.
   */
  private async autoAllow(
    entry: ChangesetEntry,
    file: ResolvedFile,
    agentPath: string,
    before: string | null,
    after: string,
  ): Promise<HookVerdict | undefined> {
    const accepted = decideEverything(entry.changeset, entry, 'accept');
    const decided = accepted.ok ? accepted.value.files[0] : undefined;
    if (!accepted.ok || !decided || decided.hunks.some((h) => h.state !== 'accepted') || decidedText(decided) !== after) return undefined;
    const write =
      before === null ? { kind: 'create' as const, text: after } : { kind: 'edit' as const, edits: [wholeTextEdit(before, after)], expected: before };
    const heldText = await this.workspace.write([{ file, write }]);
    if (!heldText.ok) return undefined;
    const recorded = new Promise((resolve) => setTimeout(resolve, 0)).then(async () => {
      const id = this.session.open({ ...entry, changeset: accepted.value });
      this.events.autoAllowed(id, file.path);
      this.events.log(`auto-allowed ${file.path} (${id}): it matches redline.terminalAgents.autoAllow`);
      await this.awaitLanding(file, after);
    });
    this.track(file, recorded);
    return { kind: 'allow', path: agentPath, before, after };
  }

  private check(id: string): void {
    const waiting = this.waiting.get(id);
    const entry = this.session.get(id);
    if (!waiting || !entry || reviewOutcome(entry.changeset) === undefined) return;
    this.waiting.delete(id);
    const file = entry.changeset.files[0];
    const hunks: ReviewedHunk[] = file
      ? viewHunks(file, { emphasis: false }).map((v) => {
          const edited = v.record.edited && hunkRegion(entry.changeset, v.record.id);
          return {
            state: v.record.state,
            line: firstChangedLine(v),
            ...(v.record.reason ? { reason: v.record.reason } : {}),
            ...(v.record.edited && edited?.ok ? { edited: { proposed: v.record.edited.proposed, text: edited.value.newText } } : {}),
          };
        })
      : [];
    const answered = this.land(waiting).then(async (landing) => {
      const verdict = reviewedVerdict({ path: waiting.agentPath, hunks, landing, ...(waiting.fix ? { fix: waiting.fix } : {}) });
      this.events.log(`answered the agent for ${id} (${waiting.path}): ${verdict.kind}`);
      if (verdict.kind !== 'allow') {
        await this.release(waiting.file);
        return waiting.answer(verdict);
      }
      waiting.answer(verdict);
      await this.awaitLanding(waiting.file, verdict.after);
    });
    this.track(waiting.file, answered);
  }

  /** The agent's next edit of this file (often right after its write) waits for the hold to end. */
  private track(file: ResolvedFile, landing: Promise<void>): void {
    const key = file.handle;
    const done = landing.finally(() => {
      if (this.landings.get(key) === done) this.landings.delete(key);
    });
    this.landings.set(key, done);
  }

  /**
   * Who writes the accepted text. Held and no fix asked: the agent, if the file is still what its
   * tool read and the user has no unsaved text in it. A fix asked: Redline writes the accepted part
   * now, since the agent's edit is refused. A file changed meanwhile: nobody; the hold ends and the
   * accepted hunks are open again, against the file as it is.
   */
  private async land(w: Waiting): Promise<Landing> {
    const held = this.workspace.heldTexts(w.file);
    if (!held) return { by: 'redline' };
    const recent = this.workspace.recentlyRead(w.file, RECENT_READ_MS);
    const real = recent ? ok(recent) : await this.workspace.readThrough(w.file);
    const unchanged = real.ok && real.value.disk === held.base && real.value.current === held.base;
    if (!unchanged) return { by: 'nobody', why: `${w.path} changed while the user reviewed this edit, so Redline kept the review open` };
    if (w.fix === undefined) return held.text === null ? { by: 'redline' } : { by: 'agent', before: held.base, after: held.text };
    if (held.text === held.base) return { by: 'redline' };
    const write =
      held.base === null
        ? { kind: 'create' as const, text: held.text ?? '' }
        : held.text === null
          ? { kind: 'delete' as const }
          : { kind: 'edit' as const, edits: textEdits(held.base, held.text), expected: held.base };
    this.workspace.release(w.file);
    const written = await this.workspace.write([{ file: w.file, write }]);
    if (written.ok) return { by: 'redline' };
    this.events.log(`the accepted part of ${w.path} could not be written: ${written.message}`);
    return { by: 'nobody', why: `the accepted part could not be written (${written.message})` };
  }

  /** Ends the hold once the file holds what the agent was allowed to write, or after `landingMs` anyway. */
  private async awaitLanding(file: ResolvedFile, after: string): Promise<void> {
    for (let waited = 0; waited < this.landingMs; waited += LANDING_POLL_MS) {
      const real = await this.workspace.readThrough(file);
      if (real.ok && real.value.disk === after && real.value.current === after) return this.release(file, 'landed');
      // The agent's next call for this file means its write is done: look again at once.
      await new Promise<void>((resolve) => {
        const wake = (): void => {
          clearTimeout(timer);
          if (this.pokes.get(file.handle) === wake) this.pokes.delete(file.handle);
          resolve();
        };
        const timer = setTimeout(wake, LANDING_POLL_MS);
        this.pokes.set(file.handle, wake);
      });
    }
    this.events.log(`${file.path} does not hold the text the agent was allowed to write; its review goes on against the file as it is`);
    return this.release(file);
  }

  /**
   * Ends the hold of `file` and has the session review it against its real text again. Unless the
   * file got the held text, the held accepts are taken back first, the way an Undo in the editor
   * takes back an accept: those hunks are then open again, not decided on text the file lacks.
   */
  private async release(file: ResolvedFile, landed?: 'landed'): Promise<void> {
    if (!this.workspace.isHeld(file)) return;
    if (landed === undefined) {
      this.workspace.revert(file);
      await this.session.syncFile(file.path);
    }
    this.workspace.release(file);
    await this.session.syncFile(file.path);
  }

  private refuse(reason: string): HookVerdict {
    this.events.log(`hook call refused: ${reason}`);
    return { kind: 'deny', reason: `Redline refused this edit: ${reason}. Nothing was written.` };
  }

  private remember(toolUseId: string): void {
    this.answered.add(toolUseId);
    if (this.answered.size > REPLAY_MEMORY) {
      const oldest = this.answered.values().next().value;
      if (oldest !== undefined) this.answered.delete(oldest);
    }
  }
}
