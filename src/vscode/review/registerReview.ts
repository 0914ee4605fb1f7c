import * as vscode from 'vscode';
import type { LineDiffPort } from '../../core/diff/lineDiffPort';
import type { MovedCodePort } from '../../core/diff/movedCodePort';
import type { RunService } from '../../core/runs/runService';
import { viewHunks } from '../../core/changeset/view';
import type { FlagRules } from '../../core/review/flags';
import { HeldWrites } from '../../core/review/heldWrites';
import { ReviewSession } from '../../core/review/reviewSession';
import { registerCommands, type Command } from '../commands/command';
import type { Logger } from '../log';
import type { WorkspacePaths } from '../workspacePaths';
import { workspaceTrust } from '../workspaceTrust';
import { reviewHeader } from '../../core/runs/reviewHeader';
import type { AgentState } from '../../core/terminalAgents/agentActivity';
import { REVIEW_VIEW_TYPE } from './reviewPanel';
import { pickChangeset, ReviewPanels } from './reviewPanels';
import { VsCodeReviewWorkspace } from './reviewWorkspace';
import { AcceptSaves } from './acceptSaves';
import { ChangesetStore } from './changesetStore';
import { ReviewPanelSerializer } from './reviewPanelSerializer';

export interface ReviewServices {
  readonly session: ReviewSession;
  /** The session's workspace: Review Patch reads the files a patch applies to through its path policy. */
  readonly workspace: VsCodeReviewWorkspace;
  /** The same workspace as the session sees it: a terminal agent's waiting edit holds its writes here. */
  readonly held: HeldWrites;
  readonly panels: ReviewPanels;
  /** Resolves once the stored changesets are back in the session. */
  readonly restored: Promise<void>;
}

/** Builds the review session and its panels and registers the review commands. */
export function registerReview(
  context: vscode.ExtensionContext,
  deps: {
    paths: WorkspacePaths;
    log: Logger;
    runs: () => RunService | undefined;
    rules: FlagRules;
    lineDiff: LineDiffPort;
    movedCode: MovedCodePort;
    /** Whether a terminal agent still waits for a changeset, or stopped waiting (the header says so). */
    agentState?: (changesetId: string) => AgentState | undefined;
  },
): ReviewServices {
  const saves = new AcceptSaves();
  const workspace = new VsCodeReviewWorkspace(deps.paths, saves);
  const held = new HeldWrites(workspace);
  const session = new ReviewSession(held, workspaceTrust, deps.rules, undefined, deps.lineDiff);
  // Reviews of earlier windows come back in the background; activation itself reads no file.
  const store = new ChangesetStore(context.storageUri, session, deps.log);
  const restored = store.restore();
  const panels = new ReviewPanels({
    extensionUri: context.extensionUri,
    session,
    log: deps.log,
    memento: context.workspaceState,
    header: reviewHeader(session, deps.runs, deps.agentState),
    requestFix: async (id, hunkId, comment) => {
      const runs = deps.runs();
      if (!runs) return { ok: false, code: 'E_NO_AGENT', message: 'the agent is not available in this window' };
      return runs.requestFix(id, hunkId, comment);
    },
    openHunk: (id, hunkId) => openHunk(session, id, hunkId),
    movedCode: deps.movedCode,
  });

  const openReview: Command = {
    id: 'redline.openReview',
    execute: async (arg?: unknown) => {
      // Right after a reload the stored changesets are still coming back: the one asked for may
      // not be here yet, and another (an older plan revision) must not be opened in its place.
      await restored;
      if (typeof arg === 'string' && session.get(arg) === undefined) {
        void vscode.window.showInformationMessage('Redline: that changeset is no longer here to review.');
        return undefined;
      }
      const id = pickChangeset(session, arg);
      if (!id) {
        void vscode.window.showInformationMessage('Redline: there is no changeset to review yet.');
        return undefined;
      }
      await panels.open(id);
      return id;
    },
  };

  // The user typed in a file under review: fold it in soon, so stale hunks show as stale.
  const pending = new Map<string, NodeJS.Timeout>();
  const onEdit = vscode.workspace.onDidChangeTextDocument((e) => {
    if (e.contentChanges.length === 0) return;
    const path = vscode.workspace.asRelativePath(e.document.uri, (vscode.workspace.workspaceFolders?.length ?? 0) > 1);
    if (!session.ids().some((id) => session.get(id)?.files.has(path))) return;
    clearTimeout(pending.get(path));
    pending.set(
      path,
      setTimeout(() => {
        pending.delete(path);
        void session.syncFile(path);
      }, 300),
    );
  });

  context.subscriptions.push(
    panels,
    saves,
    onEdit,
    { dispose: () => pending.forEach((t) => clearTimeout(t)) },
    registerCommands([openReview]),
    store,
    vscode.window.registerWebviewPanelSerializer(REVIEW_VIEW_TYPE, new ReviewPanelSerializer(session, panels, restored, context.workspaceState, deps.log)),
  );
  return { session, workspace, held, panels, restored };
}

/** Opens a hunk's file at the hunk: its line in the document as decided ('old'), or in the proposal ('new'). */
export async function openHunk(session: ReviewSession, changesetId: string, hunkId: string, side: 'old' | 'new' = 'old'): Promise<void> {
  const entry = session.get(changesetId);
  const file = entry?.changeset.files.find((f) => f.hunks.some((h) => h.id === hunkId));
  const handle = file && entry?.files.get(file.path);
  if (!file || !handle) return;
  const view = viewHunks(file, { emphasis: false }).find((v) => v.id === hunkId);
  const line = Math.max(0, ((side === 'new' ? view?.newStart : view?.oldStart) ?? 1) - 1);
  const uri = vscode.Uri.file(handle.handle);
  // Beside the Review panel, so the review stays in view; where the file is shown already, there.
  const shown = vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === uri.toString());
  const editor = await vscode.window.showTextDocument(uri, { preview: false, viewColumn: shown?.viewColumn ?? vscode.ViewColumn.Beside });
  const position = new vscode.Position(line, 0);
  editor.selection = new vscode.Selection(position, position);
  editor.revealRange(new vscode.Range(position, position), vscode.TextEditorRevealType.InCenter);
}
