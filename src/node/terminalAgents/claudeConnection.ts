import type { Result } from '../../core/result';
import { HOOK_SETTINGS } from '../../core/terminalAgents/hookSettingsJson';
import { EXCLUDE_LINE } from '../../core/terminalAgents/gitExclude';
import { connectSettings, disconnectSettings, type AgentConnection, type HookSettings } from './settingsConnection';

/** What Connect changed in one workspace folder for Claude Code. */
export type ClaudeConnection = AgentConnection;

/** Claude Code's local, unshared settings (never `settings.json`, never the user's home). */
const CLAUDE: HookSettings = { ...HOOK_SETTINGS['claude-code'], excludeLine: EXCLUDE_LINE };

/** Writes Redline's hook into `<folder>/.claude/settings.local.json` (see `connectSettings`). */
export function connectClaude(folder: string, command: string, git: string, earlier?: ClaudeConnection): Promise<Result<ClaudeConnection>> {
  return connectSettings(CLAUDE, folder, command, git, earlier);
}

/** Takes Redline's hook out of Claude Code's settings again (see `disconnectSettings`). */
export function disconnectClaude(connection: ClaudeConnection, command: string): Promise<Result<string[]>> {
  return disconnectSettings(CLAUDE, connection, command);
}
