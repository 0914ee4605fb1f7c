import { fail, ok, type Result } from '../result';
import { applyFilePatch } from './applyPatch';
import type { ToolEdit } from './hookInput';

/**
 * The file text the agent's tool would leave, computed from the text on disk the way the tool
 * applies it: Write replaces the whole text (`current` null: a new file); Edit and MultiEdit
 * replace `old_string` (exactly once unless `replace_all`), edits one after the other. A string
 * that is missing or ambiguous is refused with the tool's own reason, so the agent can retry.
 * Codex's ApplyPatch as Codex applies it (`applyPatch.ts`).
 */
export function proposedText(edit: ToolEdit, current: string | null): Result<string> {
  if (edit.tool === 'Write') return ok(edit.content);
  if (edit.tool === 'ApplyPatch') return applyFilePatch(edit.patch, current);
  if (current === null) return fail('E_INPUT', `${edit.filePath} does not exist; create it with Write`);
  let text = current;
  for (const [i, e] of edit.edits.entries()) {
    const which = edit.edits.length > 1 ? `edit ${i + 1}: ` : '';
    if (e.oldString === '') return fail('E_INPUT', `${which}old_string is empty; use Write to create a file`);
    if (e.oldString === e.newString) return fail('E_INPUT', `${which}old_string and new_string are the same; there is nothing to change`);
    const first = text.indexOf(e.oldString);
    if (first === -1) return fail('E_INPUT', `${which}old_string was not found in ${edit.filePath}; read the file again`);
    if (e.replaceAll) {
      text = text.split(e.oldString).join(e.newString);
      continue;
    }
    if (text.indexOf(e.oldString, first + 1) !== -1)
      return fail('E_INPUT', `${which}old_string occurs more than once in ${edit.filePath}; give more context or set replace_all`);
    text = text.slice(0, first) + e.newString + text.slice(first + e.oldString.length);
  }
  return ok(text);
}
