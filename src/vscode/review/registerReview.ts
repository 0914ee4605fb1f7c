import { join } from 'node:path';
import * as vscode from 'vscode';
import { LazyWorkerLineDiff } from '../../node/lazyLineDiff';
import type { RunService } from '../agent/runService';
import { viewHunks } from '../../core/changeset/view';
import { ReviewSession } from '../../core/review/reviewSession';
import { registerCommands, type Command } from '../commands/command';
import type { Logger } from '../log';
import type { WorkspacePaths } from '../workspacePaths';
import { REVIEW_VIEW_TYPE } from './reviewPanel';
import { pickChangeset, ReviewPanels } from './reviewPanels';
import { VsCodeReviewWorkspace } from './reviewWorkspace';

export interface ReviewServices {
  readonly session: ReviewSession;
  readonly panels: ReviewPanels;
}

/** Builds the review session and its panels and registers the review commands. */
export function registerReview(context: vscode.ExtensionContext, deps: { paths: WorkspacePaths; log: Logger; runs: () => RunService | undefined }): ReviewServices {
  // Large proposals are diffed in a worker (started on the first one), never on the host's thread.
  const lineDiff = new LazyWorkerLineDiff(join(context.extensionPath, 'dist', 'diffWorker.js'));
  const session = new ReviewSession(new VsCodeReviewWorkspace(deps.paths), undefined, lineDiff);
  const panels = new ReviewPanels({
    extensionUri: context.extensionUri,
    session,
    log: deps.log,
    memento: context.workspaceState,
    header: (id) => {
      const entry = session.get(id);
      const runs = deps.runs();
      const run = entry?.runId ? runs?.get(entry.runId) : undefined;
      const summary = entry?.runId ? runs?.summary(entry.runId) : undefined;
      return {
        title: entry?.changeset.title ?? '',
        source: entry?.changeset.source ?? '',
        ...(summary ? { summary } : {}),
        ...(run ? { costUsd: run.usage.costUsd } : {}),
        claimMismatches: [],
      };
    },
    requestFix: async (id, hunkId, comment) => {
      const runs = deps.runs();
      if (!runs) return { ok: false, code: 'E_NO_AGENT', message: 'the agent is not available in this window' };
      return runs.requestFix(id, hunkId, comment);
    },
    openHunk: (id, hunkId) => openHunk(session, id, hunkId),
  });

  const openReview: Command = {
    id: 'redline.openReview',
    execute: (arg?: unknown) => {
      const id = pickChangeset(session, arg);
      if (!id) {
        void vscode.window.showInformationMessage('Redline: there is no changeset to review yet.');
        return undefined;
      }
      panels.open(id);
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
    pending.set(path, setTimeout(() => {
      pending.delete(path);
      void session.syncFile(path);
    }, 300));
  });

  context.subscriptions.push(
    lineDiff,
    panels,
    onEdit,
    { dispose: () => pending.forEach((t) => clearTimeout(t)) },
    registerCommands([openReview]),
    vscode.window.registerWebviewPanelSerializer(REVIEW_VIEW_TYPE, {
      // The changesets live in this window's memory; a restored panel whose changeset is gone closes.
      deserializeWebviewPanel: async (panel) => panel.dispose(),
    }),
  );
  return { session, panels };
}

async function openHunk(session: ReviewSession, changesetId: string, hunkId: string): Promise<void> {
  const entry = session.get(changesetId);
  const file = entry?.changeset.files.find((f) => f.hunks.some((h) => h.id === hunkId));
  const handle = file && entry?.files.get(file.path);
  if (!file || !handle) return;
  const view = viewHunks(file, { emphasis: false }).find((v) => v.id === hunkId);
  const line = Math.max(0, (view?.oldStart ?? 1) - 1);
  const editor = await vscode.window.showTextDocument(vscode.Uri.file(handle.handle), { preview: false });
  const position = new vscode.Position(line, 0);
  editor.selection = new vscode.Selection(position, position);
  editor.revealRange(new vscode.Range(position, position), vscode.TextEditorRevealType.InCenter);
}
