import type * as vscode from 'vscode';
import type { PlanCommentView } from '../../shared/planProtocol';

const KEY = 'redline.plan.comments';
const MAX_PER_PLAN = 200;

/**
 * Comments on a plan's lines and sections, waiting to be sent to the agent ("plan review"). They
 * live in workspace state, not in the plan file, so a comment never changes what the plan says and
 * survives a reload or a restart until it is sent.
 */
export class PlanComments {
  private counter = 0;
  constructor(private readonly memento: vscode.Memento) {}

  of(planId: string): readonly PlanCommentView[] {
    return this.all()[planId] ?? [];
  }

  async add(planId: string, comment: Omit<PlanCommentView, 'id'>): Promise<void> {
    const list = this.of(planId);
    if (list.length >= MAX_PER_PLAN) return;
    const id = `c${Date.now().toString(36)}${(++this.counter).toString(36)}`;
    await this.put(
      planId,
      [...list, { id, ...comment }].sort((a, b) => a.line - b.line),
    );
  }

  async remove(planId: string, commentId: string): Promise<void> {
    await this.put(
      planId,
      this.of(planId).filter((c) => c.id !== commentId),
    );
  }

  async clear(planId: string): Promise<void> {
    await this.put(planId, []);
  }

  async rename(from: string, to: string): Promise<void> {
    const list = this.of(from);
    await this.put(from, []);
    if (list.length) await this.put(to, list);
  }

  private all(): Record<string, readonly PlanCommentView[]> {
    return this.memento.get<Record<string, readonly PlanCommentView[]>>(KEY, {});
  }

  private async put(planId: string, list: readonly PlanCommentView[]): Promise<void> {
    const all = { ...this.all() };
    if (list.length) all[planId] = list;
    else delete all[planId];
    await this.memento.update(KEY, all);
  }
}
