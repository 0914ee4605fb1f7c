import { fail, ok, type Result } from '../result';
import { CODEX_EDIT_TOOL } from './codexHook';
import { GEMINI_EDIT_TOOLS } from './geminiInput';
import type { HookAgent } from './hookAgents';
import { EDIT_TOOLS } from './hookInput';

/**
 * Each agent's hook configuration, a JSON file in the workspace (recipes/agent-clis.md). Connect
 * adds one entry to the agent's list of hooks for its before-the-tool event; Disconnect puts back
 * the bytes that were there when nothing else changed the file since, and otherwise removes only
 * that entry. The agents differ only in what the table below names.
 */
export interface JsonHookShape {
  /** Relative to the workspace folder, POSIX. */
  readonly file: string;
  /** The list under `hooks` that Redline's entry goes into. */
  readonly event: string;
  /** The entry Connect adds: every edit tool runs `command` first and waits for its answer. */
  entry(command: string): Json;
  /** The refusal of a file that does not parse (`detail`: the parser's reason); by default that it is not valid JSON. */
  notJson?(detail: string): string;
  /** The refusal of a file that holds JSON but not an object. */
  readonly notObject?: string;
  /** Disconnect removes a file Connect created once only `{}` is left of it, even after the user changed it. */
  readonly removeEmptied: boolean;
}

/** One agent's settings file and the pure edits in and out of it. */
export interface JsonHookSettings {
  readonly file: string;
  /**
   * The settings text with Redline's hook (replacing an earlier Redline entry for the same
   * command); `existing` null: there is no file. A file that is not a JSON object is refused.
   */
  withHook(existing: string | null, command: string): Result<string>;
  /**
   * The settings text without Redline's hook (`undefined`: remove the file). Still exactly what
   * Connect wrote: the bytes from before. Changed since: only Redline's entry goes, and lists or
   * objects left empty that Connect had added go too.
   */
  withoutHook(current: string, record: { before: string | null; after: string }, command: string): Result<string | undefined>;
}

type Json = Record<string, unknown>;

/** Seconds Claude Code and Codex wait for the hook: the user may take a while to review. */
export const HOOK_TIMEOUT_SECONDS = 3_600;
/**
 * Milliseconds Gemini CLI waits for the hook (its setting is in ms; the default of 60 s is far
 * too short for a review). A hook that times out counts as no decision there, and the edit is
 * written: the hook client answers well before this.
 */
export const GEMINI_HOOK_TIMEOUT_MS = 3_600_000;
export const SETTINGS_FILE = '.claude/settings.local.json';
export const CODEX_HOOKS_FILE = '.codex/hooks.json';
export const GEMINI_SETTINGS_FILE = '.gemini/settings.json';
export const HOOK_MATCHER = EDIT_TOOLS.join('|');
/** A regular expression, as Codex reads `matcher`: exactly the patch tool. */
export const CODEX_HOOK_MATCHER = `^${CODEX_EDIT_TOOL}$`;
/** A regular expression over the tool name; anchored, so an MCP tool named `…replace…` is not caught. */
export const GEMINI_HOOK_MATCHER = `^(${GEMINI_EDIT_TOOLS.join('|')})$`;

