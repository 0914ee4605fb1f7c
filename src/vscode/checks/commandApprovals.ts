import * as vscode from 'vscode';
import type { CommandAnswer, CommandQuestion } from '../../core/agent/commandTool';
import { plainText } from '../untrustedText';

const KEY = 'redline.commands.approved';

/**
 * The agent's commands the user allowed "always for this workspace": exact command lines in
 * workspace state, which no file of a cloned repository can set (a setting could be shipped in
 * `.vscode/settings.json`).
 */
export class CommandApprovals {
  constructor(private readonly memento: vscode.Memento) {}

  isRemembered(command: string): boolean {
    return this.all().includes(command);
  }

  async remember(command: string): Promise<void> {
    const all = this.all();
    if (!all.includes(command)) await this.memento.update(KEY, [...all, command]);
  }

  private all(): string[] {
    const value = this.memento.get<unknown>(KEY);
    return Array.isArray(value) ? value.filter((c): c is string => typeof c === 'string') : [];
  }
}

/** Asks the user about one command of the agent's. */
export type AskCommand = (question: CommandQuestion) => Promise<CommandAnswer>;

/**
 * A modal with the whole command line, then (on *Deny…*) an input box for the reason, which goes
 * to the agent. Closing either the modal or, after *Deny…*, the input box is an answer too: the
 * modal closed is "not approved", the box closed is a denial without a reason.
 */
export const modalAskCommand: AskCommand = async (question) => {
  const once = question.sandbox.confined ? 'Allow Once' : 'Run Once Unconfined';
  const always = 'Always Allow in This Workspace';
  const deny = 'Deny…';
  const detail = [
    question.purpose === undefined ? undefined : `The agent says why: ${plainText(question.purpose, 1000)}`,
    `It runs in a temporary copy of the workspace with the agent's proposals applied, ${question.sandbox.description}. ${environmentNote(question.sandbox.confined)} Its output goes to the model.`,
    question.sandbox.confined ? undefined : 'You are asked before every run: install bubblewrap to confine commands.',
    question.canRemember ? '"Always" remembers this exact command for this workspace only (in VS Code\'s workspace state, not in a settings file).' : undefined,
    'To allow commands without asking, add patterns to redline.commands.allow in your user settings.',
  ]
    .filter((line): line is string => line !== undefined)
    .join('\n\n');
  const actions = question.canRemember ? [once, always, deny] : [once, deny];
  const picked = await vscode.window.showWarningMessage(`The agent wants to run:\n\n${plainText(question.command)}`, { modal: true, detail }, ...actions);
  if (picked === once) return { kind: 'once' };
  if (picked === always) return { kind: 'always' };
  if (picked !== deny) return { kind: 'dismissed' };
  const reason = await vscode.window.showInputBox({
    title: 'Deny the command',
    prompt: 'Why not? Your answer goes to the agent (optional).',
    placeHolder: 'e.g. run only the unit tests of the file you changed',
    ignoreFocusOut: true,
  });
  return { kind: 'deny', reason: reason ?? '' };
};

/**
 * What scrubbing the environment protects. An unconfined command runs as the user: it can read the
 * key wherever else it is kept (a shell profile, the editor's state and, without a namespace, the
 * editor's own environment in /proc), so the scrubbed environment alone promises nothing there.
 */
export function environmentNote(confined: boolean): string {
  return confined
    ? 'Your API key and tokens are removed from its environment.'
    : 'Your API key and tokens are removed from its environment, but it runs as you, so it can read them wherever else you keep them.';
}
