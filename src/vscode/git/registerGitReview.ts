import type { MovedCodePort } from '../../core/diff/movedCodePort';
import * as vscode from 'vscode';
import { GitReviewWorkspace } from '../../core/git/gitWorkspace';
import type { ReviewBase } from '../../core/git/reviewPlan';
import type { FlagRules } from '../../core/review/flags';
import { ReviewSession } from '../../core/review/reviewSession';
import { RepositoryIndex } from '../../node/git/repositoryIndex';
import type { RunService } from '../../core/runs/runService';
import type { Command } from '../commands/command';
import type { Logger } from '../log';
import { openHunk } from '../review/registerReview';
import { ReviewPanels } from '../review/reviewPanels';
import { VsCodeReviewWorkspace } from '../review/reviewWorkspace';
import type { WorkspacePaths } from '../workspacePaths';
import { workspaceTrust } from '../workspaceTrust';
import { GitExtensionApi } from './gitExtension';
import { WorkingTreeReviews, type OpenRequest } from './workingTreeReviews';

export interface GitReviewServices {
  /** The session of working-tree changesets: accept stages, reject reverts. */
  readonly session: ReviewSession;
  /** *Review Working Tree*, for the caller to register (a proxy holds its id from activation). */
  readonly command: Command;
}

export interface GitReviewDeps {
  readonly paths: WorkspacePaths;
  readonly rules: FlagRules;
  readonly log: Logger;
  readonly runs: () => RunService | undefined;
  readonly movedCode: MovedCodePort;
}

/**
 * *Redline: Review Working Tree*: the working tree's changes (against the index, or HEAD) as a
 * changeset in the Review panel. Its own session, so the agent's changesets, the editor's
 * CodeLens and anything persisted never mistake a working-tree review for a proposal.
 */
export function registerGitReview(context: vscode.ExtensionContext, deps: GitReviewDeps): GitReviewServices {
  const index = new RepositoryIndex();
  const worktree = new VsCodeReviewWorkspace(deps.paths);
  const workspace = new GitReviewWorkspace(index, worktree);
  const session = new ReviewSession(workspace, workspaceTrust, deps.rules);
  const reviews = new WorkingTreeReviews({ session, workspace, index, paths: deps.paths, worktree, gitApi: new GitExtensionApi(), log: deps.log });
  const panels = new ReviewPanels({
    extensionUri: context.extensionUri,
    session,
    log: deps.log,
    memento: context.workspaceState,
    header: (id) => reviews.header(id),
    listed: (id) => reviews.listed(id),
    requestFix: async (id, hunkId, comment) => {
      const runs = deps.runs();
      if (!runs) return { ok: false, code: 'E_NO_AGENT', message: 'the agent is not available in this window' };
      return runs.requestFix(id, hunkId, comment, session);
    },
    // The working tree holds the proposal side: that is where the hunk's lines are.
    openHunk: (id, hunkId) => openHunk(session, id, hunkId, 'new'),
    movedCode: deps.movedCode,
  });

  const command: Command = {
    id: 'redline.reviewWorkingTree',
    execute: async (arg?: unknown) => {
      const opened = await reviews.open(requestOf(arg), (id) => void panels.open(id));
      if (!opened.ok) {
        void vscode.window.showErrorMessage(`Redline: ${opened.message}`);
        return undefined;
      }
      for (const message of opened.value.messages) void vscode.window.showInformationMessage(`Redline: ${message}`);
      return opened.value.id;
    },
  };
  context.subscriptions.push(reviews, panels);
  return { session, command };
}

/**
 * The command's argument: nothing (every folder, the configured base), the Source Control view's
 * repository (`{ rootUri }`), or `{ base?: 'index' | 'HEAD', root?: string }` from an API caller.
 */
function requestOf(arg: unknown): OpenRequest {
  const setting = vscode.workspace.getConfiguration('redline.git').get<string>('reviewAgainst', 'index');
  let base: ReviewBase = setting === 'HEAD' ? 'HEAD' : 'index';
  let root: string | undefined;
  if (typeof arg === 'object' && arg !== null) {
    const { rootUri, base: b, root: r } = arg as { rootUri?: unknown; base?: unknown; root?: unknown };
    if (b === 'index' || b === 'HEAD') base = b;
    if (rootUri instanceof vscode.Uri && rootUri.scheme === 'file') root = rootUri.fsPath;
    else if (typeof r === 'string' && r.length > 0) root = r;
  }
  return root === undefined ? { base } : { base, root };
}
