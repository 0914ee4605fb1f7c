import { fail, ok, type Result } from '../result';
import { onlyKeys, own, parseAgentCall, path, resolveIn, show, text, type CallFields, type HookCall, type Json, type ToolEdit } from './hookInput';

/**
 * A `BeforeTool` hook call as Gemini CLI sends it (checked against 0.61): `{session_id,
 * transcript_path, cwd, hook_event_name: "BeforeTool", timestamp, tool_name, tool_input}`, the
 * tool's arguments as the model wrote them (a path may be relative to `cwd`). Read into the same
 * `HookCall` as Claude Code's, plus the tool's own input, which the answer gives back whole:
 * Gemini CLI runs a rewritten `tool_input` in place of the model's, not merged into it.
 */
export interface GeminiHookCall {
  readonly call: HookCall;
  readonly input: GeminiToolInput;
}

export type GeminiToolInput =
  | { readonly tool: 'write_file'; readonly args: Readonly<Record<string, unknown>> }
  | { readonly tool: 'replace'; readonly args: Readonly<Record<string, unknown>> };

/** The edit tools whose calls are reviewed (the hook's matcher names exactly these). */
export const GEMINI_EDIT_TOOLS = ['replace', 'write_file'] as const;

const REPLACE_KEYS = ['file_path', 'instruction', 'old_string', 'new_string', 'allow_multiple', 'expected_replacements'];
const MAX_INSTRUCTION = 64 * 1024;

/**
 * Gemini CLI gives a call no id of its own: the time and a digest of the call stand in for one,
 * so that the same body sent twice is recognized as a replay.
 */
function madeId(body: Json, sessionId: string, toolName: unknown, input: Json): Result<string> {
  const timestamp = own(body, 'timestamp');
  if (typeof timestamp !== 'string' || !/^\d{4}-\d\d-\d\dT[\d:.]+Z$/.test(timestamp)) return fail('E_INPUT', 'timestamp must be an ISO 8601 time');
  return ok(`${timestamp}.${digest(`${sessionId}\n${String(toolName)}\n${JSON.stringify(input)}`)}`);
}

const GEMINI_CALL: CallFields = { event: 'BeforeTool', relativePaths: true, toolUseId: madeId, toolEdit };

export function parseGeminiHookCall(value: unknown): Result<GeminiHookCall> {
  const parsed = parseAgentCall(value, GEMINI_CALL);
  if (!parsed.ok) return parsed;
  const { call, toolName, input } = parsed.value;
  return ok({ call, input: { tool: toolName === 'replace' ? 'replace' : 'write_file', args: input } });
}

function toolEdit(toolName: unknown, input: Json, cwd: string): Result<ToolEdit> {
  switch (toolName) {
    case 'write_file': {
      const keys = onlyKeys(input, ['file_path', 'content'], 'write_file');
      if (!keys.ok) return keys;
      const filePath = path(own(input, 'file_path'), 'tool_input.file_path');
      if (!filePath.ok) return filePath;
      const content = text(own(input, 'content'), 'tool_input.content');
      return content.ok ? ok({ tool: 'Write', filePath: resolveIn(cwd, filePath.value), content: content.value }) : content;
    }
    case 'replace': {
      const keys = onlyKeys(input, REPLACE_KEYS, 'replace');
      if (!keys.ok) return keys;
      const filePath = path(own(input, 'file_path'), 'tool_input.file_path');
      if (!filePath.ok) return filePath;
      const oldString = text(own(input, 'old_string'), 'tool_input.old_string');
      if (!oldString.ok) return oldString;
      const newString = text(own(input, 'new_string'), 'tool_input.new_string');
      if (!newString.ok) return newString;
      const instruction = own(input, 'instruction');
      if (instruction !== undefined && (typeof instruction !== 'string' || instruction.length > MAX_INSTRUCTION))
        return fail('E_INPUT', `tool_input.instruction must be a string of at most ${MAX_INSTRUCTION} characters`);
      // An empty old_string makes replace create the file; a new file is reviewed through write_file.
      if (oldString.value === '') return fail('E_INPUT', 'old_string is empty; create a new file with write_file');
      const replaceAll = replaceMode(input);
      if (!replaceAll.ok) return replaceAll;
      return ok({
        tool: 'Edit',
        filePath: resolveIn(cwd, filePath.value),
        edits: [{ oldString: oldString.value, newString: newString.value, replaceAll: replaceAll.value }],
      });
    }
    default:
      return fail('E_INPUT', `tool_name must be one of ${GEMINI_EDIT_TOOLS.join(', ')}, got ${show(toolName)}`);
  }
}

/**
 * `allow_multiple: true` replaces every occurrence (at least one); without it, exactly one must
 * occur. Earlier versions said `expected_replacements: N` instead, meaning exactly N: 1 is the
 * same as the default; more than 1 is refused, since the review applies an edit once or to all.
 */
function replaceMode(input: Record<string, unknown>): Result<boolean> {
  const multiple = own(input, 'allow_multiple');
  if (multiple !== undefined && typeof multiple !== 'boolean') return fail('E_INPUT', 'tool_input.allow_multiple must be true or false');
  const expected = own(input, 'expected_replacements');
  if (expected !== undefined) {
    if (typeof expected !== 'number' || !Number.isInteger(expected) || expected < 1)
      return fail('E_INPUT', 'tool_input.expected_replacements must be a whole number of at least 1');
    if (expected > 1)
      return fail(
        'E_UNSUPPORTED',
        `Redline reviews a replace of exactly one occurrence or of all of them, not exactly ${expected}; give old_string more context, or set allow_multiple to replace them all`,
      );
    if (multiple === true) return fail('E_INPUT', 'tool_input.allow_multiple and expected_replacements: 1 contradict each other');
  }
  return ok(multiple === true);
}

/** 64 bits of FNV-1a (two 32-bit lanes): enough to tell calls apart, not a security measure. */
function digest(s: string): string {
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ 0x5bd1e995;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193) >>> 0;
    b = Math.imul(b ^ c, 0x5bd1e995) >>> 0;
  }
  return a.toString(16).padStart(8, '0') + b.toString(16).padStart(8, '0');
}
