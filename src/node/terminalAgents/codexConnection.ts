import type { Result } from '../../core/result';
import { HOOK_SETTINGS } from '../../core/terminalAgents/hookSettingsJson';
import { CODEX_EXCLUDE_LINE } from '../../core/terminalAgents/gitExclude';
import { connectSettings, disconnectSettings, type AgentConnection, type HookSettings } from './settingsConnection';

/** What Connect changed in one workspace folder for Codex. */
export type CodexConnection = AgentConnection;

/** The project's own Codex layer, never `~/.codex`. */
const CODEX: HookSettings = { ...HOOK_SETTINGS.codex, excludeLine: CODEX_EXCLUDE_LINE };

/** Writes Redline's hook into `<folder>/.codex/hooks.json` (see `connectSettings`). */
export function connectCodex(folder: string, command: string, git: string, earlier?: CodexConnection): Promise<Result<CodexConnection>> {
  return connectSettings(CODEX, folder, command, git, earlier);
}

/** Takes Redline's hook out of Codex's hooks again (see `disconnectSettings`). */
export function disconnectCodex(connection: CodexConnection, command: string): Promise<Result<string[]>> {
  return disconnectSettings(CODEX, connection, command);
}
