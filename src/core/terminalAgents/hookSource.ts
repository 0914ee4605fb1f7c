/** The agent named in a hook changeset's `source`, before its session: `Claude Code · 1a2b3c4d` (the panel header shows it as it is). */
export const CLAUDE_SOURCE = 'Claude Code';

/** Whether a changeset came from a terminal agent's hook (its *Ask fix* goes back to that agent). */
export function isHookChangeset(source: string): boolean {
  return source === CLAUDE_SOURCE || source.startsWith(`${CLAUDE_SOURCE} · `);
}

/** Whether a changeset came from an MCP client (`mcp:<client> · <session>`): its *Ask fix* goes back to that client. */
export function isMcpChangeset(source: string): boolean {
  return source.startsWith('mcp:');
}

/** The workspace-state key of what Connect changed (its presence: this workspace is connected). */
export const CLAUDE_CONNECTIONS_KEY = 'redline.terminalAgents.claudeCode';
