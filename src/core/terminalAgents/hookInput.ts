import { fail, ok, type Result } from '../result';
import { checkText } from '../text/textFacts';
import type { FilePatch } from './applyPatch';

/**
 * A `PreToolUse` hook call as Claude Code sends it (recipes/agent-clis.md): the tool's input,
 * paths absolute. Checked here before anything else looks at it; a call that does not fit is
 * refused with the reason, never guessed at.
 */
export interface HookCall {
  readonly sessionId: string;
  readonly cwd: string;
  readonly toolUseId: string;
  readonly edit: ToolEdit;
}

/** One edit tool's input, as the tool would apply it to the file. */
export type ToolEdit =
  | { readonly tool: 'Write'; readonly filePath: string; readonly content: string }
  | { readonly tool: 'Edit'; readonly filePath: string; readonly edits: readonly StringEdit[] }
  | { readonly tool: 'MultiEdit'; readonly filePath: string; readonly edits: readonly StringEdit[] }
  /** Codex's `apply_patch` of one file: `filePath` absolute, `patchPath` as the patch names it. */
  | { readonly tool: 'ApplyPatch'; readonly filePath: string; readonly patchPath: string; readonly patch: FilePatch };

export interface StringEdit {
  readonly oldString: string;
  readonly newString: string;
  readonly replaceAll: boolean;
}

/** Characters of one file's text (content, or any one string of an edit). */
export const MAX_TEXT_CHARS = 8 * 1024 * 1024;
const MAX_EDITS = 1_000;
const MAX_ID = 200;
const MAX_PATH = 4_096;
/** Ids go into logs and answers: a plain token, nothing that could carry markup or a newline. */
const ID = /^[A-Za-z0-9][A-Za-z0-9_.:-]*$/;

/** The tools whose edits are reviewed; the hook's matcher names these and NotebookEdit (refused). */
export const EDIT_TOOLS = ['Edit', 'Write', 'MultiEdit', 'NotebookEdit'] as const;

export type Json = Record<string, unknown>;

/**
 * How one agent sends its hook call, where agents differ; `parseAgentCall` checks the rest the
 * same way for every agent.
 */
export interface CallFields {
  /** `hook_event_name` as the agent sends it. */
  readonly event: string;
  /** The agent may name paths relative to `cwd`, so `cwd` must be absolute to read them against. */
  readonly relativePaths: boolean;
  /**
   * The call's id: the agent's `tool_use_id`, or for an agent that sends none, one made from the
   * call once its edit is read.
   */
  readonly toolUseId: 'tool_use_id' | ((body: Json, sessionId: string, toolName: unknown, input: Json) => Result<string>);
  /** The tool's input read into the edit it makes, its paths resolved against `cwd`. */
  toolEdit(toolName: unknown, input: Json, cwd: string): Result<ToolEdit>;
}

/** An agent's hook call checked: the agent-neutral call, and the tool's input as the agent sent it. */
export interface AgentCall {
  readonly call: HookCall;
  readonly toolName: unknown;
  readonly input: Json;
}

/** Validates an agent's hook input (already parsed JSON): own keys, types, sizes, text that is text. */
export function parseAgentCall(value: unknown, fields: CallFields): Result<AgentCall> {
  const top = object(value, 'the hook input');
  if (!top.ok) return top;
  const v = top.value;
  if (own(v, 'hook_event_name') !== fields.event) return fail('E_INPUT', `hook_event_name must be "${fields.event}", got ${show(own(v, 'hook_event_name'))}`);
  const sessionId = id(own(v, 'session_id'), 'session_id');
  if (!sessionId.ok) return sessionId;
  const sent = id(own(v, 'tool_use_id'), 'tool_use_id');
  if (fields.toolUseId === 'tool_use_id' && !sent.ok) return sent;
  const cwd = path(own(v, 'cwd'), 'cwd');
  if (!cwd.ok) return cwd;
  if (fields.relativePaths && !isAbsolute(cwd.value)) return fail('E_INPUT', `cwd must be an absolute path, got ${show(cwd.value)}`);
  const toolName = own(v, 'tool_name');
  const input = object(own(v, 'tool_input'), 'tool_input');
  if (!input.ok) return input;
  const edit = fields.toolEdit(toolName, input.value, cwd.value);
  if (!edit.ok) return edit;
  const toolUseId = fields.toolUseId === 'tool_use_id' ? sent : fields.toolUseId(v, sessionId.value, toolName, input.value);
  if (!toolUseId.ok) return toolUseId;
  return ok({ call: { sessionId: sessionId.value, cwd: cwd.value, toolUseId: toolUseId.value, edit: edit.value }, toolName, input: input.value });
}

/** Claude Code sends absolute paths; its `cwd` is taken as sent. */
const CLAUDE_CALL: CallFields = {
  event: 'PreToolUse',
  relativePaths: false,
  toolUseId: 'tool_use_id',
  toolEdit: (toolName, input) => toolEdit(toolName, input),
};

/** Validates Claude Code's hook stdin JSON (already parsed). */
export function parseHookCall(value: unknown): Result<HookCall> {
  const parsed = parseAgentCall(value, CLAUDE_CALL);
  return parsed.ok ? ok(parsed.value.call) : parsed;
}

/** A POSIX path, or a Windows one with a drive or a UNC prefix. */
export function isAbsolute(p: string): boolean {
  return /^(\/|[A-Za-z]:[\\/]|\\\\)/.test(p);
}

