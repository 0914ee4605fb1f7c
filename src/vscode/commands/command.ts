import * as vscode from 'vscode';

/** A command is a small object (the markdown extension's `Command`), registered in one place. */
export interface Command {
  readonly id: string;
  execute(...args: unknown[]): unknown;
}

export function registerCommands(commands: readonly Command[]): vscode.Disposable {
  return vscode.Disposable.from(...commands.map((c) => vscode.commands.registerCommand(c.id, (...args: unknown[]) => c.execute(...args))));
}
