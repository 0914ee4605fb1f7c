import type { JsonObject, ToolSpec } from './conversation';

export type AgentMode = 'plan' | 'build';

/** A field of a tool's input. One description drives both the JSON schema and the validator. */
export type FieldSpec =
  | { kind: 'string'; description: string; maxLength: number; optional?: boolean; allowEmpty?: boolean }
  | { kind: 'integer'; description: string; min: number; optional?: boolean }
  | { kind: 'boolean'; description: string; optional?: boolean }
  | { kind: 'enum'; description: string; values: readonly string[]; optional?: boolean }
  | { kind: 'array'; description: string; items: Record<string, FieldSpec>; minItems: number; maxItems: number; optional?: boolean };

export interface ToolDef {
  name: string;
  description: string;
  fields: Record<string, FieldSpec>;
  /** Build-only tools change proposals, plan state or run checks. */
  mode: AgentMode;
}

/** Caps keep one tool call from carrying a whole repository; a file body gets more room than a path. */
export const limits = {
  path: 1024,
  pattern: 1000,
  text: 400_000,
  note: 2000,
  rawInput: 1_000_000,
  /** Levels of nested objects and arrays in one input (the tools' own schemas use 3). */
  depth: 32,
} as const;

const path = (description: string): FieldSpec => ({ kind: 'string', description, maxLength: limits.path });
const step: FieldSpec = {
  kind: 'string',
  description: 'Id of the plan step this change serves, from the plan\'s Steps list (e.g. s3; 3 or "Step 3" also work).',
  maxLength: 200,
};
const intent: FieldSpec = {
  kind: 'string',
  description:
    'Optional: one short line (at most 120 characters) saying why you make this change, e.g. "validate the token before use". The reviewer reads your edits grouped by it; reuse the same words for edits that serve the same purpose.',
  maxLength: 200,
  optional: true,
};
const headLimit = (what: string): FieldSpec => ({ kind: 'integer', description: `Most ${what} to return (default 200).`, min: 1, optional: true });

export const reportedStepStatuses = ['todo', 'in_progress', 'done', 'blocked'] as const;
export type ReportedStepStatus = (typeof reportedStepStatuses)[number];

