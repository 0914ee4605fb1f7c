import type { HookCall } from './hookInput';
import type { HookVerdict } from './hookVerdict';
import { geminiAnswer, geminiDeny, type GeminiAnswer } from './geminiAnswers';
import { parseGeminiHookCall } from './geminiInput';

/**
 * One Gemini CLI `BeforeTool` call, answered: the body is checked and read into the agent-neutral
 * `HookCall` (a call that does not fit is refused, nothing written), `review` decides it, and the
 * verdict is put in Gemini CLI's answer, with the tool's input rewritten to the accepted text.
 */
export async function answerGemini(body: unknown, review: (call: HookCall) => Promise<HookVerdict>): Promise<GeminiAnswer> {
  const parsed = parseGeminiHookCall(body);
  if (!parsed.ok) return geminiDeny(`Redline refused this edit: ${parsed.message}. Nothing was written.`);
  return geminiAnswer(await review(parsed.value.call), parsed.value);
}
