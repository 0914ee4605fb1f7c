import type { JsonObject, ToolSpec } from './conversation';

export type AgentMode = 'plan' | 'build';

/** A field of a tool's input. One description drives both the JSON schema and the validator. */
export type FieldSpec =
  | { kind: 'string'; description: string; maxLength: number; optional?: boolean; allowEmpty?: boolean }
  | { kind: 'integer'; description: string; min: number; optional?: boolean }
  | { kind: 'boolean'; description: string; optional?: boolean }
  | { kind: 'enum'; description: string; values: readonly string[]; optional?: boolean };

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
} as const;

const path = (description: string): FieldSpec => ({ kind: 'string', description, maxLength: limits.path });
const step: FieldSpec = {
  kind: 'string',
  description: "Id of the plan step this change serves (from the plan's Steps list).",
  maxLength: 200,
};

export const reportedStepStatuses = ['todo', 'in_progress', 'done', 'blocked'] as const;
export type ReportedStepStatus = (typeof reportedStepStatuses)[number];

const defs: readonly ToolDef[] = [
  {
    name: 'read_file',
    mode: 'plan',
    description: 'Read a workspace file, whole or a line range. Lines are numbered from 1. A file you proposed to change reads as proposed.',
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
    description: 'Find workspace files by glob, e.g. "src/**/*.ts".',
    fields: {
      glob: { kind: 'string', description: 'Glob relative to the workspace root.', maxLength: limits.pattern },
      limit: { kind: 'integer', description: 'Most results to return (default 200).', min: 1, optional: true },
    },
  },
  {
    name: 'search_text',
    mode: 'plan',
    description: 'Search workspace files for text; returns path:line: text for each hit.',
    fields: {
      pattern: { kind: 'string', description: 'Text to find, or a regular expression.', maxLength: limits.pattern },
      is_regex: { kind: 'boolean', description: 'Treat pattern as a regular expression.', optional: true },
      glob: { kind: 'string', description: 'Only files matching this glob.', maxLength: limits.pattern, optional: true },
    },
  },
  {
    name: 'propose_edit',
    mode: 'build',
    description:
      'Propose replacing old_string with new_string in a file. old_string must match the file as you see it exactly once; include enough surrounding lines to make it unique. The user reviews every proposal before it lands.',
    fields: {
      path: path('Workspace-relative path of an existing file.'),
      old_string: { kind: 'string', description: 'Exact text to replace.', maxLength: limits.text },
      new_string: { kind: 'string', description: 'Replacement text.', maxLength: limits.text, allowEmpty: true },
      step,
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
    },
  },
  {
    name: 'delete_file',
    mode: 'build',
    description: 'Propose deleting a file.',
    fields: { path: path('Workspace-relative path of the file to delete.'), step },
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
  }
}

export function toolSpec(def: ToolDef): ToolSpec {
  const properties: JsonObject = {};
  const required: string[] = [];
  for (const [name, field] of Object.entries(def.fields)) {
    properties[name] = schemaOf(field);
    if (field.optional !== true) required.push(name);
  }
  return {
    name: def.name,
    description: def.description,
    input_schema: { type: 'object', properties, required, additionalProperties: false },
  };
}