const defs: readonly ToolDef[] = [
  {
    name: 'read_file',
    mode: 'plan',
    description:
      "Read a workspace file with line numbers (cat -n style), whole or a line range. The header gives the lines shown and the file's length in lines; a long file is read 2000 lines at a time and the header says which start_line reads on. A file you proposed to change reads as proposed. The numbers and the tab after them are not part of the file.",
    fields: {
      path: path('Workspace-relative path.'),
      start_line: { kind: 'integer', description: 'First line to read (1-based).', min: 1, optional: true },
      end_line: { kind: 'integer', description: 'Last line to read (inclusive).', min: 1, optional: true },
    },
  },
  {
    name: 'list_dir',
    mode: 'plan',
    description: 'List a workspace folder. Use "." for the workspace root.',
    fields: { path: path('Workspace-relative folder path.') },
  },
  {
    name: 'find_files',
    mode: 'plan',
    description:
      'Find workspace files by glob, e.g. "src/**/*.ts" or "*.md" (a glob without a slash matches file names at any depth). Files ignored by .gitignore or files.exclude and denied files are left out; files you proposed are included, files you proposed deleting are not. Says when the list was cut.',
    fields: {
      glob: { kind: 'string', description: 'Glob relative to the workspace root.', maxLength: limits.pattern },
      limit: headLimit('paths'),
      sort: { kind: 'enum', description: 'path (default) or mtime (most recently modified first).', values: ['path', 'mtime'], optional: true },
    },
  },
  {
    name: 'search_text',
    mode: 'plan',
    description:
      'Search workspace files for text (ripgrep). Content mode returns "path:line: text" for each matching line and "path-line- text" for context lines. Files ignored by .gitignore or files.exclude, denied files and files over 1 MB are not searched; your proposals are searched as proposed. The result says when it was cut by a limit; then narrow the glob or the pattern.',
    fields: {
      pattern: { kind: 'string', description: 'Text to find, or a regular expression when is_regex is true.', maxLength: limits.pattern },
      is_regex: { kind: 'boolean', description: 'Treat pattern as a regular expression (default: literal text).', optional: true },
      ignore_case: { kind: 'boolean', description: 'Match case-insensitively.', optional: true },
      glob: {
        kind: 'string',
        description: 'Only files matching this glob, e.g. "*.ts" (any depth) or "src/**/*.ts".',
        maxLength: limits.pattern,
        optional: true,
      },
      context: { kind: 'integer', description: 'Lines of context before and after each match (content mode).', min: 0, optional: true },
      output_mode: {
        kind: 'enum',
        description: 'content (default): matching lines; files_with_matches: paths only; count: matches per file.',
        values: ['content', 'files_with_matches', 'count'],
        optional: true,
      },
      head_limit: headLimit('matching lines (content) or files (the other modes)'),
    },
  },
  {
    name: 'ask_user',
    mode: 'plan',
    description:
      'Ask the user a question and wait for the answer (it is shown to them in VS Code). Use it when the plan leaves a decision open that you cannot settle from the code; not for permission to do what the plan asks. The result is the answer, or says that the user did not answer.',
    fields: { question: { kind: 'string', description: 'The question, short and self-contained.', maxLength: limits.note } },
  },
  {
    name: 'view_changeset',
    mode: 'build',
    description:
      'Show your proposals so far as a unified diff against the files on disk (created, deleted and changed files), whole or for one path. Use it to re-read your work before you finish.',
    fields: { path: { ...path('Only this workspace-relative path.'), optional: true } },
  },
  {
    name: 'propose_edit',
    mode: 'build',
    description:
      "Propose replacing old_string with new_string in a file. old_string must match the file as you see it exactly once (without read_file's line numbers); include enough surrounding lines to make it unique, or set replace_all. The user reviews every proposal before it lands.",
    fields: {
      path: path('Workspace-relative path of an existing file.'),
      old_string: { kind: 'string', description: 'Exact text to replace.', maxLength: limits.text },
      new_string: { kind: 'string', description: 'Replacement text.', maxLength: limits.text, allowEmpty: true },
      replace_all: { kind: 'boolean', description: 'Replace every occurrence of old_string (default: it must occur once).', optional: true },
      step,
      intent,
    },
  },
  {
    name: 'propose_edits',
    mode: 'build',
    description:
      'Propose several replacements in one file at once, applied in order, each to the result of the ones before. All or none: if one edit does not apply, nothing is proposed and the error names that edit.',
    fields: {
      path: path('Workspace-relative path of an existing file.'),
      edits: {
        kind: 'array',
        description: 'The replacements, in order.',
        minItems: 1,
        maxItems: 100,
        items: {
          old_string: { kind: 'string', description: 'Exact text to replace.', maxLength: limits.text },
          new_string: { kind: 'string', description: 'Replacement text.', maxLength: limits.text, allowEmpty: true },
          replace_all: { kind: 'boolean', description: 'Replace every occurrence (default: it must occur once).', optional: true },
        },
      },
      step,
      intent,
    },
  },
  {
    name: 'create_file',
    mode: 'build',
    description: 'Propose a new file with the given content. Fails if the file exists.',
    fields: {
      path: path('Workspace-relative path of the new file.'),
      content: { kind: 'string', description: 'Full file content.', maxLength: limits.text, allowEmpty: true },
      step,
      intent,
    },
  },
  {
    name: 'delete_file',
    mode: 'build',
    description: 'Propose deleting a file.',
    fields: { path: path('Workspace-relative path of the file to delete.'), step, intent },
  },
  {
    name: 'write_file',
    mode: 'build',
    description:
      'Propose the whole content of a file, replacing what it holds (or creating it). Prefer propose_edit for a change to part of a file: the reviewer sees the same diff either way, but an edit cannot lose lines you did not mean to touch.',
    fields: {
      path: path('Workspace-relative path.'),
      content: { kind: 'string', description: 'Full file content.', maxLength: limits.text, allowEmpty: true },
      step,
      intent,
    },
  },
  {
    name: 'rename_file',
    mode: 'build',
    description: 'Propose moving or renaming a file, its proposed content kept. The target must not exist.',
    fields: { from: path('Workspace-relative path of the file to move.'), to: path('Its new workspace-relative path.'), step, intent },
  },
  {
    name: 'set_step_status',
    mode: 'build',
    description: "Mark a plan step's status as you work through the plan.",
    fields: {
      step: { ...step, description: 'Id of the plan step.' },
      status: { kind: 'enum', description: 'New status.', values: reportedStepStatuses },
      note: { kind: 'string', description: 'Short note for the reviewer.', maxLength: limits.note, optional: true },
    },
  },
  {
    name: 'run_check',
    mode: 'build',
    description:
      "Run one of the plan's declared checks against your proposals, exactly as the plan declares it (no arguments). Returns the exit code and trimmed output.",
    fields: {
      check: {
        kind: 'string',
        description: "Name of a check in the plan's Checks list, or its number there (1-based).",
        maxLength: 200,
      },
    },
  },
  {
    // Offered in plan mode only when the user allows it (CommandGate.offer in commandTool.ts).
    name: 'run_command',
    mode: 'build',
    description:
      'Run one shell command of your own (a single test, a type-check, git log) in a temporary copy of the workspace with your proposals applied, without network. Commands the user allows run at once; any other is shown to the user, who may allow or deny it (a denial comes back with their reason; do not retry a denied command). Returns the exit code, the duration and the output (long output is cut in the middle).',
    fields: {
      command: { kind: 'string', description: 'The command line, e.g. "npm test -- --grep login" or "git log --oneline -5".', maxLength: 4000 },
      purpose: { kind: 'string', description: 'One short sentence for the user: why you need to run it.', maxLength: 300, optional: true },
      timeout_seconds: { kind: 'integer', description: 'Stop it after this many seconds (capped by the user setting).', min: 1, optional: true },
    },
  },
];

/** The registry is the mode boundary: plan mode is offered, and may execute, only the read tools. */
export function toolsForMode(mode: AgentMode): readonly ToolDef[] {
  return mode === 'build' ? defs : defs.filter((d) => d.mode === 'plan');
}

export function findTool(name: string): ToolDef | undefined {
  return defs.find((d) => d.name === name);
}

function schemaOf(field: FieldSpec): JsonObject {
  switch (field.kind) {
    case 'string':
      return { type: 'string', description: field.description, maxLength: field.maxLength };
    case 'integer':
      return { type: 'integer', description: field.description, minimum: field.min };
    case 'boolean':
      return { type: 'boolean', description: field.description };
    case 'enum':
      return { type: 'string', description: field.description, enum: [...field.values] };
    case 'array':
      return { type: 'array', description: field.description, items: objectSchema(field.items), minItems: field.minItems, maxItems: field.maxItems };
  }
}

function objectSchema(fields: Record<string, FieldSpec>): JsonObject {
  const properties: JsonObject = {};
  const required: string[] = [];
  for (const [name, field] of Object.entries(fields)) {
    properties[name] = schemaOf(field);
    if (field.optional !== true) required.push(name);
  }
  return { type: 'object', properties, required, additionalProperties: false };
}

export function toolSpec(def: ToolDef): ToolSpec {
  return { name: def.name, description: def.description, input_schema: objectSchema(def.fields) };
}
