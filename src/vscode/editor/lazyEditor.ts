import * as vscode from 'vscode';
import { onFirstChangeset } from '../../core/review/reviewSessions';
import { lazyBundle } from '../../node/lazyBundle';
import { registerCommands, type Command } from '../commands/command';
import { lazyCommands } from '../commands/lazyCommands';
import { ChangesetTree, CHANGESETS_VIEW } from './changesetTree';
import type { EditorDeps } from './registerEditor';

const loadEditor = lazyBundle<typeof import('./editorEntry')>('editor.js');

/** The commands of `registerEditor`, registered as proxies at activation. */
const EDITOR_COMMANDS = [
  'redline.acceptHunk', 'redline.rejectHunk', 'redline.askFix', 'redline.reviewHunk',
  'redline.acceptFile', 'redline.rejectFile', 'redline.openDiff', 'redline.submitFix', 'redline.closeFixThread',
];

/**
 * The editor review: the Changesets tree from activation (a contributed view must have its
 * provider), the rest (`dist/editor.js`) once the review session first holds a changeset, restored
 * ones included, or when one of its commands runs first. Until then there is nothing to decorate.
 */
export function registerLazyEditor(context: vscode.ExtensionContext, deps: EditorDeps): void {
  const tree = new ChangesetTree(deps.session);
  let commands: readonly Command[] | undefined;
  const load = (): readonly Command[] => (commands ??= loadEditor().registerEditor(context, deps));
  context.subscriptions.push(
    tree,
    vscode.window.createTreeView(CHANGESETS_VIEW, { treeDataProvider: tree, showCollapseAll: true }),
    onFirstChangeset(deps.session, () => void load()),
    registerCommands(lazyCommands(EDITOR_COMMANDS, load)),
  );
}
