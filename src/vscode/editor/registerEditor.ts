import * as vscode from 'vscode';
import { fail } from '../../core/result';
import type { ReviewSession } from '../../core/review/reviewSession';
import type { RunService } from '../../core/runs/runService';
import type { Command } from '../commands/command';
import type { ReviewPanels } from '../review/reviewPanels';
import { DocumentHunks } from './documentHunks';
import { AcceptFileCommand, OpenDiffCommand, RejectFileCommand } from './fileCommands';
import { CloseFixThreadCommand, FixComments, SubmitFixCommand } from './fixComments';
import { HunkAtCursor } from './hunkAtCursor';
import { HunkCodeLens } from './hunkCodeLens';
import { AcceptHunkCommand, AskFixCommand, RejectHunkCommand, ReviewHunkCommand, type HunkCommandDeps } from './hunkCommands';
import { HunkDecorations } from './hunkDecorations';
import { PROPOSED_SCHEME, ProposedContent } from './proposedContent';
import { RewindCommand } from './rewindCommand';

export interface EditorDeps {
  readonly session: ReviewSession;
  readonly panels: ReviewPanels;
  readonly runs: () => RunService | undefined;
}

/**
 * Review without the panel: pending hunks decorated in the ordinary editor with CodeLens actions,
 * the same actions from the palette on the hunk under the cursor, a native diff against the
 * proposed text, and fix requests as comment threads. Returns the commands for the caller to
 * register: proxies hold their ids from activation (src/vscode/bundles.ts). The entry of
 * `dist/editor.js`, which the composition root loads with the first changeset.
 */
export function registerEditor(context: vscode.ExtensionContext, deps: EditorDeps): Command[] {
  const hunks = new DocumentHunks(deps.session);
  const comments = new FixComments({
    hunks,
    requestFix: async (changesetId, hunkId, comment) => {
      const runs = deps.runs();
      return runs ? runs.requestFix(changesetId, hunkId, comment) : fail('E_NO_AGENT', 'the agent is not available in this window');
    },
  });
  const lenses = new HunkCodeLens(hunks);
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
    proposed,
    new HunkDecorations(hunks),
    new HunkAtCursor(hunks),
    vscode.languages.registerCodeLensProvider({ scheme: 'file' }, lenses),
    vscode.workspace.registerTextDocumentContentProvider(PROPOSED_SCHEME, proposed),
  );
  return [
    new AcceptHunkCommand(hunkDeps),
    new RejectHunkCommand(hunkDeps),
    new AskFixCommand(hunkDeps),
    new ReviewHunkCommand(hunkDeps),
    new AcceptFileCommand(hunks),
    new RejectFileCommand(hunks),
    new OpenDiffCommand(hunks),
    new SubmitFixCommand(comments),
    new CloseFixThreadCommand(comments),
    new RewindCommand(deps.session, deps.panels),
  ];
}
