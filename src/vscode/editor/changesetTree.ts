import * as path from 'node:path';
import * as vscode from 'vscode';
import type { FileChange } from '../../core/changeset/types';
import type { HunkState } from '../../shared/api';
import { viewHunks } from '../../core/changeset/view';
import { publicState } from '../../core/changeset/snapshot';
import { fileCounts, hunkDocumentLine } from '../../core/review/editorHunks';
import type { ReviewSession } from '../../core/review/reviewSession';
import { DisposableBase, toDisposable } from '../../core/dispose';
import { oneLine, plainText } from '../untrustedText';
import type { AgentActivity } from '../../core/terminalAgents/agentActivity';

export const CHANGESETS_VIEW = 'redline.changesets';

/** Tree nodes are plain ids, so the context-menu commands get serializable arguments. */
export type TreeNode =
  | { readonly kind: 'changeset'; readonly changesetId: string }
  | { readonly kind: 'file'; readonly changesetId: string; readonly path: string }
  | { readonly kind: 'hunk'; readonly changesetId: string; readonly path: string; readonly hunkId: string };

const STATE_ICON: Record<HunkState, vscode.ThemeIcon> = {
  pending: new vscode.ThemeIcon('circle-large-outline'),
  stale: new vscode.ThemeIcon('warning', new vscode.ThemeColor('list.warningForeground')),
  accepted: new vscode.ThemeIcon('check', new vscode.ThemeColor('testing.iconPassed')),
  modified: new vscode.ThemeIcon('edit', new vscode.ThemeColor('testing.iconPassed')),
  rejected: new vscode.ThemeIcon('close', new vscode.ThemeColor('testing.iconFailed')),
};

/** Changesets (newest first) → files with their pending counts → hunks, in Redline's sidebar. */
export class ChangesetTree extends DisposableBase implements vscode.TreeDataProvider<TreeNode> {
  private readonly emitter = this._register(new vscode.EventEmitter<TreeNode | undefined>());
  readonly onDidChangeTreeData = this.emitter.event;
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly session: ReviewSession,
    /** Terminal agents: whether one waits for a changeset, stopped waiting, or its edit was auto-allowed. */
    private readonly agents?: Pick<AgentActivity, 'state' | 'isAutoAllowed' | 'onDidChange'>,
  ) {
    super();
    this._register(toDisposable(() => clearTimeout(this.timer)));
    // Decisions come in bursts (accept file, a sync per keystroke pause): one refresh per burst.
    const refresh = (): void => {
      clearTimeout(this.timer);
      this.timer = setTimeout(() => this.emitter.fire(undefined), 50);
    };
    this._register(session.onDidChange(refresh));
    if (agents) this._register(agents.onDidChange(refresh));
  }

  getChildren(node?: TreeNode): TreeNode[] {
    if (!node)
      return this.session
        .ids()
        .reverse()
        .map((changesetId) => ({ kind: 'changeset', changesetId }));
    const cs = this.session.get(node.changesetId)?.changeset;
    if (!cs) return [];
    if (node.kind === 'changeset') return cs.files.map((f) => ({ kind: 'file', changesetId: node.changesetId, path: f.path }));
    if (node.kind === 'hunk') return [];
    const file = cs.files.find((f) => f.path === node.path);
    return (file?.hunks ?? [])
      .filter((h) => !h.detached || h.state === 'accepted' || h.state === 'rejected')
      .map((h) => ({ kind: 'hunk', changesetId: node.changesetId, path: node.path, hunkId: h.id }));
  }

  getParent(node: TreeNode): TreeNode | undefined {
    if (node.kind === 'changeset') return undefined;
    if (node.kind === 'file') return { kind: 'changeset', changesetId: node.changesetId };
    return { kind: 'file', changesetId: node.changesetId, path: node.path };
  }

  getTreeItem(node: TreeNode): vscode.TreeItem {
    const entry = this.session.get(node.changesetId);
    if (!entry) return new vscode.TreeItem('(closed changeset)');
    if (node.kind === 'changeset') {
      const counts = entry.changeset.files.map(fileCounts);
      const pending = counts.reduce((n, c) => n + c.pending, 0);
      const stale = counts.reduce((n, c) => n + c.stale, 0);
      // The title and source come from whoever proposed the changeset (an agent): plain, one line.
      const item = new vscode.TreeItem(
        oneLine(entry.changeset.title),
        pending + stale > 0 ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.Collapsed,
      );
      item.id = `cs:${node.changesetId}`;
      const mark = agentMark(this.agents, node.changesetId);
      // The count first: a narrow sidebar cuts the end of a description; the icon still tells an agent's wait.
      item.description = [openCount(pending, stale) ?? 'all decided', mark].filter(Boolean).join(' · ');
      const files = `${entry.changeset.files.length} file(s)`;
      item.tooltip = plainText(`${entry.changeset.title} (${entry.changeset.source}): ${mark ? `${files}, ${mark}` : files}`, 1000);
      item.iconPath = MARK_ICONS[mark] ?? new vscode.ThemeIcon('git-pull-request-draft');
      item.contextValue = 'changeset';
      return item;
    }
    const file = entry.changeset.files.find((f) => f.path === node.path);
    const handle = entry.files.get(node.path);
    if (!file || !handle) return new vscode.TreeItem(node.kind === 'file' ? node.path : node.hunkId);
    const uri = vscode.Uri.file(handle.handle);
    return node.kind === 'file' ? fileItem(node, file, uri) : hunkItem(node, file, uri);
  }
}