/** A path the agent named against the hook's `cwd`, as the agent resolves it; the workspace check comes later. */
export function resolveIn(cwd: string, p: string): string {
  if (isAbsolute(p)) return p;
  const sep = cwd.includes('\\') && !cwd.includes('/') ? '\\' : '/';
  return `${cwd.replace(/[\\/]+$/, '')}${sep}${p}`;
}

function toolEdit(toolName: unknown, input: Json): Result<ToolEdit> {
  switch (toolName) {
    case 'Write': {
      const keys = onlyKeys(input, ['file_path', 'content'], 'Write');
      if (!keys.ok) return keys;
      const filePath = path(own(input, 'file_path'), 'tool_input.file_path');
      if (!filePath.ok) return filePath;
      const content = text(own(input, 'content'), 'tool_input.content');
      return content.ok ? ok({ tool: 'Write', filePath: filePath.value, content: content.value }) : content;
    }
    case 'Edit': {
      const keys = onlyKeys(input, ['file_path', 'old_string', 'new_string', 'replace_all'], 'Edit');
      if (!keys.ok) return keys;
      const filePath = path(own(input, 'file_path'), 'tool_input.file_path');
      if (!filePath.ok) return filePath;
      const edit = stringEdit(input, 'tool_input');
      return edit.ok ? ok({ tool: 'Edit', filePath: filePath.value, edits: [edit.value] }) : edit;
    }
    case 'MultiEdit': {
      const keys = onlyKeys(input, ['file_path', 'edits'], 'MultiEdit');
      if (!keys.ok) return keys;
      const filePath = path(own(input, 'file_path'), 'tool_input.file_path');
      if (!filePath.ok) return filePath;
      const list = own(input, 'edits');
      if (!Array.isArray(list) || list.length === 0 || list.length > MAX_EDITS)
        return fail('E_INPUT', `tool_input.edits must be a list of 1 to ${MAX_EDITS} edits`);
      const edits: StringEdit[] = [];
      for (const [i, item] of list.entries()) {
        const o = object(item, `tool_input.edits[${i}]`);
        if (!o.ok) return o;
        const keysOf = onlyKeys(o.value, ['old_string', 'new_string', 'replace_all'], `MultiEdit edits[${i}]`);
        if (!keysOf.ok) return keysOf;
        const edit = stringEdit(o.value, `tool_input.edits[${i}]`);
        if (!edit.ok) return edit;
        edits.push(edit.value);
      }
      return ok({ tool: 'MultiEdit', filePath: filePath.value, edits });
    }
    case 'NotebookEdit':
      return fail('E_UNSUPPORTED', 'Redline cannot review notebook edits yet; edit the notebook as text with Write, or ask the user to edit it');
    default:
      return fail('E_INPUT', `tool_name must be one of Edit, Write, MultiEdit, got ${show(toolName)}`);
  }
}

function stringEdit(o: Json, where: string): Result<StringEdit> {
  const oldString = text(own(o, 'old_string'), `${where}.old_string`);
  if (!oldString.ok) return oldString;
  const newString = text(own(o, 'new_string'), `${where}.new_string`);
  if (!newString.ok) return newString;
  const replaceAll = own(o, 'replace_all');
  if (replaceAll !== undefined && typeof replaceAll !== 'boolean') return fail('E_INPUT', `${where}.replace_all must be true or false`);
  return ok({ oldString: oldString.value, newString: newString.value, replaceAll: replaceAll === true });
}

/** Own properties only: a key inherited through `__proto__` in the JSON is not an input. */
export function own(o: Json, key: string): unknown {
  return Object.prototype.hasOwnProperty.call(o, key) ? o[key] : undefined;
}

export function object(value: unknown, what: string): Result<Json> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return fail('E_INPUT', `${what} must be a JSON object`);
  return ok(value as Json);
}

/** An option Redline does not know could change what the tool writes: refused, not ignored. */
export function onlyKeys(o: Json, allowed: readonly string[], tool: string): Result<void> {
  const unknown = Object.keys(o).filter((k) => !allowed.includes(k));
  return unknown.length === 0 ? ok(undefined) : fail('E_INPUT', `Redline does not know the ${tool} option ${show(unknown[0])}; nothing was written`);
}

export function id(value: unknown, what: string): Result<string> {
  if (typeof value !== 'string' || value.length === 0 || value.length > MAX_ID || !ID.test(value))
    return fail('E_INPUT', `${what} must be a plain id of at most ${MAX_ID} characters`);
  return ok(value);
}

export function path(value: unknown, what: string): Result<string> {
  if (typeof value !== 'string' || value.length === 0 || value.length > MAX_PATH)
    return fail('E_INPUT', `${what} must be a path of at most ${MAX_PATH} characters`);
  if (value.includes('\0')) return fail('E_INPUT', `${what} contains a NUL character`);
  return ok(value);
}

export function text(value: unknown, what: string): Result<string> {
  if (typeof value !== 'string') return fail('E_INPUT', `${what} must be a string`);
  if (value.length > MAX_TEXT_CHARS)
    return fail('E_TOO_LARGE', `${what} is larger than ${MAX_TEXT_CHARS} characters; Redline reviews text files of at most that size`);
  const checked = checkText(value, what);
  return checked.ok ? ok(value) : fail(checked.code, checked.message);
}

export function show(value: unknown): string {
  const s = JSON.stringify(value) ?? String(value);
  return s.length > 60 ? `${s.slice(0, 60)}…` : s;
}
