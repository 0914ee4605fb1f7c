import { fail, ok, type Result } from '../../core/result';
import { GEMINI_SETTINGS_FILE, HOOK_SETTINGS } from '../../core/terminalAgents/hookSettingsJson';
import { runGit } from '../git/gitProcess';
import { connectSettings, disconnectSettings, type AgentConnection, type HookSettings } from './settingsConnection';

/** The line in `.git/info/exclude` that keeps Connect's settings file out of commits. */
export const GEMINI_EXCLUDE_LINE = `/${GEMINI_SETTINGS_FILE}`;

/** What Connect changed in one workspace folder for Gemini CLI. */
export type GeminiConnection = AgentConnection;

const GEMINI: HookSettings = { ...HOOK_SETTINGS['gemini-cli'], excludeLine: GEMINI_EXCLUDE_LINE };

/**
 * Writes Redline's hook into `<folder>/.gemini/settings.json`, Gemini CLI's project settings.
 * That file is often committed and shared, and a hook in it would run Redline's launcher for
 * everyone who clones the repository: when git tracks it, Connect refuses and changes nothing.
 * Otherwise the file is added to the repository's own `info/exclude` (never a `.gitignore`) when
 * git would not ignore it anyway, so it is never committed by accident.
 */
export async function connectGemini(folder: string, command: string, git: string, earlier?: GeminiConnection): Promise<Result<GeminiConnection>> {
  const tracked = await isTracked(folder, git);
  if (!tracked.ok) return tracked;
  if (tracked.value)
    return fail(
      'E_SHARED_SETTINGS',
      `${GEMINI_SETTINGS_FILE} in ${folder} is tracked by git, so a hook in it would reach everyone who clones the repository; Redline did not change it. Connect Gemini CLI in a folder whose ${GEMINI_SETTINGS_FILE} is not committed`,
    );
  return connectSettings(GEMINI, folder, command, git, earlier);
}

/** Takes Redline's hook out again (see `disconnectSettings`); returns the absolute paths it changed or removed. */
export function disconnectGemini(connection: GeminiConnection, command: string): Promise<Result<string[]>> {
  return disconnectSettings(GEMINI, connection, command);
}

/** Whether git tracks (or has staged) the settings file; false outside a repository or without git. */
async function isTracked(folder: string, git: string): Promise<Result<boolean>> {
  const listed = await runGit({ git, cwd: folder, args: ['ls-files', '--', GEMINI_SETTINGS_FILE], okCodes: [128] });
  if (!listed.ok) return listed.code === 'E_GIT_MISSING' ? ok(false) : listed;
  return ok(listed.value.code === 0 && listed.value.stdout.toString('utf8').trim() !== '');
}
