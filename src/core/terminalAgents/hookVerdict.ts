import { editDiff, type HunkEdit } from '../changeset/edit';

/**
 * What a reviewed edit comes to, for any agent; each agent's formatter turns it into that agent's
 * hook answer (Claude Code: `hookAnswers.ts`).
 * - allow: the agent's own tool writes `after` instead of its proposal (`before` is the file's
 *   text the tool starts from, null for a new file), and the model reads `note` after the result;
 * - deny: the agent writes nothing, the model reads `reason`;
 * - ask: the agent's own permission prompt decides (no window serves the folder, by the user's setting).
 */
export type HookVerdict =
  | { readonly kind: 'allow'; readonly path: string; readonly before: string | null; readonly after: string; readonly note?: string }
  | { readonly kind: 'deny'; readonly reason: string }
  | { readonly kind: 'ask'; readonly reason: string };

/** One hunk of the reviewed edit, in file order. */
export interface ReviewedHunk {
  readonly state: 'pending' | 'accepted' | 'rejected' | 'stale';
  /** 1-based line of the hunk's first changed line, in the file before the edit. */
  readonly line: number;
  readonly reason?: string;
  /** Accepted with the user's edits: the hunk's lines as the agent proposed them and as the user wrote them. */
  readonly edited?: HunkEdit;
}

/** A fix request that sent the edit back: the user's comment on one hunk (0-based index). */
export interface FixRequest {
  readonly hunk: number;
  readonly comment: string;
}

/** How the accepted text reaches the file: the agent's tool writes it, or Redline already did. */
export type Landing =
  | { readonly by: 'agent'; readonly before: string | null; readonly after: string }
  | { readonly by: 'redline' }
  | { readonly by: 'nobody'; readonly why: string };

export interface Reviewed {
  /** The path as the agent gave it: the formatters put it back into the tool's input. */
  readonly path: string;
  readonly hunks: readonly ReviewedHunk[];
  readonly fix?: FixRequest;
  readonly landing: Landing;
}

/**
 * The verdict once the user is done with the edit (every hunk decided, the decisions sent, or a
 * fix asked). Normally the accepted text is held until now and the agent's tool writes it (allow);
 * when Redline wrote it itself (the user had unsaved text in that file, or a fix was asked), the
 * agent's write is refused with a reason that says plainly what landed, so the model does not
 * apply it again.
 */
export function reviewedVerdict({ path, hunks, fix, landing }: Reviewed): HookVerdict {
  const accepted = hunks.flatMap((h, i) => (h.state === 'accepted' ? [label(hunks, i)] : []));
  const rejected = hunks.flatMap((h, i) =>
    h.state === 'rejected' && i !== fix?.hunk ? [`${label(hunks, i)}${h.reason ? `: ${oneLine(h.reason)}` : ''}`] : [],
  );
  const rejectedLine = rejected.length > 0 ? [`Rejected: ${rejected.join('; ')}.`] : [];
  const edits = hunks.flatMap((h, i) =>
    h.state === 'accepted' && h.edited ? [`${label(hunks, i)}, your proposal (-) and what the user accepted (+):\n${editDiff(h.edited)}`] : [],
  );
  const editedLine =
    edits.length > 0
      ? [
          `The user edited ${edits.length === 1 ? 'a hunk' : 'hunks'} before accepting; the file holds the user's version. Keep it (do not change it back):\n${edits.join('\n')}`,
        ]
      : [];
  if (fix !== undefined) {
    const landed =
      landing.by === 'redline' && accepted.length > 0
        ? `Redline already wrote the accepted part to the file (${accepted.join(', ')}); read ${path} again before you propose.`
        : `Nothing was written to ${path}.`;
    const ask = `The user asks: ${oneLine(fix.comment)} (about ${label(hunks, fix.hunk)} of your edit of ${path}). Propose the edit again with that change.`;
    return deny([ask, landed, ...rejectedLine]);
  }
  if (landing.by === 'nobody') return deny([`${landing.why}; nothing was written to ${path}.`, ...rejectedLine]);
  if (accepted.length === 0) return deny([`The user rejected this edit in Redline; nothing was written to ${path}.`, ...rejectedLine]);
  if (landing.by === 'redline') {
    return deny([
      `Not an error: the user reviewed this edit in Redline, and Redline wrote the accepted ${accepted.length === hunks.length ? 'edit' : 'part'} to ${path} itself. Do not apply it again; read ${path} before you edit it next.`,
      `Accepted: ${accepted.join(', ')}.`,
      ...rejectedLine,
      ...editedLine,
    ]);
  }
  if (accepted.length === hunks.length && edits.length === 0) return { kind: 'allow', path, before: landing.before, after: landing.after };
  const note = [
    accepted.length === hunks.length
      ? `The user reviewed this edit in Redline and accepted it with changes of their own. Read ${path} before you edit it next.`
      : `The user reviewed this edit in Redline and accepted only part of it: ${path} now holds ${accepted.join(', ')}, and not the rest. Read ${path} before you edit it next.`,
    ...rejectedLine,
    ...editedLine,
  ].join('\n');
  return { kind: 'allow', path, before: landing.before, after: landing.after, note };
}

function deny(lines: readonly string[]): HookVerdict {
  return { kind: 'deny', reason: lines.join('\n') };
}

function label(hunks: readonly ReviewedHunk[], i: number): string {
  const h = hunks[i];
  return `hunk ${i + 1} of ${hunks.length}${h ? ` (line ${h.line})` : ''}`;
}

function oneLine(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > 2_000 ? `${flat.slice(0, 2_000)}…` : flat;
}
