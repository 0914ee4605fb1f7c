/**
 * What the hook prints for Claude Code (recipes/agent-clis.md, "Answers"). Redline writes the
 * accepted hunks itself, through the review's one write path, as each is decided; so the answer
 * to a reviewed edit is always a denial of the agent's own write, whose reason tells the model
 * what landed and what did not (see `reviewedAnswer`).
 */
export interface HookAnswer {
  readonly hookSpecificOutput: {
    readonly hookEventName: 'PreToolUse';
    readonly permissionDecision: 'allow' | 'deny' | 'ask';
    readonly permissionDecisionReason?: string;
  };
}

export function denyAnswer(reason: string): HookAnswer {
  return { hookSpecificOutput: { hookEventName: 'PreToolUse', permissionDecision: 'deny', permissionDecisionReason: reason } };
}

/** Lets the agent's own permission prompt decide (the user's setting when no window serves the folder). */
export function askAnswer(reason: string): HookAnswer {
  return { hookSpecificOutput: { hookEventName: 'PreToolUse', permissionDecision: 'ask', permissionDecisionReason: reason } };
}

/** One hunk of the reviewed edit, in file order. */
export interface ReviewedHunk {
  readonly state: 'pending' | 'accepted' | 'rejected' | 'stale';
  /** 1-based first line of the hunk in the file before the edit. */
  readonly line: number;
  readonly reason?: string;
}

/** A fix request that sent the edit back: the user's comment on one hunk (0-based index). */
export interface FixRequest {
  readonly hunk: number;
  readonly comment: string;
}

/**
 * The answer once the user is done with the edit (every hunk decided, the decisions sent, or a fix
 * asked). Why a denial even when everything was accepted: the review has already written the
 * accepted text through its own path (one undo step per decision, the user's unsaved text folded
 * in, stale hunks never applied); letting the tool write as well would apply the edit twice, and
 * an `old_string` that still occurs after the edit would land again. The reason says so plainly,
 * so the model does not retry what landed.
 */
export function reviewedAnswer(path: string, hunks: readonly ReviewedHunk[], fix?: FixRequest): HookAnswer {
  const accepted = hunks.flatMap((h, i) => (h.state === 'accepted' ? [label(hunks, i)] : []));
  const rejected = hunks.flatMap((h, i) =>
    h.state === 'rejected' && i !== fix?.hunk ? [`${label(hunks, i)}${h.reason ? `: ${oneLine(h.reason)}` : ''}`] : [],
  );
  const lines: string[] = [];
  if (fix !== undefined) {
    lines.push(`The user asks: ${oneLine(fix.comment)} (about ${label(hunks, fix.hunk)} of your edit of ${path}). Propose the edit again with that change.`);
    if (accepted.length > 0) lines.push(`Redline already wrote the accepted part to the file (${accepted.join(', ')}); read ${path} again before you propose.`);
    else lines.push(`Nothing was written to ${path}.`);
  } else if (accepted.length === 0) {
    lines.push(`The user rejected this edit in Redline; nothing was written to ${path}.`);
  } else {
    lines.push(
      `Not an error: the user reviewed this edit in Redline, and Redline wrote the accepted ${accepted.length === hunks.length ? 'edit' : 'part'} to ${path} itself. Do not apply it again; read ${path} before you edit it next.`,
    );
    lines.push(`Accepted: ${accepted.join(', ')}.`);
  }
  if (rejected.length > 0) lines.push(`Rejected: ${rejected.join('; ')}.`);
  return denyAnswer(lines.join('\n'));
}

function label(hunks: readonly ReviewedHunk[], i: number): string {
  const h = hunks[i];
  return `hunk ${i + 1} of ${hunks.length}${h ? ` (line ${h.line})` : ''}`;
}

function oneLine(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > 2_000 ? `${flat.slice(0, 2_000)}…` : flat;
}
