/**
 * The line Connect adds to `.git/info/exclude` so the settings file it writes is never committed
 * (the user's own, untracked, never a tracked `.gitignore`), and takes out again on Disconnect.
 * Claude Code's by default; each agent names its own settings file.
 */
export const EXCLUDE_LINE = '/.claude/settings.local.json';
/** Codex's project hooks file, excluded the same way. */
export const CODEX_EXCLUDE_LINE = '/.codex/hooks.json';

/** The exclude file with the line added (`text` null: no file yet). */
export function withExcludeLine(text: string | null, line = EXCLUDE_LINE): string {
  const base = text ?? '';
  return `${base}${base === '' || base.endsWith('\n') ? '' : '\n'}${line}\n`;
}

/**
 * The exclude file without the line Connect added: the bytes from before when nothing changed it
 * since, else the same file less that one line (`undefined`: remove the file Connect created).
 */
export function withoutExcludeLine(current: string, record: { before: string | null; after: string }, line = EXCLUDE_LINE): string | undefined {
  if (current === record.after) return record.before ?? undefined;
  const lines = current.split('\n');
  const at = lines.lastIndexOf(line);
  if (at === -1) return current;
  lines.splice(at, 1);
  return lines.join('\n');
}
