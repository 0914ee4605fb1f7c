/** The agent named in a hook changeset's `source`, before its session: `Claude Code · 1a2b3c4d` (the panel header shows it as it is). */
export const CLAUDE_SOURCE = 'Claude Code';
export const CODEX_SOURCE = 'Codex';
export const GEMINI_SOURCE = 'Gemini CLI';

/** Whether a changeset came from a terminal agent's hook (its *Ask fix* goes back to that agent). */
export function isHookChangeset(source: string): boolean {
  return [CLAUDE_SOURCE, CODEX_SOURCE, GEMINI_SOURCE].some((agent) => source === agent || source.startsWith(`${agent} · `));
}

/** Whether a changeset came from an MCP client (`mcp:<client> · <session>`): its *Ask fix* goes back to that client. */
export function isMcpChangeset(source: string): boolean {
  return source.startsWith('mcp:');
}

/** The workspace-state keys of what Connect changed, per agent (their presence: this workspace is connected). */
export const CLAUDE_CONNECTIONS_KEY = 'redline.terminalAgents.claudeCode';
export const CODEX_CONNECTIONS_KEY = 'redline.terminalAgents.codex';
export const GEMINI_CONNECTIONS_KEY = 'redline.terminalAgents.geminiCli';
