import { editDiff } from '../changeset/edit';
import { hunkRegion } from '../changeset/revise';
import { apiSnapshot, publicState, snapshotChangeset } from '../changeset/snapshot';
import type { HunkState } from '../../shared/api';
import { firstChangedLine, viewHunks } from '../changeset/view';
import { fail, ok, type Result } from '../result';
import { intentLine } from '../../shared/readingOrder';
import { reviewOutcome } from '../review/outcome';
import type { ReviewWorkspace } from '../review/ports';
import type { ReviewSession } from '../review/reviewSession';
import type { TrustPort } from '../trust';
import type { ProposeArgs } from './mcpTools';
import { proposedText } from './toolEdits';

/** One hunk's decision as an MCP client reads it back. */
export interface HunkDecision {
  readonly file: string;
  /** 1-based, in file order. */
  readonly hunk: number;
  /** 1-based line of the hunk's first changed line in the file before the change. */
  readonly line: number;
  /** 'modified': accepted with the user's edits (`edited` shows them). */
  readonly state: HunkState;
  readonly reason?: string;
  /** A 'modified' hunk's lines as proposed (-) and as the user accepted them (+), a unified diff. */
  readonly edited?: string;
}

export interface DecisionReport {
  readonly changesetId: string;
  readonly title: string;
  /** Every hunk is accepted or rejected. */
  readonly done: boolean;
  readonly hunks: readonly HunkDecision[];
}

/** The MCP client a proposal comes from: `clientInfo` of its initialize request, and its session. */
export interface McpCaller {
  readonly client: string;
  readonly session: string;
}

/** The prefix of an MCP changeset's `source`: `mcp:<client> · <session>`. */
export const MCP_SOURCE = 'mcp';
/** How a rejection made by *Ask fix* starts: the rest is the user's comment. */
const FIX_PREFIX = 'the user asks: ';

/**
 * What the MCP tools do, on the same review session as every other proposal: a proposal goes
 * through `ReviewSession.propose` (workspace paths, deny list, size and binary checks, tripwires,
 * protected paths), and decisions are read back from the changeset. Redline writes the accepted
 * hunks itself, as the user decides them; the client only learns what happened.
 */
export class McpReviews {
  constructor(
    private readonly session: ReviewSession,
    private readonly workspace: ReviewWorkspace,
    private readonly trust: TrustPort,
  ) {}

  async propose(args: ProposeArgs, caller: McpCaller): Promise<Result<{ changesetId: string; files: { path: string; hunks: number }[] }>> {
    if (!this.trust.isTrusted()) return fail('E_UNTRUSTED', 'workspace not trusted: Redline reviews no change in Restricted Mode');
    const files: { path: string; newText: string }[] = [];
    for (const file of args.files) {
      const resolved = await this.workspace.resolve(file.path);
      if (!resolved.ok) return fail(resolved.code, `${file.path}: ${resolved.message}`);
      const path = resolved.value.path;
      let newText: string;
      if ('newText' in file) newText = file.newText;
      else {
        const texts = await this.workspace.read(resolved.value);
        if (!texts.ok) return fail(texts.code, `${path}: ${texts.message}`);
        // Edits apply to the file on disk (what the agent read), not to an editor's unsaved text.
        const next = proposedText({ tool: 'MultiEdit', filePath: path, edits: file.edits }, texts.value.disk);
        if (!next.ok) return next;
        newText = next.value;
      }
      files.push({ path, newText });
    }
    const title = args.title ?? `${caller.client}: ${files.map((f) => f.path).join(', ')}`;
    // One call is one group of the reading order, named by its title.
    const intent = intentLine(title);
    const id = await this.session.propose({
      title: title.slice(0, 500),
      source: `${MCP_SOURCE}:${caller.client} · ${caller.session.slice(0, 8)}`,
      files: files.map((f) => ({ ...f, intent })),
    });
    if (!id.ok) return id;
    const snapshot = this.session.get(id.value);
    const counts = (snapshot ? snapshotChangeset(snapshot.changeset).files : []).map((f) => ({ path: f.path, hunks: f.hunks.length }));
    return ok({ changesetId: id.value, files: counts });
  }

