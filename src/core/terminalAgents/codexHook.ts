import { fail, ok, type Result } from '../result';
import { parsePatch, wholeFilePatch } from './applyPatch';
import { onlyKeys, own, parseAgentCall, resolveIn, show, text, type CallFields, type HookCall, type Json, type ToolEdit } from './hookInput';
import { CODEX_SOURCE } from './hookSource';
import type { HookVerdict } from './hookVerdict';

/**
 * Codex's `PreToolUse` hook (recipes/agent-clis.md, Codex CLI): the call it sends on stdin and the
 * answer it reads on stdout. Seen with Codex 0.171 against a loopback Responses API: `apply_patch`
 * arrives as `{tool_name: "apply_patch", tool_input: {command: <patch>}}`, its paths relative to
 * `cwd`; a deny's reason reaches the model as the tool's output; an allow runs `updatedInput`
 * instead of the model's patch, and `additionalContext` reaches the model as a developer message.
 */

/** The tool whose calls are reviewed; the hook's matcher names only it. */
export const CODEX_EDIT_TOOL = 'apply_patch';

export interface CodexAnswer {
  readonly hookSpecificOutput?: {
    readonly hookEventName: 'PreToolUse';
    readonly permissionDecision: 'allow' | 'deny';
    readonly permissionDecisionReason?: string;
    readonly updatedInput?: { readonly command: string };
    readonly additionalContext?: string;
  };
  readonly systemMessage?: string;
}

/** Codex sends its own `tool_use_id`; the patch's paths are relative to `cwd`. */
const CODEX_CALL: CallFields = { event: 'PreToolUse', relativePaths: true, toolUseId: 'tool_use_id', toolEdit: patchEdit };

/** Validates Codex's hook input (already parsed JSON) into the call every agent's review takes. */
export function parseCodexCall(value: unknown): Result<HookCall> {
  const parsed = parseAgentCall(value, CODEX_CALL);
  return parsed.ok ? ok(parsed.value.call) : parsed;
}

function patchEdit(toolName: unknown, input: Json, cwd: string): Result<ToolEdit> {
  if (toolName !== CODEX_EDIT_TOOL) return fail('E_INPUT', `tool_name must be "${CODEX_EDIT_TOOL}", got ${show(toolName)}`);
  const keys = onlyKeys(input, ['command'], CODEX_EDIT_TOOL);
  if (!keys.ok) return keys;
  const patchText = text(own(input, 'command'), 'tool_input.command');
  if (!patchText.ok) return patchText;
  const patch = parsePatch(patchText.value);
  if (!patch.ok) return patch;
  return ok({ tool: 'ApplyPatch', filePath: resolveIn(cwd, patch.value.path), patchPath: patch.value.path, patch: patch.value });
}

/**
 * Codex's answer to a verdict. Allow: the accepted text as a patch of the whole file, from the
 * text the tool starts from, so Codex writes exactly that (with a final newline: Codex always
 * ends a file with one). Ask: no decision at all, so Codex's own approval settings decide; Codex
 * 0.171 counts `"permissionDecision": "ask"` as a failed hook and runs the tool.
 */
export function codexAnswer(verdict: HookVerdict, edit: ToolEdit): CodexAnswer {
  if (verdict.kind === 'deny') return codexDeny(verdict.reason);
  if (verdict.kind === 'ask') return { systemMessage: verdict.reason };
  const patchPath = edit.tool === 'ApplyPatch' ? edit.patchPath : verdict.path;
  return {
    hookSpecificOutput: {
      hookEventName: 'PreToolUse',
      permissionDecision: 'allow',
      updatedInput: { command: wholeFilePatch(patchPath, verdict.before, verdict.after) },
      ...(verdict.note !== undefined ? { additionalContext: verdict.note } : {}),
    },
  };
}

export function codexDeny(reason: string): CodexAnswer {
  return { hookSpecificOutput: { hookEventName: 'PreToolUse', permissionDecision: 'deny', permissionDecisionReason: reason } };
}

/** Whether the server's body is an answer Codex acts on: allow or deny, or no decision (a message only); never "ask". */
export function isCodexAnswer(value: unknown): value is CodexAnswer {
  const reply = value as { hookSpecificOutput?: { hookEventName?: unknown; permissionDecision?: unknown }; systemMessage?: unknown } | null;
  const out = reply?.hookSpecificOutput;
  if (out === undefined) return typeof reply?.systemMessage === 'string';
  return out.hookEventName === 'PreToolUse' && (out.permissionDecision === 'allow' || out.permissionDecision === 'deny');
}

/** The review every agent's call goes through (`agent` names it in the changeset's source). */
export type ReviewCall = (call: HookCall, agent: string, gone: AbortSignal) => Promise<HookVerdict>;

/**
 * One call of Codex's hook: read in Codex's words, reviewed like any agent's edit, answered in
 * Codex's words. A call Redline cannot read is denied with the reason, so the model can retry.
 */
export async function answerCodexCall(body: unknown, gone: AbortSignal, review: ReviewCall): Promise<CodexAnswer> {
  const call = parseCodexCall(body);
  if (!call.ok) return codexDeny(`Redline refused this edit: ${call.message}. Nothing was written.`);
  return codexAnswer(await review(call.value, CODEX_SOURCE, gone), call.value.edit);
}
