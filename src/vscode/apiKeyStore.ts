import type * as vscode from 'vscode';

const SECRET_KEY = 'redline.anthropicApiKey';

/** The API key lives only in SecretStorage, falling back to ANTHROPIC_API_KEY (DESIGN.md, Models). */
export class ApiKeyStore {
  constructor(
    private readonly secrets: vscode.SecretStorage,
    private readonly env: NodeJS.ProcessEnv = process.env,
  ) {}

  async get(): Promise<string | undefined> {
    return (await this.secrets.get(SECRET_KEY)) || this.env.ANTHROPIC_API_KEY || undefined;
  }

  set(key: string): Thenable<void> {
    return this.secrets.store(SECRET_KEY, key);
  }

  clear(): Thenable<void> {
    return this.secrets.delete(SECRET_KEY);
  }
}
