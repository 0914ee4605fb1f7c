import type { AssistantBlock } from './conversation';
import type { ModelTurn, ReceivedToolUse } from './ports';

/**
 * What the loop does with a model turn, by its `stop_reason`. Each outcome is explicit so that a
 * cut or refused answer never passes for a finished one.
 *
 * - `tools`: run the calls (`tool_use`, or a `max_tokens` stop whose last call is whole or cut:
 *   the `cut` call is answered with an error, never run);
 * - `final`: the model finished (`end_turn`, `stop_sequence`);
 * - `cut_text`: `max_tokens` in plain text: ask the model to continue;
 * - `paused`: `pause_turn`: send the content back as it is and let the model go on;
 * - `refused`: `refusal`: the run ends with what the model said;
 * - `context_full`: `model_context_window_exceeded`: the context strategy takes over.
 */
export type TurnOutcome =
  | { kind: 'tools'; calls: ReceivedToolUse[]; cut?: ReceivedToolUse }
  | { kind: 'final' }
  | { kind: 'cut_text' }
  | { kind: 'paused' }
  | { kind: 'refused' }
  | { kind: 'context_full' };

/** How often in a row a plain-text answer cut at max_tokens is continued before the run gives up. */
export const maxTextContinuations = 3;

export function outcomeOf(turn: ModelTurn): TurnOutcome {
  const calls = turn.content.filter((b): b is ReceivedToolUse => b.type === 'tool_use');
  switch (turn.stopReason) {
    case 'refusal':
      return { kind: 'refused' };
    case 'model_context_window_exceeded':
      return { kind: 'context_full' };
    case 'max_tokens': {
      if (calls.length === 0) return { kind: 'cut_text' };
      // Only the last block can be cut; a call whose JSON parsed was written out whole. One cut
      // before its first character has no input at all, which would otherwise read as `{}`.
      const last = turn.content[turn.content.length - 1];
      const cut = last?.type === 'tool_use' && (last.input === undefined || last.rawInput === '') ? last : undefined;
      return { kind: 'tools', calls, ...(cut === undefined ? {} : { cut }) };
    }
    case 'pause_turn':
      return calls.length === 0 ? { kind: 'paused' } : { kind: 'tools', calls };
    default:
      return calls.length === 0 ? { kind: 'final' } : { kind: 'tools', calls };
  }
}

/** The tool result a call cut at `max_tokens` gets instead of being run. */
export function cutCallMessage(maxTokens: number): string {
  return (
    `Your output was cut at max_tokens (${maxTokens} tokens) in the middle of this call, so it was not run. ` +
    'Write the file in parts: create it with the first part, then append the rest with further edits.'
  );
}

/** The user message that asks for the rest of a plain-text answer cut at `max_tokens`. */
export function continueTextMessage(maxTokens: number): string {
  return `Your answer was cut at max_tokens (${maxTokens} tokens). Continue exactly where it stopped, without repeating anything.`;
}

/**
 * The assistant blocks kept from a turn. Thinking blocks go back unchanged and in order (the API
 * refuses a tool-use turn without them); empty text is dropped (the API refuses it); a call whose
 * input did not parse is kept as `{}`, since the API needs an object and its result says what was wrong.
 */
export function toAssistantBlocks(content: ModelTurn['content']): AssistantBlock[] {
  return content.flatMap((block): AssistantBlock[] => {
    switch (block.type) {
      case 'text':
        return block.text === '' ? [] : [block];
      case 'thinking':
        // A block with no signature (its answer cut before the signature came) would only earn a 400.
        return block.signature === '' ? [] : [block];
      case 'redacted_thinking':
        return [block];
      case 'tool_use': {
        const input = block.input;
        const object = input !== undefined && typeof input === 'object' && input !== null && !Array.isArray(input) ? input : {};
        return [{ type: 'tool_use', id: block.id, name: block.name, input: object }];
      }
    }
  });
}
