import { mkdir, rm, rmdir, writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import { ok, type Result } from '../../core/result';
import { CODEX_HOOKS_FILE, withCodexHook, withoutCodexHook } from '../../core/terminalAgents/codexSettings';
import { CODEX_EXCLUDE_LINE } from '../../core/terminalAgents/gitExclude';
import { excludeFile, includeAgain, type ClaudeConnection } from './claudeConnection';
import { exists, readText } from './settingsFiles';

/** What Connect changed in one workspace folder for Codex: the same record as Claude Code's, for `.codex/hooks.json`. */
export type CodexConnection = ClaudeConnection;

/**
 * Writes Redline's hook into `<folder>/.codex/hooks.json` (the project's own Codex layer, never
 * `~/.codex`) and, when git would not ignore that file, adds it to the repository's `info/exclude`.
 * `earlier`: the record of a connection already made here, whose "before" stays the one to go back to.
 */
export async function connectCodex(folder: string, command: string, git: string, earlier?: CodexConnection): Promise<Result<CodexConnection>> {
  const file = path.join(folder, CODEX_HOOKS_FILE);
  const current = await readText(file);
  if (!current.ok) return current;
  const next = withCodexHook(current.value, command);
  if (!next.ok) return next;
  const dir = path.dirname(file);
  const madeDir = earlier?.madeDir ?? !(await exists(dir));
  await mkdir(dir, { recursive: true });
  if (next.value !== current.value) await writeFile(file, next.value);
  const settings = { before: earlier ? earlier.settings.before : current.value, after: next.value };
  const exclude = earlier ? ok(earlier.exclude) : await excludeFile(folder, git, CODEX_HOOKS_FILE, CODEX_EXCLUDE_LINE);
  if (!exclude.ok) return exclude;
  return ok({ folder, settings, madeDir, ...(exclude.value ? { exclude: exclude.value } : {}) });
}

/** Takes Redline's hook out again (the bytes from before when the file is as Connect left it); the absolute paths it changed. */
export async function disconnectCodex(connection: CodexConnection, command: string): Promise<Result<string[]>> {
  const changed: string[] = [];
  const file = path.join(connection.folder, CODEX_HOOKS_FILE);
  const current = await readText(file);
  if (!current.ok) return current;
  if (current.value !== null) {
    const next = withoutCodexHook(current.value, connection.settings, command);
    if (!next.ok) return next;
    if (next.value === undefined) {
      await rm(file, { force: true });
      changed.push(file);
      // `.codex/` goes only if Connect made it and nothing else is in it.
      if (connection.madeDir) await rmdir(path.dirname(file)).catch(() => undefined);
    } else if (next.value !== current.value) {
      await writeFile(file, next.value);
      changed.push(file);
    }
  }
  const excluded = await includeAgain(connection.exclude, CODEX_EXCLUDE_LINE);
  return excluded.ok ? ok([...changed, ...excluded.value]) : excluded;
}
