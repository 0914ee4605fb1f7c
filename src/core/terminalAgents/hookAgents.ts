import { codexDeny, isCodexAnswer, type CodexAnswer } from './codexHook';
import { askAnswer, denyAnswer, type HookAnswer } from './hookAnswers';
import { geminiAsk, geminiDeny, isGeminiAnswer, type GeminiAnswer } from './geminiAnswers';

/**
 * The terminal agents whose command hook is Redline's launcher (`redline-hook <storage> <agent>`),
 * and what the hook client needs of each: where on the loopback server its calls go, and its own
 * answer shapes for the denials the client gives itself (nothing could be reviewed) and for the
 * check of what the server answered.
 */
export type HookAgent = 'claude-code' | 'gemini-cli' | 'codex';

/** Each agent's answer type. */
export interface HookAnswers {
  readonly 'claude-code': HookAnswer;
  readonly 'gemini-cli': GeminiAnswer;
  readonly codex: CodexAnswer;
}

export interface HookAgentRoute<T extends object = object> {
  /** As the user reads it: "Redline: Disconnect <name>". */
  readonly name: string;
  /** The path on the loopback server. */
  readonly path: string;
  deny(reason: string): T;
  ask(reason: string): T;
  /** Whether the server's body is an answer of this agent's (anything else becomes a denial). */
  isAnswer(value: unknown): value is T;
}

export const HOOK_AGENTS: { readonly [A in HookAgent]: HookAgentRoute<HookAnswers[A]> } = {
  'claude-code': { name: 'Claude Code', path: '/hooks/claude-code/pre-tool-use', deny: denyAnswer, ask: askAnswer, isAnswer: isClaudeAnswer },
  'gemini-cli': { name: 'Gemini CLI', path: '/hooks/gemini-cli/before-tool', deny: geminiDeny, ask: geminiAsk, isAnswer: isGeminiAnswer },
  // Codex counts "ask" as a failed hook and runs the tool: its "let the agent decide" is no decision, only a message.
  codex: { name: 'Codex', path: '/hooks/codex/pre-tool-use', deny: codexDeny, ask: (reason) => ({ systemMessage: reason }), isAnswer: isCodexAnswer },
};

export function hookAgent(value: string | undefined): HookAgent | undefined {
  return value === 'claude-code' || value === 'gemini-cli' || value === 'codex' ? value : undefined;
}

function isClaudeAnswer(value: unknown): value is HookAnswer {
  const out = (value as { hookSpecificOutput?: { hookEventName?: unknown; permissionDecision?: unknown } } | null)?.hookSpecificOutput;
  const decision = out?.permissionDecision;
  return out?.hookEventName === 'PreToolUse' && (decision === 'allow' || decision === 'deny' || decision === 'ask');
}