export const HOOK_SETTINGS: { readonly [A in HookAgent]: JsonHookSettings } = {
  // Claude Code's local, unshared settings. `onFailure: "block"`: a hook that times out or crashes
  // denies the edit; without it Claude Code would count that as no decision and write the edit
  // unreviewed. Claude Code ignores a file it cannot read silently, so a hook in it would never run.
  'claude-code': jsonHookSettings({
    file: SETTINGS_FILE,
    event: 'PreToolUse',
    entry: (command) => ({ matcher: HOOK_MATCHER, hooks: [{ type: 'command', command, timeout: HOOK_TIMEOUT_SECONDS, onFailure: 'block' }] }),
    notJson: (detail) =>
      `${SETTINGS_FILE} is not valid JSON (${detail}); Claude Code would ignore it silently, so Redline did not add its hook. Fix the file and connect again`,
    notObject: `${SETTINGS_FILE} does not hold a JSON object; Claude Code would ignore it, so Redline did not add its hook`,
    removeEmptied: false,
  }),
  // The project's Gemini CLI settings (it has no local, unshared file; Connect writes this one only
  // when git does not track it). Gemini CLI reads comments in it, which Redline would lose on
  // rewriting, so such a file is refused.
  'gemini-cli': jsonHookSettings({
    file: GEMINI_SETTINGS_FILE,
    event: 'BeforeTool',
    entry: (command) => ({ matcher: GEMINI_HOOK_MATCHER, hooks: [{ name: 'redline-review', type: 'command', command, timeout: GEMINI_HOOK_TIMEOUT_MS }] }),
    notJson: (detail) =>
      `${GEMINI_SETTINGS_FILE} is not plain JSON (${detail}); Redline did not add its hook, so as not to lose comments or text it cannot read. Add the hook by hand or remove the comments, and connect again`,
    removeEmptied: true,
  }),
  // The project layer Codex reads beside `.codex/config.toml`. Codex runs a project's hooks only
  // once the user trusts the project and the hook itself (`/hooks` in Codex); until then it skips it.
  codex: jsonHookSettings({
    file: CODEX_HOOKS_FILE,
    event: 'PreToolUse',
    entry: (command) => ({ matcher: CODEX_HOOK_MATCHER, hooks: [{ type: 'command', command, timeout: HOOK_TIMEOUT_SECONDS }] }),
    removeEmptied: true,
  }),
};

/** The edits in and out of one agent's JSON settings file, byte for byte where nothing changed. */
export function jsonHookSettings(shape: JsonHookShape): JsonHookSettings {
  const { file, event } = shape;
  const parse = (text: string | null): Result<Json> => parseSettings(shape, text);
  return {
    file,
    withHook(existing, command) {
      const parsed = parse(existing);
      if (!parsed.ok) return parsed;
      const settings = parsed.value;
      const hooks = settings['hooks'] ?? {};
      if (!isObject(hooks)) return fail('E_SETTINGS', `${file}: "hooks" is not an object; fix it and connect again`);
      const list = hooks[event] ?? [];
      if (!Array.isArray(list)) return fail('E_SETTINGS', `${file}: "hooks.${event}" is not a list; fix it and connect again`);
      const next = { ...settings, hooks: { ...hooks, [event]: [...list.filter((e) => !isRedlineEntry(e, command)), shape.entry(command)] } };
      return ok(`${JSON.stringify(next, null, indentOf(existing))}\n`);
    },
    withoutHook(current, record, command) {
      if (current === record.after) return ok(record.before ?? undefined);
      const parsed = parse(current);
      if (!parsed.ok) return fail('E_SETTINGS', `${parsed.message}; remove the hook that runs ${command} by hand`);
      const settings = parsed.value;
      const hooks = settings['hooks'];
      if (!isObject(hooks) || !Array.isArray(hooks[event])) return ok(current);
      const list = hooks[event] as unknown[];
      const kept = list.filter((e) => !isRedlineEntry(e, command));
      if (kept.length === list.length) return ok(current);
      const had = parse(record.before);
      const hadHooks = had.ok && isObject(had.value['hooks']) ? had.value['hooks'] : undefined;
      const nextHooks: Json = { ...hooks, [event]: kept };
      if (kept.length === 0 && (hadHooks === undefined || !(event in hadHooks))) delete nextHooks[event];
      const next: Json = { ...settings, hooks: nextHooks };
      if (Object.keys(nextHooks).length === 0 && hadHooks === undefined) delete next['hooks'];
      if (shape.removeEmptied && Object.keys(next).length === 0 && record.before === null) return ok(undefined);
      return ok(`${JSON.stringify(next, null, indentOf(current))}\n`);
    },
  };
}

function parseSettings(shape: JsonHookShape, text: string | null): Result<Json> {
  if (text === null || text.trim() === '') return ok({});
  let value: unknown;
  try {
    value = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (err) {
    const detail = err instanceof Error ? err.message : String(err);
    return fail(
      'E_SETTINGS',
      shape.notJson?.(detail) ?? `${shape.file} is not valid JSON (${detail}); Redline did not add its hook. Fix the file and connect again`,
    );
  }
  return isObject(value) ? ok(value) : fail('E_SETTINGS', shape.notObject ?? `${shape.file} does not hold a JSON object; Redline did not add its hook`);
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