  /** The decisions once every hunk is decided, or what they are when `timeoutMs` passes or `cancel` aborts. */
  wait(changesetId: string, timeoutMs: number, cancel: AbortSignal): Promise<Result<DecisionReport>> {
    const first = this.report(changesetId);
    if (!first.ok || first.value.done || timeoutMs === 0 || cancel.aborted) return Promise.resolve(first);
    return new Promise((resolve) => {
      const finish = (): void => {
        clearTimeout(timer);
        subscription.dispose();
        cancel.removeEventListener('abort', finish);
        resolve(this.report(changesetId));
      };
      const timer = setTimeout(finish, timeoutMs);
      const subscription = this.session.onDidChange((id) => {
        if (id !== changesetId) return;
        const now = this.report(changesetId);
        if (!now.ok || now.value.done) finish();
      });
      cancel.addEventListener('abort', finish, { once: true });
    });
  }

  /**
   * *Ask fix* on a hunk of an MCP client's changeset: the client cannot be called back, so the hunk
   * is rejected with the user's comment as its reason, which the client reads in
   * `wait_for_decisions` (and proposes that hunk again with the change).
   */
  async askFix(changesetId: string, hunkId: string, comment: string): Promise<Result<void>> {
    if (!this.session.get(changesetId)) return fail('E_UNKNOWN_CHANGESET', `no changeset '${changesetId}' in this window`);
    return this.session.decide(changesetId, hunkId, 'reject', `${FIX_PREFIX}${comment}`);
  }

  /** Each hunk's state and reason, in file order. */
  report(changesetId: string): Result<DecisionReport> {
    const entry = this.session.get(changesetId);
    if (!entry) return fail('E_UNKNOWN_CHANGESET', `no changeset '${changesetId}' in this window`);
    const snapshot = snapshotChangeset(entry.changeset);
    const hunks = entry.changeset.files.flatMap((file) =>
      viewHunks(file, { emphasis: false }).map((v, j): HunkDecision => {
        const reason = v.record.state === 'stale' ? v.record.staleReason : v.record.reason;
        const region = v.record.edited && hunkRegion(entry.changeset, v.record.id);
        const edited = v.record.edited && region?.ok ? editDiff({ proposed: v.record.edited.proposed, text: region.value.newText }) : undefined;
        return {
          file: file.path,
          hunk: j + 1,
          line: firstChangedLine(v),
          state: publicState(v.record),
          ...(reason ? { reason } : {}),
          ...(edited ? { edited } : {}),
        };
      }),
    );
    return ok({ changesetId, title: snapshot.title, done: reviewOutcome(entry.changeset) !== undefined, hunks });
  }

  /** Every changeset in this window, with how many hunks are in each state. */
  list(): { changesetId: string; title: string; source: string; counts: Record<HunkDecision['state'], number> }[] {
    return this.session.ids().flatMap((id) => {
      const entry = this.session.get(id);
      if (!entry) return [];
      const counts = { pending: 0, accepted: 0, modified: 0, rejected: 0, stale: 0 };
      for (const f of apiSnapshot(entry.changeset).files) for (const h of f.hunks) counts[h.state] += 1;
      return [{ changesetId: id, title: entry.changeset.title, source: entry.changeset.source, counts }];
    });
  }
}

/** The text the model reads: a line of what to do next, then the report as JSON. */
export function reportText(report: DecisionReport): string {
  const pending = report.hunks.filter((h) => h.state === 'pending' || h.state === 'stale');
  const head = report.done
    ? 'Every hunk is decided. Redline has written the accepted hunks to the files; do not write them again, and read the files before you edit them next.'
    : `${pending.length} of ${report.hunks.length} hunks still wait for the user (${pending.map((h) => `${h.file} hunk ${h.hunk}`).join(', ')}); call wait_for_decisions again to keep waiting.`;
  const fixes = report.hunks.filter((h) => h.state === 'rejected' && h.reason?.startsWith(FIX_PREFIX));
  const ask =
    fixes.length > 0
      ? ` The user asks for a fix of ${fixes.map((h) => `${h.file} hunk ${h.hunk}`).join(', ')} (the reason says what): propose those changes again, with propose_changes, against the files as they are now.`
      : '';
  return `${head}${ask}\n${JSON.stringify(report, null, 2)}`;
}
