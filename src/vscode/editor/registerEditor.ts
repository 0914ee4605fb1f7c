import * as vscode from 'vscode';
import { fail } from '../../core/result';
import type { ReviewSession } from '../../core/review/reviewSession';
import type { RunService } from '../agent/runService';
import { registerCommands } from '../commands/command';
import type { ReviewPanels } from '../review/reviewPanels';
import { ChangesetTree, CHANGESETS_VIEW } from './changesetTree';
import { DocumentHunks } from './documentHunks';
import { AcceptFileCommand, OpenDiffCommand, RejectFileCommand } from './fileCommands';
import { CloseFixThreadCommand, FixComments, SubmitFixCommand } from './fixComments';
import { HunkAtCursor } from './hunkAtCursor';
import { HunkCodeLens } from './hunkCodeLens';
import { AcceptHunkCommand, AskFixCommand, RejectHunkCommand, ReviewHunkCommand, type HunkCommandDeps } from './hunkCommands';
import { HunkDecorations } from './hunkDecorations';
import { PROPOSED_SCHEME, ProposedContent } from './proposedContent';

/**
 * Review without the panel: pending hunks decorated in the ordinary editor with CodeLens actions,
 * the same actions from the palette on the hunk under the cursor, the Changesets tree, a native
 * diff against the proposed text, and fix requests as comment threads.
 */
export function registerEditor(context: vscode.ExtensionContext, deps: { session: ReviewSession; panels: ReviewPanels; runs: () => RunService | undefined }): void {
  const hunks = new DocumentHunks(deps.session);
  const comments = new FixComments({
    hunks,
    requestFix: async (changesetId, hunkId, comment) => {
      const runs = deps.runs();
      return runs ? runs.requestFix(changesetId, hunkId, comment) : fail('E_NO_AGENT', 'the agent is not available in this window');
    },
  });
  const lenses = new HunkCodeLens(hunks);
  const tree = new ChangesetTree(deps.session);
  const proposed = new ProposedContent(hunks);
  const hunkDeps: HunkCommandDeps = {
    session: deps.session,
    hunks,
    askFix: (target) => comments.open(target),
    review: (target) => void deps.panels.open(target.changesetId, target.hunkId),
  };

  context.subscriptions.push(
    hunks,
    comments,
    lenses,
    tree,
    proposed,
    new HunkDecorations(hunks),
    new HunkAtCursor(hunks),
    vscode.languages.registerCodeLensProvider({ scheme: 'file' }, lenses),
    vscode.window.createTreeView(CHANGESETS_VIEW, { treeDataProvider: tree, showCollapseAll: true }),
    vscode.workspace.registerTextDocumentContentProvider(PROPOSED_SCHEME, proposed),
    registerCommands([
      new AcceptHunkCommand(hunkDeps),
      new RejectHunkCommand(hunkDeps),
      new AskFixCommand(hunkDeps),
      new ReviewHunkCommand(hunkDeps),
      new AcceptFileCommand(hunks),
      new RejectFileCommand(hunks),
      new OpenDiffCommand(hunks),
      new SubmitFixCommand(comments),
      new CloseFixThreadCommand(comments),
    ]),
  );
}