/** The icons the Agents view gives the same states. */
const MARK_ICONS: Readonly<Record<string, vscode.ThemeIcon>> = {
  'agent waiting': new vscode.ThemeIcon('watch'),
  'agent gone': new vscode.ThemeIcon('debug-disconnect', new vscode.ThemeColor('list.warningForeground')),
};

function agentMark(agents: Pick<AgentActivity, 'state' | 'isAutoAllowed'> | undefined, changesetId: string): string {
  if (agents?.isAutoAllowed(changesetId)) return 'auto-allowed';
  const state = agents?.state(changesetId);
  return state === 'gone' ? 'agent gone' : state === 'waiting' ? 'agent waiting' : '';
}

function openCount(pending: number, stale: number): string | undefined {
  return [pending > 0 ? `${pending} pending` : '', stale > 0 ? `${stale} stale` : ''].filter(Boolean).join(', ') || undefined;
}

function fileItem(node: Extract<TreeNode, { kind: 'file' }>, file: FileChange, uri: vscode.Uri): vscode.TreeItem {
  const { pending, stale, decided } = fileCounts(file);
  const item = new vscode.TreeItem(uri, vscode.TreeItemCollapsibleState.Collapsed);
  item.id = `file:${node.changesetId}:${node.path}`;
  item.label = oneLine(path.posix.basename(node.path));
  const dir = path.posix.dirname(node.path);
  const count = openCount(pending, stale) ?? 'decided';
  item.description = oneLine(dir === '.' ? count : `${dir} · ${count}`);
  item.tooltip = plainText(`${node.path} (${file.status}): ${pending} pending, ${stale} stale, ${decided} decided`, 1000);
  item.contextValue = pending > 0 ? 'file.pending' : 'file';
  // A file the proposal creates has nothing to open until it is accepted: show its diff instead.
  const exists = file.status !== 'added' || file.hunks.some((h) => h.state === 'accepted');
  item.command = exists
    ? { command: 'vscode.open', title: 'Open File', arguments: [uri] }
    : { command: 'redline.openDiff', title: 'Open Diff', arguments: [node] };
  return item;
}

function hunkItem(node: Extract<TreeNode, { kind: 'hunk' }>, file: FileChange, uri: vscode.Uri): vscode.TreeItem {
  const view = viewHunks(file, { emphasis: false }).find((v) => v.id === node.hunkId);
  const record = view?.record;
  const line = view ? hunkDocumentLine(view) : 0;
  // A decision an edit detached owns no line any more: say so instead of pointing at line 1.
  const item = new vscode.TreeItem(record?.detached ? 'Edited after the decision' : `Line ${line + 1}`);
  item.id = `hunk:${node.changesetId}:${node.hunkId}`;
  const state = record?.state ?? 'pending';
  const shown = record ? publicState(record) : state;
  const reason = record?.reason ?? record?.staleReason;
  item.description = reason ? oneLine(`${shown}: ${reason}`) : shown;
  item.tooltip = view
    ? `@@ -${view.oldStart},${view.oldLines} +${view.newStart},${view.newLines} @@${record?.flags.length ? `\nFlags: ${record.flags.join(', ')}` : ''}`
    : node.hunkId;
  item.iconPath = STATE_ICON[shown];
  item.contextValue = `hunk.${state}`;
  const exists = file.status !== 'added' || state === 'accepted';
  if (record?.detached) return item;
  item.command = exists
    ? { command: 'vscode.open', title: 'Open Hunk', arguments: [uri, { selection: new vscode.Range(line, 0, line, 0), preview: false }] }
    : { command: 'redline.openDiff', title: 'Open Diff', arguments: [node] };
  return item;
}
