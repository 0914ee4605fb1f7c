import { fail, ok, type Result } from '../result';
import { EDIT_TOOLS } from './hookInput';

/**
 * Claude Code's hook configuration in `.claude/settings.local.json` (recipes/agent-clis.md). Connect
 * adds one `PreToolUse` entry; Disconnect puts back the bytes that were there when nothing else
 * changed the file since, and otherwise removes only that entry.
 */

/** Seconds Claude Code waits for the hook: the user may take a while to review. */
export const HOOK_TIMEOUT_SECONDS = 3_600;
export const HOOK_MATCHER = EDIT_TOOLS.join('|');
export const SETTINGS_FILE = '.claude/settings.local.json';

type Json = Record<string, unknown>;

/**
 * The entry Connect adds: every edit tool runs `command` first and waits for its answer. `onFailure:
 * "block"`: a hook that times out or crashes denies the edit; without it Claude Code would count
 * that as no decision and write the edit unreviewed.
 */
export function hookEntry(command: string): Json {
  return { matcher: HOOK_MATCHER, hooks: [{ type: 'command', command, timeout: HOOK_TIMEOUT_SECONDS, onFailure: 'block' }] };
}

/**
 * The settings text with Redline's hook (replacing an earlier Redline entry for the same command).
 * `existing` null: there is no file. A file that is not a JSON object is refused: Claude Code
 * ignores such a file silently, so a hook added to it would never run.
 */
export function withRedlineHook(existing: string | null, command: string): Result<string> {
  const parsed = parseSettings(existing);
  if (!parsed.ok) return parsed;
  const settings = parsed.value;
  const hooks = settings['hooks'] ?? {};
  if (!isObject(hooks)) return fail('E_SETTINGS', `${SETTINGS_FILE}: "hooks" is not an object; fix it and connect again`);
  const pre = hooks['PreToolUse'] ?? [];
  if (!Array.isArray(pre)) return fail('E_SETTINGS', `${SETTINGS_FILE}: "hooks.PreToolUse" is not a list; fix it and connect again`);
  const next = { ...settings, hooks: { ...hooks, PreToolUse: [...pre.filter((e) => !isRedlineEntry(e, command)), hookEntry(command)] } };
  return ok(`${JSON.stringify(next, null, indentOf(existing))}\n`);
}

/**
 * The settings text without Redline's hook: `undefined` when the file should be removed. When the
 * file is still exactly what Connect wrote, the bytes from before come back (or no file); when the
 * user changed it since, only Redline's entry goes, and lists or objects left empty that Redline
 * had added go too.
 */
export function withoutRedlineHook(current: string, record: { before: string | null; after: string }, command: string): Result<string | undefined> {
  if (current === record.after) return ok(record.before ?? undefined);
  const parsed = parseSettings(current);
  if (!parsed.ok) return fail('E_SETTINGS', `${parsed.message}; remove the hook that runs ${command} by hand`);
  const settings = parsed.value;
  const hooks = settings['hooks'];
  if (!isObject(hooks) || !Array.isArray(hooks['PreToolUse'])) return ok(current);
  const pre = hooks['PreToolUse'] as unknown[];
  const kept = pre.filter((e) => !isRedlineEntry(e, command));
  if (kept.length === pre.length) return ok(current);
  const had = parseSettings(record.before);
  const hadHooks = had.ok && isObject(had.value['hooks']) ? had.value['hooks'] : undefined;
  const nextHooks: Json = { ...hooks, PreToolUse: kept };
  if (kept.length === 0 && (hadHooks === undefined || !('PreToolUse' in hadHooks))) delete nextHooks['PreToolUse'];
  const next: Json = { ...settings, hooks: nextHooks };
  if (Object.keys(nextHooks).length === 0 && hadHooks === undefined) delete next['hooks'];
  return ok(`${JSON.stringify(next, null, indentOf(current))}\n`);
}

function parseSettings(text: string | null): Result<Json> {
  if (text === null || text.trim() === '') return ok({});
  let value: unknown;
  try {
    value = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (err) {
    return fail(
      'E_SETTINGS',
      `${SETTINGS_FILE} is not valid JSON (${err instanceof Error ? err.message : String(err)}); Claude Code would ignore it silently, so Redline did not add its hook. Fix the file and connect again`,
    );
  }
  return isObject(value)
    ? ok(value)
    : fail('E_SETTINGS', `${SETTINGS_FILE} does not hold a JSON object; Claude Code would ignore it, so Redline did not add its hook`);
}

function isRedlineEntry(entry: unknown, command: string): boolean {
  if (!isObject(entry) || !Array.isArray(entry['hooks'])) return false;
  const hooks = entry['hooks'] as unknown[];
  return hooks.length > 0 && hooks.every((h) => isObject(h) && h['type'] === 'command' && h['command'] === command);
}

function isObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The file's own indentation (its first indented line), two spaces for a new file. */
function indentOf(text: string | null): string {
  const m = /\n([ \t]+)\S/.exec(text ?? '');
  return m?.[1] ?? '  ';
}
