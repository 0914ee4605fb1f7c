import { mkdir, rm, rmdir, writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import { ok, type Result } from '../../core/result';
import { withExcludeLine, withoutExcludeLine } from '../../core/terminalAgents/gitExclude';
import { runGit } from '../git/gitProcess';
import { exists, readText } from './settingsFiles';

/** What Connect changed in one workspace folder, kept so that Disconnect puts back exactly that. */
export interface AgentConnection {
  readonly folder: string;
  readonly settings: { readonly before: string | null; readonly after: string };
  /** Connect made the settings file's folder (`.claude/`, …): Disconnect removes it again when it is empty. */
  readonly madeDir: boolean;
  readonly exclude?: { readonly path: string; readonly before: string | null; readonly after: string };
}

/** One agent's settings file for Redline's hook: where it is, and the pure edits in and out. */
export interface HookSettings {
  /** Relative to the workspace folder, POSIX. */
  readonly file: string;
  /** The line in `.git/info/exclude` that keeps the file out of commits. */
  readonly excludeLine: string;
  withHook(existing: string | null, command: string): Result<string>;
  /** The text without Redline's hook: the bytes from before when the file is as Connect left it; undefined: remove the file. */
  withoutHook(current: string, record: AgentConnection['settings'], command: string): Result<string | undefined>;
}

/**
 * Writes Redline's hook into `<folder>/<settings.file>` and, when git would not ignore that file,
 * adds it to the repository's own `info/exclude` (never a tracked `.gitignore`). `earlier`: the
 * record of a connection already made here, whose "before" stays the one to go back to.
 */
export async function connectSettings(
  settings: HookSettings,
  folder: string,
  command: string,
  git: string,
  earlier?: AgentConnection,
): Promise<Result<AgentConnection>> {
  const file = path.join(folder, settings.file);
  const current = await readText(file);
  if (!current.ok) return current;
  const next = settings.withHook(current.value, command);
  if (!next.ok) return next;
  const dir = path.dirname(file);
  const madeDir = earlier?.madeDir ?? !(await exists(dir));
  await mkdir(dir, { recursive: true });
  if (next.value !== current.value) await writeFile(file, next.value);
  const record = { before: earlier ? earlier.settings.before : current.value, after: next.value };
  const exclude = earlier ? ok(earlier.exclude) : await excludeFile(folder, git, settings.file, settings.excludeLine);
  if (!exclude.ok) return exclude;
  return ok({ folder, settings: record, madeDir, ...(exclude.value ? { exclude: exclude.value } : {}) });
}

/**
 * Takes Redline's hook out again: the bytes from before come back when the file is as Connect left
 * it, else only Redline's entry goes. Returns the absolute paths it changed or removed.
 */
export async function disconnectSettings(settings: HookSettings, connection: AgentConnection, command: string): Promise<Result<string[]>> {
  const changed: string[] = [];
  const file = path.join(connection.folder, settings.file);
  const current = await readText(file);
  if (!current.ok) return current;
  if (current.value !== null) {
    const next = settings.withoutHook(current.value, connection.settings, command);
    if (!next.ok) return next;
    if (next.value === undefined) {
      await rm(file, { force: true });
      changed.push(file);
      // The folder goes only if Connect made it and nothing else is in it.
      if (connection.madeDir) await rmdir(path.dirname(file)).catch(() => undefined);
    } else if (next.value !== current.value) {
      await writeFile(file, next.value);
      changed.push(file);
    }
  }
  const excluded = await includeAgain(connection.exclude, settings.excludeLine);
  return excluded.ok ? ok([...changed, ...excluded.value]) : excluded;
}

/** Takes out the line Connect added to `info/exclude` (the bytes from before when nothing changed since); the paths changed. */
async function includeAgain(exclude: AgentConnection['exclude'], line: string): Promise<Result<string[]>> {
  if (!exclude) return ok([]);
  const excluded = await readText(exclude.path);
  if (!excluded.ok) return excluded;
  if (excluded.value === null) return ok([]);
  const next = withoutExcludeLine(excluded.value, exclude, line);
  if (next === excluded.value) return ok([]);
  if (next === undefined) await rm(exclude.path, { force: true });
  else await writeFile(exclude.path, next);
  return ok([exclude.path]);
}

/** Adds `file` (as `line`) to `info/exclude` when git would not ignore it anyway; nothing outside a repository. */
async function excludeFile(folder: string, git: string, file: string, line: string): Promise<Result<AgentConnection['exclude'] | undefined>> {
  const ignored = await runGit({ git, cwd: folder, args: ['check-ignore', '-q', '--', file], okCodes: [1, 128] });
  if (!ignored.ok) return ignored.code === 'E_GIT_MISSING' ? ok(undefined) : ignored;
  // 0: ignored already; 128: not a repository.
  if (ignored.value.code !== 1) return ok(undefined);
  const where = await runGit({ git, cwd: folder, args: ['rev-parse', '--git-path', 'info/exclude'] });
  if (!where.ok) return where;
  const excludePath = path.resolve(folder, where.value.stdout.toString('utf8').trim());
  const before = await readText(excludePath);
  if (!before.ok) return before;
  if (before.value !== null && before.value.split('\n').includes(line)) return ok(undefined);
  const after = withExcludeLine(before.value, line);
  await mkdir(path.dirname(excludePath), { recursive: true });
  await writeFile(excludePath, after);
  return ok({ path: excludePath, before: before.value, after });
}
