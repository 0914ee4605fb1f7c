import type { ToolEdit } from './hookInput';
import type { HookVerdict } from './hookVerdict';

/**
 * What the hook prints for Claude Code (recipes/agent-clis.md, "Answers"). An allow always carries
 * `updatedInput`: the tool then writes exactly the accepted text, whatever the model proposed.
 */
export interface HookAnswer {
  readonly hookSpecificOutput: {
    readonly hookEventName: 'PreToolUse';
    readonly permissionDecision: 'allow' | 'deny' | 'ask';
    readonly permissionDecisionReason?: string;
    readonly updatedInput?: Readonly<Record<string, unknown>>;
    readonly additionalContext?: string;
  };
}

export function denyAnswer(reason: string): HookAnswer {
  return { hookSpecificOutput: { hookEventName: 'PreToolUse', permissionDecision: 'deny', permissionDecisionReason: reason } };
}

/** Lets the agent's own permission prompt decide (the user's setting when no window serves the folder). */
export function askAnswer(reason: string): HookAnswer {
  return { hookSpecificOutput: { hookEventName: 'PreToolUse', permissionDecision: 'ask', permissionDecisionReason: reason } };
}

/**
 * Claude Code's answer to a verdict on `edit`. An Edit is allowed as one replacement of the whole
 * file (`old_string` = the text the tool reads, `new_string` = the accepted text): the only input
 * of that tool that writes an arbitrary result; a Write as the accepted content.
 */
export function claudeAnswer(verdict: HookVerdict, edit: ToolEdit): HookAnswer {
  if (verdict.kind === 'deny') return denyAnswer(verdict.reason);
  if (verdict.kind === 'ask') return askAnswer(verdict.reason);
  const updatedInput =
    edit.tool === 'Write'
      ? { file_path: edit.filePath, content: verdict.after }
      : edit.tool === 'Edit'
        ? { file_path: edit.filePath, old_string: verdict.before ?? '', new_string: verdict.after }
        : { file_path: edit.filePath, edits: [{ old_string: verdict.before ?? '', new_string: verdict.after }] };
  return {
    hookSpecificOutput: {
      hookEventName: 'PreToolUse',
      permissionDecision: 'allow',
      updatedInput,
      ...(verdict.note !== undefined ? { additionalContext: verdict.note } : {}),
    },
  };
}
