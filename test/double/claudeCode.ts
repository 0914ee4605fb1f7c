import { asArray, asString, field, type Json } from './json';
import { errorStep, messagesOf, turnOf, type ReplyBlock, type ScriptFn, type Step } from './script';

/**
 * Scripting the double for the real Claude Code CLI. Claude Code's tools are its own (`Read`,
 * `Edit`, `Write`…, paths absolute), and it puts a hook's note to the model in a `role: "system"`
 * message after the tool result, so the helpers that read Redline's own requests do not fit.
 */

/** `Read {file_path}`: a tool_use block of a scripted reply. */
export function readCall(filePath: string): ReplyBlock {
  return { type: 'tool_use', name: 'Read', input: { file_path: filePath } };
}

/** `Edit {file_path, old_string, new_string}`; `old_string` must occur once in the file. */
export function editCall(filePath: string, oldString: string, newString: string): ReplyBlock {
  return { type: 'tool_use', name: 'Edit', input: { file_path: filePath, old_string: oldString, new_string: newString } };
}

/** `Write {file_path, content}`: creates the file or replaces its whole text. */
export function writeCall(filePath: string, content: string): ReplyBlock {
  return { type: 'tool_use', name: 'Write', input: { file_path: filePath, content } };
}

/**
 * Answers each request by the assistant turns it already carries, not by its arrival: a request
 * Claude Code retries, or sends again without streaming after an error, gets the same step.
 * Running past the end is a loud 500, as with a step list.
 */
export function byTurn(steps: Step[]): ScriptFn {
  return ({ body }) => {
    const turn = turnOf(body);
    return steps[turn] ?? errorStep(500, { errorType: 'api_error', message: `double: script has no step for turn ${turn}` });
  };
}

/** What the model is told after its last turn: the results of its tool calls and the system notes that follow them. */
export interface TurnAnswer {
  toolResults: { toolUseId: string; isError: boolean; text: string }[];
  /** Texts of `role: "system"` messages, where a hook's `additionalContext` arrives. */
  notes: string[];
}

export function answerToLastTurn(body: Json): TurnAnswer {
  const messages = messagesOf(body);
  let lastAssistant = -1;
  messages.forEach((m, i) => {
    if (field(m, 'role') === 'assistant') lastAssistant = i;
  });
  const after = messages.slice(lastAssistant + 1);
  const answer: TurnAnswer = { toolResults: [], notes: [] };
  for (const message of after) {
    const role = field(message, 'role');
    for (const block of blocksOf(field(message, 'content'))) {
      if (role === 'system') answer.notes.push(textOf(block));
      else if (role === 'user' && field(block, 'type') === 'tool_result') {
        answer.toolResults.push({
          toolUseId: asString(field(block, 'tool_use_id')) ?? '',
          isError: field(block, 'is_error') === true,
          text: textOf(field(block, 'content') ?? ''),
        });
      }
    }
  }
  return answer;
}

function blocksOf(content: Json | undefined): Json[] {
  return typeof content === 'string' ? [{ type: 'text', text: content }] : asArray(content);
}

function textOf(value: Json): string {
  if (typeof value === 'string') return value;
  const text = asString(field(value, 'text'));
  if (text !== undefined) return text;
  return asArray(value).map(textOf).join('\n');
}
