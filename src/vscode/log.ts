import * as vscode from 'vscode';

/** The one log of the extension; every line passes through `redact` before it is written. */
export interface Logger {
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
  show(): void;
}

export function createLogger(redact: (text: string) => string): Logger & vscode.Disposable {
  const channel = vscode.window.createOutputChannel('Redline', { log: true });
  return {
    info: (m) => channel.info(redact(m)),
    warn: (m) => channel.warn(redact(m)),
    error: (m) => channel.error(redact(m)),
    show: () => channel.show(true),
    dispose: () => channel.dispose(),
  };
}
