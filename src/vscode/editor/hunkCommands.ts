import * as vscode from 'vscode';
import { locateHunk } from '../../core/changeset/locate';
import { hunkAtLine } from '../../core/review/editorHunks';
import type { ReviewSession } from '../../core/review/reviewSession';
import type { Command } from '../commands/command';
import { failureText } from '../../core/trust';
import type { DocumentHunks } from './documentHunks';
import { linklessText } from '../untrustedText';

/** A hunk named by serializable ids, as a CodeLens, a tree item or a keybinding passes it. */
export interface HunkTarget {
  readonly changesetId: string;
  readonly hunkId: string;
}

export interface HunkCommandDeps {
  readonly session: ReviewSession;
  readonly hunks: DocumentHunks;
  /** Opens the fix comment thread at the hunk; resolves to the thread. */
  readonly askFix: (target: HunkTarget) => Promise<vscode.CommentThread | undefined>;
  /** Opens the Review panel of the changeset with the hunk in focus. */
  readonly review: (target: HunkTarget) => void;
}

/**
 * The hunk a command means: `(changesetId, hunkId)` from a lens, a `{ changesetId, hunkId }` tree
 * node, or, from the palette or a keybinding, the hunk under the cursor (merge-conflict's
 * `accept()`). A named hunk must exist; the message says why not.
 */
export function hunkTarget(deps: Pick<HunkCommandDeps, 'session' | 'hunks'>, args: readonly unknown[]): { target: HunkTarget } | { problem: string } {
  const [first, second] = args;
  let named: HunkTarget | undefined;
  if (typeof first === 'string' && typeof second === 'string') named = { changesetId: first, hunkId: second };
  else if (
    typeof first === 'object' &&
    first !== null &&
    'changesetId' in first &&
    'hunkId' in first &&
    typeof first.changesetId === 'string' &&
    typeof first.hunkId === 'string'
  ) {
    named = { changesetId: first.changesetId, hunkId: first.hunkId };
  }
  if (named) {
    const entry = deps.session.get(named.changesetId);
    if (!entry) return { problem: 'that changeset is no longer open in this window.' };
    // The id may be one the editor computed ahead of the session (typing not folded in yet):
    // the decision folds the typing in first and then finds it.
    return { target: named };
  }
  const editor = vscode.window.activeTextEditor;
  const hunk = editor ? hunkAtLine(deps.hunks.hunks(editor.document), editor.selection.active.line) : undefined;
  if (!hunk) return { problem: 'there is no pending hunk under the cursor.' };
  return { target: { changesetId: hunk.changesetId, hunkId: hunk.id } };
}

function resolve(deps: HunkCommandDeps, args: readonly unknown[]): HunkTarget | undefined {
  const found = hunkTarget(deps, args);
  if ('problem' in found) {
    void vscode.window.showInformationMessage(`Redline: ${found.problem}`);
    return undefined;
  }
  return found.target;
}

/**
 * The session folds in the document's unsaved text first; a refusal (stale, say, or Restricted
 * Mode, which the session's write port refuses) is shown.
 */
async function decide(session: ReviewSession, target: HunkTarget, decision: 'accept' | 'reject', reason?: string): Promise<boolean> {
  const done = await session.decide(target.changesetId, target.hunkId, decision, reason);
  if (!done.ok) void vscode.window.showErrorMessage(linklessText(failureText(done)));
  return done.ok;
}

export class AcceptHunkCommand implements Command {
  readonly id = 'redline.acceptHunk';
  constructor(private readonly deps: HunkCommandDeps) {}

  /** Resolves true when the hunk was accepted (written as one WorkspaceEdit, one undo step). */
  async execute(...args: unknown[]): Promise<boolean> {
    const target = resolve(this.deps, args);
    if (!target) return false;
    return decide(this.deps.session, target, 'accept');
  }
}

export class RejectHunkCommand implements Command {
  readonly id = 'redline.rejectHunk';
  constructor(private readonly deps: HunkCommandDeps) {}

  /** Asks for an optional reason (sent to the agent); Escape cancels. Resolves true when rejected. */
  async execute(...args: unknown[]): Promise<boolean> {
    const target = resolve(this.deps, args);
    if (!target) return false;
    const reason = await vscode.window.showInputBox({
      title: 'Redline: Reject Hunk',
      prompt: 'Why reject it? Optional; the agent reads the reason. Escape cancels.',
      ignoreFocusOut: true,
    });
    if (reason === undefined) return false;
    return decide(this.deps.session, target, 'reject', reason.trim() || undefined);
  }
}

export class AskFixCommand implements Command {
  readonly id = 'redline.askFix';
  constructor(private readonly deps: HunkCommandDeps) {}

  /** Opens a comment thread at the hunk; the comment submitted there is the fix request. */
  async execute(...args: unknown[]): Promise<vscode.CommentThread | undefined> {
    const target = resolve(this.deps, args);
    if (!target) return undefined;
    const changeset = this.deps.session.get(target.changesetId)?.changeset;
    const hunk = changeset ? locateHunk(changeset, target.hunkId) : undefined;
    if (hunk?.ok && hunk.value.hunk.state !== 'pending' && hunk.value.hunk.state !== 'stale') {
      void vscode.window.showInformationMessage(`Redline: that hunk is already ${hunk.value.hunk.state}.`);
      return undefined;
    }
    return this.deps.askFix(target);
  }
}

export class ReviewHunkCommand implements Command {
  readonly id = 'redline.reviewHunk';
  constructor(private readonly deps: HunkCommandDeps) {}

  execute(...args: unknown[]): string | undefined {
    const target = resolve(this.deps, args);
    if (!target) return undefined;
    this.deps.review(target);
    return target.hunkId;
  }
}
