import { readFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import * as vscode from 'vscode';
import { MCP_CLIENTS, MCP_SERVED_KEY, mcpConfigSnippet, type McpForm } from '../../core/terminalAgents/mcpConfig';
import { McpReviews } from '../../core/terminalAgents/mcpReviews';
import type { ReviewWorkspace } from '../../core/review/ports';
import type { ReviewSession } from '../../core/review/reviewSession';
import type { HookStorage } from '../../node/terminalAgents/hookStorage';
import { mcpToken, writeMcpLauncher } from '../../node/terminalAgents/mcpLauncher';
import type { McpEndpoint } from '../../node/terminalAgents/mcpServer';
import type { Command } from '../commands/command';
import type { Logger } from '../log';
import { workspaceTrust } from '../workspaceTrust';

export interface McpDeps {
  readonly session: ReviewSession;
  readonly workspace: ReviewWorkspace;
  readonly log: Logger;
  /** `dist/mcpBridge.js`, copied beside the stdio launcher in global storage. */
  readonly mcpBridge: string;
  /** The SDK's server, loaded with the first MCP request. */
  readonly mcpServer: () => typeof import('../../node/terminalAgents/mcpServer');
}

/**
 * MCP on the hook server's loopback listener: the endpoint (its SDK loaded with the first request),
 * the stdio launcher, `getMcpEndpoint()` and *Copy MCP Configuration*.
 */
export class McpService {
  private endpoint: McpEndpoint | undefined;
  private listening: { port: number; token: string; launcher: string } | undefined;

  constructor(
    private readonly storage: HookStorage,
    private readonly memento: vscode.Memento,
    private readonly deps: McpDeps,
    /** Starts the hook server (once); MCP is served from then on. */
    private readonly ready: () => Promise<void>,
  ) {}

  /** Called by the hook server's start: writes the launcher and makes the token. */
  async started(port: number, secret: string): Promise<void> {
    const launcher = await writeMcpLauncher(this.storage, readFileSync(this.deps.mcpBridge, 'utf8'), {
      execPath: process.execPath,
      electron: process.versions['electron'] !== undefined,
    });
    this.listening = { port, token: mcpToken(secret), launcher };
  }

  /** The hook server's route for `/mcp`. */
  handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const listening = this.listening;
    if (!listening) {
      res.writeHead(503).end();
      return Promise.resolve();
    }
    this.endpoint ??= this.deps.mcpServer().createMcpEndpoint({
      token: listening.token,
      port: () => listening.port,
      reviews: new McpReviews(this.deps.session, this.deps.workspace, workspaceTrust),
      log: (m) => this.deps.log.warn(m),
    });
    return this.endpoint.handle(req, res);
  }

  /** `getMcpEndpoint()`: undefined until the server listens; the first call starts it. */
  current(): { url: string; token: string } | undefined {
    if (!this.listening) {
      void this.start().catch((err: unknown) => this.deps.log.error(`the MCP server did not start: ${String(err)}`));
      return undefined;
    }
    return { url: urlOf(this.listening.port), token: this.listening.token };
  }

  async start(): Promise<{ url: string; token: string; launcher: string }> {
    await this.ready();
    if (!this.listening) throw new Error('the loopback server did not start');
    if (this.memento.get(MCP_SERVED_KEY) !== true) await this.memento.update(MCP_SERVED_KEY, true);
    return { url: urlOf(this.listening.port), token: this.listening.token, launcher: this.listening.launcher };
  }

  dispose(): void {
    void this.endpoint?.close();
  }

  get commands(): Command[] {
    return [
      {
        id: 'redline.copyMcpConfiguration',
        execute: async () => {
          const items = MCP_CLIENTS.flatMap((c) =>
            (['stdio', 'http'] as McpForm[]).map((form) => ({
              label: `${c.label}${form === 'stdio' ? '' : ' over HTTP'}`,
              description: form === 'stdio' ? `stdio launcher, for ${c.file}` : `this window only, until it closes; for ${c.file}`,
              client: c.client,
              form,
            })),
          );
          const pick = await vscode.window.showQuickPick(items, { placeHolder: 'Copy the MCP configuration for which client?' });
          if (!pick) return;
          let target: { url: string; token: string; launcher: string };
          try {
            target = await this.start();
          } catch (err) {
            return void vscode.window.showErrorMessage(`Redline: the MCP server did not start: ${err instanceof Error ? err.message : String(err)}`);
          }
          await vscode.env.clipboard.writeText(mcpConfigSnippet(pick.client, pick.form, target));
          void vscode.window.showInformationMessage(
            `Redline: the MCP configuration for ${pick.label} is on the clipboard${pick.form === 'http' ? '. It holds a secret token: keep it out of shared files' : ''}.`,
          );
        },
      },
    ];
  }
}

function urlOf(port: number): string {
  return `http://127.0.0.1:${port}/mcp`;
}
