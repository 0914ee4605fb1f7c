import { fail, ok, type Result } from '../result';
import { checkText } from '../text/textFacts';
import { MAX_TEXT_CHARS, type StringEdit } from './hookInput';

/**
 * The MCP tools Redline serves to any agent: their names, the JSON schemas the client shows the
 * model, and the checks of their arguments. An argument that does not fit is refused with the
 * reason, and nothing is proposed.
 */

export const PROPOSE_TOOL = 'propose_changes';
export const WAIT_TOOL = 'wait_for_decisions';
export const STATE_TOOL = 'get_review_state';

/** Seconds `wait_for_decisions` waits by default: below the usual client timeout of a tool call (60 s). */
export const DEFAULT_WAIT_SECONDS = 50;
export const MAX_WAIT_SECONDS = 3_600;
const MAX_FILES = 200;
const MAX_EDITS = 1_000;
const MAX_TITLE = 500;
const MAX_PATH = 4_096;

export interface ToolDefinition {
  readonly name: string;
  readonly description: string;
  readonly inputSchema: { readonly type: 'object'; readonly properties: Record<string, unknown>; readonly required?: readonly string[] };
}

const edit = {
  type: 'object',
  properties: {
    old_string: { type: 'string', description: 'Text that occurs exactly once in the file as it is now (unless replace_all).' },
    new_string: { type: 'string', description: 'The text that replaces it.' },
    replace_all: { type: 'boolean', description: 'Replace every occurrence of old_string.' },
  },
  required: ['old_string', 'new_string'],
  additionalProperties: false,
};

export const TOOLS: readonly ToolDefinition[] = [
  {
    name: PROPOSE_TOOL,
    description:
      'Propose changes to files in the workspace for the user to review in Redline, hunk by hunk. Nothing is written now: the user accepts or rejects each hunk, and Redline writes what is accepted. Give each file either its whole new text (newText; this also creates a file) or a list of edits (each old_string must occur exactly once). Paths are relative to the workspace folder. Returns the changeset id; then call wait_for_decisions with it.',
    inputSchema: {
      type: 'object',
      properties: {
        title: { type: 'string', description: 'A short title for the review, e.g. what the change does.' },
        files: {
          type: 'array',
          minItems: 1,
          items: {
            type: 'object',
            properties: {
              path: { type: 'string', description: 'Workspace-relative path of the file.' },
              newText: { type: 'string', description: 'The whole new text of the file.' },
              edits: { type: 'array', minItems: 1, items: edit, description: 'Edits applied one after the other to the file as it is on disk.' },
            },
            required: ['path'],
            additionalProperties: false,
          },
        },
      },
      required: ['files'],
    },
  },
  {
    name: WAIT_TOOL,
    description:
      "Wait until the user has decided every hunk of a changeset proposed with propose_changes, or until the timeout, and return each hunk's decision: accepted or rejected, with the user's reason for a rejection. Hunks still pending at the timeout are listed as pending; call again to keep waiting. Accepted hunks are already written to the files by Redline: do not write them again, read the files before editing them next.",
    inputSchema: {
      type: 'object',
      properties: {
        changesetId: { type: 'string', description: 'The id propose_changes returned.' },
        timeoutSeconds: { type: 'number', description: `Seconds to wait, 0 to ${MAX_WAIT_SECONDS} (default ${DEFAULT_WAIT_SECONDS}).` },
      },
      required: ['changesetId'],
    },
  },
  {
    name: STATE_TOOL,
    description:
      "Read the review state without waiting: with changesetId, each hunk's state (pending, accepted, rejected, stale) and reason; without it, every changeset under review in this window with its counts.",
    inputSchema: { type: 'object', properties: { changesetId: { type: 'string', description: 'A changeset id; leave out to list all.' } } },
  },
];

/** One file of a proposal: its whole new text, or edits to apply to the text on disk. */
export type ProposedFile = { readonly path: string; readonly newText: string } | { readonly path: string; readonly edits: readonly StringEdit[] };

export interface ProposeArgs {
  readonly title?: string;
  readonly files: readonly ProposedFile[];
}

type Json = Record<string, unknown>;

export function parseProposeArgs(value: unknown): Result<ProposeArgs> {
  if (!isObject(value)) return fail('E_INPUT', 'the arguments must be an object { title?, files }');
  const title = own(value, 'title');
  if (title !== undefined && (typeof title !== 'string' || title.length > MAX_TITLE))
    return fail('E_INPUT', `title must be a string of at most ${MAX_TITLE} characters`);
  const list = own(value, 'files');
  if (!Array.isArray(list) || list.length === 0 || list.length > MAX_FILES) return fail('E_INPUT', `files must be a list of 1 to ${MAX_FILES} files`);
  const files: ProposedFile[] = [];
  for (const [i, item] of list.entries()) {
    const file = proposedFile(item, `files[${i}]`);
    if (!file.ok) return file;
    files.push(file.value);
  }
  return ok({ ...(typeof title === 'string' && title.trim() !== '' ? { title } : {}), files });
}

