import { fail, ok, type Result } from '../result';
import { HOOK_TIMEOUT_SECONDS } from './claudeSettings';
import { CODEX_EDIT_TOOL } from './codexHook';

/**
 * Codex's hook configuration in the project's `.codex/hooks.json` (the project layer Codex reads
 * beside `.codex/config.toml`; Connect keeps it out of git through `info/exclude`). Connect adds one
 * `PreToolUse` entry; Disconnect puts back the bytes that were there when nothing else changed the
 * file since, and otherwise removes only that entry. Codex runs a project's hooks only once the
 * user trusts the project and the hook itself (`/hooks` in Codex); until then it skips the hook.
 */
export const CODEX_HOOKS_FILE = '.codex/hooks.json';
/** A regular expression, as Codex reads `matcher`: exactly the patch tool. */
export const CODEX_HOOK_MATCHER = `^${CODEX_EDIT_TOOL}$`;

type Json = Record<string, unknown>;

export function codexHookEntry(command: string): Json {
  return { matcher: CODEX_HOOK_MATCHER, hooks: [{ type: 'command', command, timeout: HOOK_TIMEOUT_SECONDS }] };
}

/** The hooks file with Redline's entry (replacing an earlier one for the same command); `existing` null: no file. */
export function withCodexHook(existing: string | null, command: string): Result<string> {
  const parsed = parseHooksFile(existing);
  if (!parsed.ok) return parsed;
  const file = parsed.value;
  const hooks = file['hooks'] ?? {};
  if (!isObject(hooks)) return fail('E_SETTINGS', `${CODEX_HOOKS_FILE}: "hooks" is not an object; fix it and connect again`);
  const pre = hooks['PreToolUse'] ?? [];
  if (!Array.isArray(pre)) return fail('E_SETTINGS', `${CODEX_HOOKS_FILE}: "hooks.PreToolUse" is not a list; fix it and connect again`);
  const next = { ...file, hooks: { ...hooks, PreToolUse: [...pre.filter((e) => !isRedlineEntry(e, command)), codexHookEntry(command)] } };
  return ok(`${JSON.stringify(next, null, indentOf(existing))}\n`);
}

/**
 * The hooks file without Redline's entry: `undefined` when the file should be removed. Still
 * exactly what Connect wrote: the bytes from before (or no file); changed since: only Redline's
 * entry goes, and what Redline had added around it when it is left empty.
 */
export function withoutCodexHook(current: string, record: { before: string | null; after: string }, command: string): Result<string | undefined> {
  if (current === record.after) return ok(record.before ?? undefined);
  const parsed = parseHooksFile(current);
  if (!parsed.ok) return fail('E_SETTINGS', `${parsed.message}; remove the hook that runs ${command} by hand`);
  const file = parsed.value;
  const hooks = file['hooks'];
  if (!isObject(hooks) || !Array.isArray(hooks['PreToolUse'])) return ok(current);
  const pre = hooks['PreToolUse'] as unknown[];
  const kept = pre.filter((e) => !isRedlineEntry(e, command));
  if (kept.length === pre.length) return ok(current);
  const had = parseHooksFile(record.before);
  const hadHooks = had.ok && isObject(had.value['hooks']) ? had.value['hooks'] : undefined;
  const nextHooks: Json = { ...hooks, PreToolUse: kept };
  if (kept.length === 0 && (hadHooks === undefined || !('PreToolUse' in hadHooks))) delete nextHooks['PreToolUse'];
  const next: Json = { ...file, hooks: nextHooks };
  if (Object.keys(nextHooks).length === 0 && hadHooks === undefined) delete next['hooks'];
  if (Object.keys(next).length === 0 && record.before === null) return ok(undefined);
  return ok(`${JSON.stringify(next, null, indentOf(current))}\n`);
}

function parseHooksFile(text: string | null): Result<Json> {
  if (text === null || text.trim() === '') return ok({});
  let value: unknown;
  try {
    value = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (err) {
    return fail(
      'E_SETTINGS',
      `${CODEX_HOOKS_FILE} is not valid JSON (${err instanceof Error ? err.message : String(err)}); Redline did not add its hook. Fix the file and connect again`,
    );
  }
  return isObject(value) ? ok(value) : fail('E_SETTINGS', `${CODEX_HOOKS_FILE} does not hold a JSON object; Redline did not add its hook`);
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
