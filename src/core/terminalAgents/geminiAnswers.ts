import type { GeminiHookCall } from './geminiInput';
import type { HookVerdict } from './hookVerdict';

/**
 * What the hook prints for Gemini CLI's `BeforeTool` (checked against 0.61 and its hooks
 * reference): `decision` "deny" with a `reason` the model reads as the tool's error ("Tool
 * execution blocked: <reason>"), the turn goes on; "allow" with `hookSpecificOutput.tool_input`
 * runs that input instead of the model's (whole: it is not merged, so every required argument is
 * given again); "ask" hands the call to Gemini CLI's own confirmation. `systemMessage` is shown to
 * the user only. The hook always exits 0 with one of these: any other exit, or a hook that times
 * out, counts as no decision and lets the edit through.
 */
export interface GeminiAnswer {
  readonly decision: 'allow' | 'deny' | 'ask';
  readonly reason?: string;
  readonly systemMessage?: string;
  readonly hookSpecificOutput?: { readonly tool_input: Readonly<Record<string, unknown>> };
}

export function geminiDeny(reason: string): GeminiAnswer {
  return { decision: 'deny', reason };
}

export function geminiAsk(reason: string): GeminiAnswer {
  return { decision: 'ask', reason, systemMessage: reason };
}

/**
 * The answer to a reviewed call. allow: `replace` gets `old_string` = the whole file it starts
 * from and `new_string` = the accepted text (exactly one occurrence; the instruction kept, since
 * Gemini CLI requires it); `write_file` gets `content` = the accepted text. The note on a partial
 * accept goes to `systemMessage`: Gemini CLI passes a `BeforeTool` hook's context to no one, and
 * the model reads only that the input was changed by a hook, with the file's new text.
 */
export function geminiAnswer(verdict: HookVerdict, gemini: GeminiHookCall): GeminiAnswer {
  if (verdict.kind === 'deny') return geminiDeny(verdict.reason);
  if (verdict.kind === 'ask') return geminiAsk(verdict.reason);
  const { tool, args } = gemini.input;
  const toolInput =
    tool === 'write_file'
      ? { ...args, file_path: verdict.path, content: verdict.after }
      : {
          ...args,
          file_path: verdict.path,
          old_string: verdict.before ?? '',
          new_string: verdict.after,
          ...('allow_multiple' in args ? { allow_multiple: false } : {}),
          ...('expected_replacements' in args ? { expected_replacements: 1 } : {}),
        };
  return { decision: 'allow', ...(verdict.note ? { systemMessage: verdict.note } : {}), hookSpecificOutput: { tool_input: toolInput } };
}

/** Whether a value is one of the answers above (what the hook client accepts from Redline). */
export function isGeminiAnswer(value: unknown): value is GeminiAnswer {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const v = value as Record<string, unknown>;
  if (v['decision'] !== 'allow' && v['decision'] !== 'deny' && v['decision'] !== 'ask') return false;
  if (v['decision'] !== 'allow' && typeof v['reason'] !== 'string') return false;
  const out = v['hookSpecificOutput'];
  return out === undefined || (typeof out === 'object' && out !== null && !Array.isArray(out));
}
