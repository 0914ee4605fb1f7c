import { fail, ok, type Result } from '../result';
import { GEMINI_EDIT_TOOLS } from './geminiInput';

/**
 * Gemini CLI's hook configuration in the workspace's `.gemini/settings.json` (Gemini CLI has no
 * local, unshared settings file; Connect writes this one only when git does not track it). Connect
 * adds one `BeforeTool` entry; Disconnect puts back the bytes that were there when nothing else
 * changed the file since, and otherwise removes only that entry.
 */
export const GEMINI_SETTINGS_FILE = '.gemini/settings.json';
/**
 * Milliseconds Gemini CLI waits for the hook (its setting is in ms; the default of 60 s is far
 * too short for a review). A hook that times out counts as no decision there, and the edit is
 * written: the hook client answers well before this.
 */
export const GEMINI_HOOK_TIMEOUT_MS = 3_600_000;
/** A regular expression over the tool name; anchored, so an MCP tool named `…replace…` is not caught. */
export const GEMINI_HOOK_MATCHER = `^(${GEMINI_EDIT_TOOLS.join('|')})$`;
const HOOK_NAME = 'redline-review';

type Json = Record<string, unknown>;

export function geminiHookEntry(command: string): Json {
  return { matcher: GEMINI_HOOK_MATCHER, hooks: [{ name: HOOK_NAME, type: 'command', command, timeout: GEMINI_HOOK_TIMEOUT_MS }] };
}

/** The settings text with Redline's hook (replacing an earlier Redline entry); `existing` null: no file. */
export function withGeminiHook(existing: string | null, command: string): Result<string> {
  const parsed = parseSettings(existing);
  if (!parsed.ok) return parsed;
  const settings = parsed.value;
  const hooks = settings['hooks'] ?? {};
  if (!isObject(hooks)) return fail('E_SETTINGS', `${GEMINI_SETTINGS_FILE}: "hooks" is not an object; fix it and connect again`);
  const before = hooks['BeforeTool'] ?? [];
  if (!Array.isArray(before)) return fail('E_SETTINGS', `${GEMINI_SETTINGS_FILE}: "hooks.BeforeTool" is not a list; fix it and connect again`);
  const next = { ...settings, hooks: { ...hooks, BeforeTool: [...before.filter((e) => !isRedlineEntry(e, command)), geminiHookEntry(command)] } };
  return ok(`${JSON.stringify(next, null, indentOf(existing))}\n`);
}

/**
 * The settings text without Redline's hook (`undefined`: remove the file). Still exactly what
 * Connect wrote: the bytes from before. Changed since: only Redline's entry goes, and what
 * Connect added around it that is left empty.
 */
export function withoutGeminiHook(current: string, record: { before: string | null; after: string }, command: string): Result<string | undefined> {
  if (current === record.after) return ok(record.before ?? undefined);
  const parsed = parseSettings(current);
  if (!parsed.ok) return fail('E_SETTINGS', `${parsed.message}; remove the hook that runs ${command} by hand`);
  const settings = parsed.value;
  const hooks = settings['hooks'];
  if (!isObject(hooks) || !Array.isArray(hooks['BeforeTool'])) return ok(current);
  const list = hooks['BeforeTool'] as unknown[];
  const kept = list.filter((e) => !isRedlineEntry(e, command));
  if (kept.length === list.length) return ok(current);
  const had = parseSettings(record.before);
  const hadHooks = had.ok && isObject(had.value['hooks']) ? had.value['hooks'] : undefined;
  const nextHooks: Json = { ...hooks, BeforeTool: kept };
  if (kept.length === 0 && (hadHooks === undefined || !('BeforeTool' in hadHooks))) delete nextHooks['BeforeTool'];
  const next: Json = { ...settings, hooks: nextHooks };
  if (Object.keys(nextHooks).length === 0 && hadHooks === undefined) delete next['hooks'];
  if (Object.keys(next).length === 0 && record.before === null) return ok(undefined);
  return ok(`${JSON.stringify(next, null, indentOf(current))}\n`);
}

function parseSettings(text: string | null): Result<Json> {
  if (text === null || text.trim() === '') return ok({});
  let value: unknown;
  try {
    value = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (err) {
    // Gemini CLI reads comments in this file; Redline would lose them on rewriting, so it stops.
    return fail(
      'E_SETTINGS',
      `${GEMINI_SETTINGS_FILE} is not plain JSON (${err instanceof Error ? err.message : String(err)}); Redline did not add its hook, so as not to lose comments or text it cannot read. Add the hook by hand or remove the comments, and connect again`,
    );
  }
  return isObject(value) ? ok(value) : fail('E_SETTINGS', `${GEMINI_SETTINGS_FILE} does not hold a JSON object; Redline did not add its hook`);
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
