/**
 * The configuration snippets *Copy MCP Configuration* puts on the clipboard, in each client's own
 * format (Claude Code's `.mcp.json` / `--mcp-config`, Codex's `config.toml`, Gemini CLI's
 * `settings.json`, Cursor's `mcp.json`). Two forms: the stdio launcher, which finds the window that
 * has the folder open and outlives this window's port; and HTTP straight to this window's endpoint.
 */
/** The workspace-state key set once MCP was served here: the window then serves it from activation. */
export const MCP_SERVED_KEY = 'redline.terminalAgents.mcp';

export type McpClient = 'claude-code' | 'codex' | 'gemini-cli' | 'cursor';
export type McpForm = 'stdio' | 'http';

export const MCP_CLIENTS: readonly { readonly client: McpClient; readonly label: string; readonly file: string }[] = [
  { client: 'claude-code', label: 'Claude Code', file: '.mcp.json (or claude --mcp-config)' },
  { client: 'codex', label: 'Codex', file: '~/.codex/config.toml' },
  { client: 'gemini-cli', label: 'Gemini CLI', file: '~/.gemini/settings.json' },
  { client: 'cursor', label: 'Cursor', file: '.cursor/mcp.json' },
];

export interface McpTarget {
  readonly url: string;
  readonly token: string;
  /** The stdio launcher's absolute path. */
  readonly launcher: string;
}

export function mcpConfigSnippet(client: McpClient, form: McpForm, target: McpTarget): string {
  const auth = `Bearer ${target.token}`;
  if (client === 'codex') {
    const lines =
      form === 'stdio'
        ? [`command = ${tomlString(target.launcher)}`, 'args = []']
        : [`url = ${tomlString(target.url)}`, `http_headers = { "Authorization" = ${tomlString(auth)} }`];
    return ['[mcp_servers.redline]', ...lines, ''].join('\n');
  }
  const server = ((): Record<string, unknown> => {
    switch (client) {
      case 'claude-code':
        return form === 'stdio' ? { type: 'stdio', command: target.launcher, args: [] } : { type: 'http', url: target.url, headers: { Authorization: auth } };
      case 'gemini-cli':
        return form === 'stdio' ? { command: target.launcher, args: [] } : { httpUrl: target.url, headers: { Authorization: auth } };
      case 'cursor':
        // Cursor fills in ${workspaceFolder}; the launcher then needs no working directory.
        return form === 'stdio' ? { command: target.launcher, args: ['${workspaceFolder}'] } : { url: target.url, headers: { Authorization: auth } };
    }
  })();
  return `${JSON.stringify({ mcpServers: { redline: server } }, null, 2)}\n`;
}

/** A TOML basic string: backslash and quote escaped, control characters as \u escapes. */
function tomlString(s: string): string {
  return `"${s.replace(/[\\"\u0000-\u001f\u007f]/g, (c) => (c === '\\' || c === '"' ? `\\${c}` : `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`))}"`;
}
