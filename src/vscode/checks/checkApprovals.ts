import * as vscode from 'vscode';

const KEY = 'redline.checks.approved';

/**
 * Which declared checks the user allowed, per plan, in workspace state: approval is for the exact
 * command text, so a check the plan changes needs a new approval.
 */
export class CheckApprovals {
  constructor(
    private readonly memento: vscode.Memento,
    /** Tests in the extension host pre-approve (REDLINE_TEST_APPROVE_CHECKS, honoured only in test mode). */
    private readonly preapproved: () => boolean = () => false,
  ) {}

  isApproved(plan: string, command: string): boolean {
    return this.preapproved() || (this.all()[plan] ?? []).includes(command);
  }

  async approve(plan: string, command: string): Promise<void> {
    const all = this.all();
    const commands = all[plan] ?? [];
    if (!commands.includes(command)) await this.memento.update(KEY, { ...all, [plan]: [...commands, command] });
  }

  async revokeAll(): Promise<void> {
    await this.memento.update(KEY, undefined);
  }

  private all(): Record<string, string[]> {
    const value = this.memento.get<unknown>(KEY);
    return typeof value === 'object' && value !== null ? (value as Record<string, string[]>) : {};
  }
}

/** The env switch works only when VS Code runs the extension's own tests, never for a user. */
export function testPreapproval(mode: vscode.ExtensionMode, env: NodeJS.ProcessEnv = process.env): () => boolean {
  return () => mode === vscode.ExtensionMode.Test && env.REDLINE_TEST_APPROVE_CHECKS === '1';
}
