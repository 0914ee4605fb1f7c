import { codexAnswer, codexDeny, parseCodexCall, type CodexAnswer } from './codexHook';
import type { HookCall } from './hookInput';
import type { HookVerdict } from './hookVerdict';
import { CODEX_SOURCE } from './hookSource';

/** The agents whose `PreToolUse` hooks Redline answers, each on its own path of the hook server. */
export const HOOK_AGENTS = ['claude-code', 'codex'] as const;
export type HookAgent = (typeof HOOK_AGENTS)[number];

export function isHookAgent(value: unknown): value is HookAgent {
  return HOOK_AGENTS.some((a) => a === value);
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
