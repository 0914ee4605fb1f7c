import { runCommand } from './commandTool';
import type { ReceivedToolUse } from './ports';
import { findFiles, listDir, readFile, searchText } from './readTools';
import { refused, type ToolContext, type ToolOutcome } from './toolContext';
import { type ToolArgs, validateInput } from './toolInput';
import { findTool, type ToolDef } from './toolRegistry';
import { createFile, deleteFile, proposeEdit, runCheck, reportStepStatus } from './writeTools';

type Handler = (ctx: ToolContext, args: ToolArgs) => ToolOutcome | Promise<ToolOutcome>;

const handlers: Record<string, Handler> = {
  read_file: readFile,
  list_dir: listDir,
  find_files: findFiles,
  search_text: searchText,
  propose_edit: proposeEdit,
  create_file: createFile,
  delete_file: deleteFile,
  set_step_status: reportStepStatus,
  run_check: runCheck,
  run_command: runCommand,
};

/**
 * Executes one tool call. The offer check comes first and is the plan-mode guarantee: a tool the
 * mode does not offer is refused before its input is even looked at, and nothing happens.
 */
export async function executeTool(offered: readonly ToolDef[], modeLabel: string, ctx: ToolContext, call: ReceivedToolUse): Promise<ToolOutcome> {
  const def = offered.find((d) => d.name === call.name);
  if (def === undefined) {
    const known = findTool(call.name) !== undefined;
    return refused(known ? `${call.name} is not available in ${modeLabel}; nothing was done` : `there is no tool named ${call.name}; nothing was done`);
  }
  const args = validateInput(def, call.input, call.rawInput);
  if (!args.ok) return refused(`${args.message}; nothing was done`);
  const handler = handlers[def.name];
  if (handler === undefined) throw new Error(`bug: tool ${def.name} has no handler`);
  return handler(ctx, args.value);
}