function proposedFile(item: unknown, where: string): Result<ProposedFile> {
  if (!isObject(item)) return fail('E_INPUT', `${where} must be an object { path, newText } or { path, edits }`);
  const extra = Object.keys(item).find((k) => k !== 'path' && k !== 'newText' && k !== 'edits');
  if (extra !== undefined) return fail('E_INPUT', `${where} has an unknown key ${JSON.stringify(extra)}`);
  const path = own(item, 'path');
  if (typeof path !== 'string' || path.length === 0 || path.length > MAX_PATH || path.includes('\0'))
    return fail('E_INPUT', `${where}.path must be a workspace-relative path of at most ${MAX_PATH} characters`);
  const newText = own(item, 'newText');
  const edits = own(item, 'edits');
  if ((newText === undefined) === (edits === undefined)) return fail('E_INPUT', `${where} needs exactly one of newText and edits`);
  if (newText !== undefined) {
    const t = text(newText, `${where}.newText`);
    return t.ok ? ok({ path, newText: t.value }) : t;
  }
  if (!Array.isArray(edits) || edits.length === 0 || edits.length > MAX_EDITS)
    return fail('E_INPUT', `${where}.edits must be a list of 1 to ${MAX_EDITS} edits`);
  const parsed: StringEdit[] = [];
  for (const [j, e] of edits.entries()) {
    const at = `${where}.edits[${j}]`;
    if (!isObject(e)) return fail('E_INPUT', `${at} must be an object { old_string, new_string, replace_all? }`);
    const oldString = text(own(e, 'old_string'), `${at}.old_string`);
    if (!oldString.ok) return oldString;
    const newString = text(own(e, 'new_string'), `${at}.new_string`);
    if (!newString.ok) return newString;
    const all = own(e, 'replace_all');
    if (all !== undefined && typeof all !== 'boolean') return fail('E_INPUT', `${at}.replace_all must be true or false`);
    parsed.push({ oldString: oldString.value, newString: newString.value, replaceAll: all === true });
  }
  return ok({ path, edits: parsed });
}

export function parseWaitArgs(value: unknown): Result<{ changesetId: string; timeoutSeconds: number }> {
  if (!isObject(value)) return fail('E_INPUT', 'the arguments must be an object { changesetId, timeoutSeconds? }');
  const id = changesetId(own(value, 'changesetId'));
  if (!id.ok) return id;
  const timeout = own(value, 'timeoutSeconds') ?? DEFAULT_WAIT_SECONDS;
  if (typeof timeout !== 'number' || !Number.isFinite(timeout) || timeout < 0 || timeout > MAX_WAIT_SECONDS)
    return fail('E_INPUT', `timeoutSeconds must be a number from 0 to ${MAX_WAIT_SECONDS}`);
  return ok({ changesetId: id.value, timeoutSeconds: timeout });
}

export function parseStateArgs(value: unknown): Result<{ changesetId?: string }> {
  if (value !== undefined && !isObject(value)) return fail('E_INPUT', 'the arguments must be an object { changesetId? }');
  const raw = value === undefined ? undefined : own(value, 'changesetId');
  if (raw === undefined) return ok({});
  const id = changesetId(raw);
  return id.ok ? ok({ changesetId: id.value }) : id;
}

function changesetId(value: unknown): Result<string> {
  return typeof value === 'string' && /^[A-Za-z0-9][A-Za-z0-9_.:-]{0,199}$/.test(value)
    ? ok(value)
    : fail('E_INPUT', 'changesetId must be the id propose_changes returned');
}

function text(value: unknown, what: string): Result<string> {
  if (typeof value !== 'string') return fail('E_INPUT', `${what} must be a string`);
  if (value.length > MAX_TEXT_CHARS)
    return fail('E_TOO_LARGE', `${what} is larger than ${MAX_TEXT_CHARS} characters; Redline reviews text files of at most that size`);
  const checked = checkText(value, what);
  return checked.ok ? ok(value) : fail(checked.code, checked.message);
}

function own(o: Json, key: string): unknown {
  return Object.prototype.hasOwnProperty.call(o, key) ? o[key] : undefined;
}

function isObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
