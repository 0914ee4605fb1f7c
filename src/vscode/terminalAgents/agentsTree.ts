import * as vscode from 'vscode';
import { AGENT_LABELS, waitedLabel, type AgentActivity, type AgentWait } from '../../core/terminalAgents/agentActivity';
import type { ReviewSession } from '../../core/review/reviewSession';
import { DisposableBase, toDisposable } from '../../core/dispose';
import type { TerminalAgent } from '../../shared/api';
import { oneLine, plainText } from '../untrustedText';

export const AGENTS_VIEW = 'redline.agents';

/** The age of a wait is shown in minutes: refreshing more often would change nothing. */
export const AGE_REFRESH_MS = 30_000;

export type AgentNode = { readonly kind: 'agent'; readonly agent: TerminalAgent } | { readonly kind: 'wait'; readonly changesetId: string };

/**
 * Connected terminal agents → the edits each one waits for (how long it has waited) and those it
 * stopped waiting for while they are still open. In Redline's sidebar from activation: it reads
 * only the workspace's state and the `AgentActivity` the hooks feed, never loads their code.
 */
export class AgentsTree extends DisposableBase implements vscode.TreeDataProvider<AgentNode> {
  private readonly emitter = this._register(new vscode.EventEmitter<AgentNode | undefined>());
  readonly onDidChangeTreeData = this.emitter.event;
  private debounce: ReturnType<typeof setTimeout> | undefined;
  /** Runs only while an agent waits: nothing to age otherwise. */
  private ageTimer: ReturnType<typeof setInterval> | undefined;

  constructor(
    private readonly activity: AgentActivity,
    private readonly session: ReviewSession,
    private readonly now: () => number = Date.now,
  ) {
    super();
    this._register(
      toDisposable(() => {
        clearTimeout(this.debounce);
        clearInterval(this.ageTimer);
      }),
    );
    this._register(activity.onDidChange(() => this.refresh()));
    // A gone agent's edit leaves the list once it is decided: decisions come in bursts.
    this._register(session.onDidChange(() => this.refresh()));
  }

  /** Whether the age timer runs (tests check that it stops when nothing waits). */
  get aging(): boolean {
    return this.ageTimer !== undefined;
  }

  getChildren(node?: AgentNode): AgentNode[] {
    const waits = this.visibleWaits();
    if (!node) {
      const agents = new Set<TerminalAgent>([...this.activity.connected(), ...waits.map((w) => w.agent)]);
      return (Object.keys(AGENT_LABELS) as TerminalAgent[]).filter((a) => agents.has(a)).map((agent) => ({ kind: 'agent', agent }));
    }
    if (node.kind === 'wait') return [];
    return waits.filter((w) => w.agent === node.agent).map((w) => ({ kind: 'wait', changesetId: w.changesetId }));
  }

  getParent(node: AgentNode): AgentNode | undefined {
    if (node.kind === 'agent') return undefined;
    const wait = this.visibleWaits().find((w) => w.changesetId === node.changesetId);
    return wait ? { kind: 'agent', agent: wait.agent } : undefined;
  }

  getTreeItem(node: AgentNode): vscode.TreeItem {
    const waits = this.visibleWaits();
    if (node.kind === 'agent') {
      const mine = waits.filter((w) => w.agent === node.agent);
      const waiting = mine.filter((w) => w.state === 'waiting').length;
      const item = new vscode.TreeItem(
        AGENT_LABELS[node.agent],
        mine.length > 0 ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.None,
      );
      item.id = `agent:${node.agent}`;
      const connected = this.activity.connected().includes(node.agent);
      item.description = [connected ? 'connected' : 'not connected', waiting > 0 ? `${waiting} waiting` : ''].filter(Boolean).join(' · ');
      item.iconPath = new vscode.ThemeIcon('terminal');
      item.contextValue = connected ? 'agent.connected' : 'agent';
      return item;
    }
    const wait = waits.find((w) => w.changesetId === node.changesetId);
    if (!wait) return new vscode.TreeItem('(answered)');
    return waitItem(wait, this.now(), this.session.get(wait.changesetId)?.changeset.title ?? wait.path);
  }

  private visibleWaits(): AgentWait[] {
    return this.activity.waits().filter((w) => w.state === 'waiting' || this.isOpen(w.changesetId));
  }

  private isOpen(changesetId: string): boolean {
    return this.session.get(changesetId)?.changeset.files.some((f) => f.hunks.some((h) => h.state === 'pending' || h.state === 'stale')) === true;
  }

  private refresh(): void {
    clearTimeout(this.debounce);
    this.debounce = setTimeout(() => {
      this.emitter.fire(undefined);
      this.updateAgeTimer();
    }, 50);
  }

  private updateAgeTimer(): void {
    const waiting = this.activity.waits().some((w) => w.state === 'waiting');
    if (waiting && this.ageTimer === undefined) this.ageTimer = setInterval(() => this.emitter.fire(undefined), AGE_REFRESH_MS);
    if (!waiting && this.ageTimer !== undefined) {
      clearInterval(this.ageTimer);
      this.ageTimer = undefined;
    }
  }
}

function waitItem(wait: AgentWait, now: number, title: string): vscode.TreeItem {
  // The path and title come from the agent's edit: plain, one line.
  const item = new vscode.TreeItem(oneLine(wait.path), vscode.TreeItemCollapsibleState.None);
  item.id = `wait:${wait.changesetId}`;
  const agent = AGENT_LABELS[wait.agent];
  if (wait.state === 'gone') {
    item.description = 'agent gone';
    item.iconPath = new vscode.ThemeIcon('debug-disconnect', new vscode.ThemeColor('list.warningForeground'));
    item.tooltip = plainText(`${title}\n${agent} stopped waiting for this edit. It stays reviewable: what you accept is written by Redline.`, 1000);
  } else {
    item.description = waitedLabel(now - wait.since);
    item.iconPath = new vscode.ThemeIcon('watch');
    item.tooltip = plainText(`${title}\n${agent} waits for your review since ${new Date(wait.since).toLocaleTimeString()}.`, 1000);
  }
  item.contextValue = `agentWait.${wait.state}`;
  item.command = { command: 'redline.openReview', title: 'Open Review', arguments: [wait.changesetId] };
  return item;
}
