import { mkdir, rm, rmdir, writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import { fail, ok, type Result } from '../../core/result';
import { GEMINI_SETTINGS_FILE, withGeminiHook, withoutGeminiHook } from '../../core/terminalAgents/geminiSettings';
import { withExcludeLine, withoutExcludeLine } from '../../core/terminalAgents/gitExclude';
import { runGit } from '../git/gitProcess';
import { exists, readText } from './settingsFiles';

/** The line in `.git/info/exclude` that keeps Connect's settings file out of commits. */
export const GEMINI_EXCLUDE_LINE = `/${GEMINI_SETTINGS_FILE}`;

/** What Connect changed in one workspace folder, kept so that Disconnect puts back exactly that. */
export interface GeminiConnection {
  readonly folder: string;
  readonly settings: { readonly before: string | null; readonly after: string };
  /** Connect made `.gemini/`: Disconnect removes it again when it is empty. */
  readonly madeDir: boolean;
  readonly exclude?: { readonly path: string; readonly before: string | null; readonly after: string };
}

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
  const file = path.join(folder, GEMINI_SETTINGS_FILE);
  const current = await readText(file);
  if (!current.ok) return current;
  const next = withGeminiHook(current.value, command);
  if (!next.ok) return next;
  const dir = path.dirname(file);
  const madeDir = earlier?.madeDir ?? !(await exists(dir));
  await mkdir(dir, { recursive: true });
  if (next.value !== current.value) await writeFile(file, next.value);
  const settings = { before: earlier ? earlier.settings.before : current.value, after: next.value };
  const exclude = earlier ? ok(earlier.exclude) : await excludeSettings(folder, git);
  if (!exclude.ok) return exclude;
  return ok({ folder, settings, madeDir, ...(exclude.value ? { exclude: exclude.value } : {}) });
}

/** Takes Redline's hook out again (see `withoutGeminiHook`); returns the absolute paths it changed or removed. */
export async function disconnectGemini(connection: GeminiConnection, command: string): Promise<Result<string[]>> {
  const changed: string[] = [];
  const file = path.join(connection.folder, GEMINI_SETTINGS_FILE);
  const current = await readText(file);
  if (!current.ok) return current;
  if (current.value !== null) {
    const next = withoutGeminiHook(current.value, connection.settings, command);
    if (!next.ok) return next;
    if (next.value === undefined) {
      await rm(file, { force: true });
      changed.push(file);
      // `.gemini/` goes only if Connect made it and nothing else is in it.
      if (connection.madeDir) await rmdir(path.dirname(file)).catch(() => undefined);
    } else if (next.value !== current.value) {
      await writeFile(file, next.value);
      changed.push(file);
    }
  }
  if (connection.exclude) {
    const excluded = await readText(connection.exclude.path);
    if (!excluded.ok) return excluded;
    if (excluded.value !== null) {
      const next = withoutExcludeLine(excluded.value, connection.exclude, GEMINI_EXCLUDE_LINE);
      if (next === undefined) await rm(connection.exclude.path, { force: true });
      else if (next !== excluded.value) await writeFile(connection.exclude.path, next);
      if (next !== excluded.value) changed.push(connection.exclude.path);
    }
  }
  return ok(changed);
}

/** Whether git tracks (or has staged) the settings file; false outside a repository or without git. */
async function isTracked(folder: string, git: string): Promise<Result<boolean>> {
  const listed = await runGit({ git, cwd: folder, args: ['ls-files', '--', GEMINI_SETTINGS_FILE], okCodes: [128] });
  if (!listed.ok) return listed.code === 'E_GIT_MISSING' ? ok(false) : listed;
  return ok(listed.value.code === 0 && listed.value.stdout.toString('utf8').trim() !== '');
}

/** Adds the settings file to `info/exclude` when git would not ignore it anyway; nothing outside a repository. */
async function excludeSettings(folder: string, git: string): Promise<Result<GeminiConnection['exclude'] | undefined>> {
  const ignored = await runGit({ git, cwd: folder, args: ['check-ignore', '-q', '--', GEMINI_SETTINGS_FILE], okCodes: [1, 128] });
  if (!ignored.ok) return ignored.code === 'E_GIT_MISSING' ? ok(undefined) : ignored;
  // 0: ignored already; 128: not a repository.
  if (ignored.value.code !== 1) return ok(undefined);
  const where = await runGit({ git, cwd: folder, args: ['rev-parse', '--git-path', 'info/exclude'] });
  if (!where.ok) return where;
  const excludePath = path.resolve(folder, where.value.stdout.toString('utf8').trim());
  const before = await readText(excludePath);
  if (!before.ok) return before;
  if (before.value !== null && before.value.split('\n').includes(GEMINI_EXCLUDE_LINE)) return ok(undefined);
  const after = withExcludeLine(before.value, GEMINI_EXCLUDE_LINE);
  await mkdir(path.dirname(excludePath), { recursive: true });
  await writeFile(excludePath, after);
  return ok({ path: excludePath, before: before.value, after });
}
