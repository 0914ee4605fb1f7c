import type * as vscode from 'vscode';
import type { SessionRegistry } from '../../core/review/reviewSessions';
import { lazyBundle } from '../../node/lazyBundle';
import { registerCommands, type Command } from '../commands/command';
import { lazyCommands } from '../commands/lazyCommands';
import type { GitReviewDeps } from './registerGitReview';

const loadGit = lazyBundle<typeof import('./gitEntry')>('git.js');

/**
 * *Redline: Review Working Tree* from activation; the git wiring (`dist/git.js`: git, the scan,
 * the working-tree session and its panels) loads on the command's first run. Its session then
 * joins `sessions`, where the public API finds its changesets.
 */
export function registerLazyGitReview(context: vscode.ExtensionContext, deps: GitReviewDeps & { sessions: SessionRegistry }): void {
  let commands: readonly Command[] | undefined;
  const load = (): readonly Command[] => {
    if (commands === undefined) {
      const git = loadGit().registerGitReview(context, deps);
      deps.sessions.add(git.session);
      commands = [git.command];
    }
    return commands;
  };
  context.subscriptions.push(registerCommands(lazyCommands(['redline.reviewWorkingTree'], load)));
}
