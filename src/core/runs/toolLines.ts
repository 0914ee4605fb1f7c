/**
 * How the run log tells a tool call: one line a person reads ("Edited `src/a.ts` (+3 −1), step
 * s2"), and the call's input laid out with real newlines for when that line is opened. Backticks
 * mark a code span; the view styles it and turns the call's file into a link.
 *
 * Pure: no `vscode` import.
 */
import type { JsonValue } from '../agent/conversation';
import type { CheckOutcome } from '../agent/ports';

export interface ToolResultView {
  readonly isError: boolean;
  readonly content: string;
}

type Fields = Readonly<Record<string, JsonValue>>;

/**
 * The call's line: what it did, and once `result` is in, what came of it. `check` is the outcome a
 * run_check reported before its result (it carries the duration the result text lacks).
 */
export function toolLine(name: string, input: JsonValue | undefined, result?: ToolResultView, check?: { name: string; outcome: CheckOutcome }): string {
  const f: Fields = typeof input === 'object' && input !== null && !Array.isArray(input) ? input : {};
  const line = describe(name, f, result, check);
  return result?.isError ? `${line} — failed` : line;
}

function describe(name: string, f: Fields, result: ToolResultView | undefined, check: { name: string; outcome: CheckOutcome } | undefined): string {
  const ok = result !== undefined && !result.isError ? result.content : undefined;
  const step = typeof f.step === 'string' ? `, step ${f.step}` : '';
  switch (name) {
    case 'read_file':
      return `Read ${code(f.path)}${readRange(f, ok)}`;
    case 'list_dir':
      return `Listed ${code(f.path)}${ok === undefined ? '' : ` (${count(ok === '(empty)' ? 0 : lines(ok).length, 'entry', 'entries')})`}`;
    case 'find_files':
      return `Found files matching ${code(f.glob)}${ok === undefined ? '' : ` (${ok.startsWith('no files match') ? 'none' : listCount(ok)})`}`;
    case 'search_text':
      return `Searched for ${code(f.pattern)} in ${typeof f.glob === 'string' ? code(f.glob) : 'the workspace'}${ok === undefined ? '' : ` (${hits(f, ok)})`}`;
    case 'ask_user':
      return `Asked: ${text(f.question)}${ok === undefined ? '' : ok.startsWith('The user answered') ? ' (answered)' : ' (no answer)'}`;
    case 'view_changeset':
      return typeof f.path === 'string' ? `Viewed the proposed changes to ${code(f.path)}` : 'Viewed the proposed changes';
    case 'propose_edit':
      return `Edited ${code(f.path)} (${delta([f])}${f.replace_all === true ? ', every occurrence' : ''})${step}`;
    case 'propose_edits': {
      const edits = Array.isArray(f.edits) ? f.edits.filter(isFields) : [];
      return `Edited ${code(f.path)} (${delta(edits)}, ${count(edits.length, 'edit', 'edits')})${step}`;
    }
    case 'create_file':
      return `Created ${code(f.path)} (+${lineCount(f.content)})${step}`;
    case 'write_file':
      return `Wrote ${code(f.path)} (${count(lineCount(f.content), 'line', 'lines')})${step}`;
    case 'delete_file':
      return `Deleted ${code(f.path)}${step}`;
    case 'rename_file':
      return `Moved ${code(f.from)} to ${code(f.to)}${step}`;
    case 'set_step_status': {
      const note = typeof f.note === 'string' && f.note.trim() !== '' ? ` — ${oneLine(f.note)}` : '';
      return `Set step ${text(f.step)} ${text(f.status).replace('_', ' ')}${note}`;
    }
    case 'run_check':
      return `Ran check ${checkName(f.check, check?.name)}${check === undefined || result === undefined ? '' : `: ${status(check.outcome)}`}`;
    case 'run_command':
      return `Ran ${code(f.command)}${ok === undefined ? '' : `: ${commandStatus(ok)}`}`;
    default: {
      // A tool this table does not know still shows what it was given.
      const args = JSON.stringify(f);
      return `${name} ${args.length > 120 ? `${args.slice(0, 120)}…` : args}`;
    }
  }
}

/**
 * The input as `key: value` lines; a string of several lines goes under its key, indented, with
 * its real newlines; a list of objects (propose_edits) numbers each one.
 */
export function layoutInput(input: JsonValue | undefined, indent = ''): string[] {
  if (input === undefined) return [];
  if (typeof input !== 'object' || input === null) return [`${indent}${scalar(input)}`];
  if (Array.isArray(input)) {
    return input.flatMap((item, i) =>
      typeof item === 'object' && item !== null ? [`${indent}${i + 1}.`, ...layoutInput(item, `${indent}  `)] : [`${indent}${i + 1}. ${scalar(item)}`],
    );
  }
  const out: string[] = [];
  for (const [key, value] of Object.entries(input)) {
    if (typeof value === 'string' && value.includes('\n')) {
      out.push(`${indent}${key}:`);
      for (const l of value.replace(/\r\n/g, '\n').split('\n')) out.push(`${indent}  ${l}`);
    } else if (typeof value === 'object' && value !== null) {
      out.push(`${indent}${key}:`, ...layoutInput(value, `${indent}  `));
    } else out.push(`${indent}${key}: ${scalar(value)}`);
  }
  return out;
}

function scalar(value: JsonValue): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}

function isFields(value: JsonValue): value is Fields {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A value as a code span; a backtick inside it would end the span early, so it is shown as ˋ. */
function code(value: JsonValue | undefined): string {
  return `\`${oneLine(text(value)).replace(/`/g, 'ˋ')}\``;
}

function text(value: JsonValue | undefined): string {
  return value === undefined ? '?' : typeof value === 'string' ? value : JSON.stringify(value);
}

function oneLine(value: string): string {
  const first = value.split('\n')[0] ?? '';
  const line = first.length > 200 ? `${first.slice(0, 200)}…` : first;
  return line.length < value.length ? `${line.replace(/…$/, '')}…` : line;
}

function count(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

function lines(text: string): string[] {
  return text.replace(/\r\n/g, '\n').replace(/\n$/, '').split('\n');
}

function lineCount(value: JsonValue | undefined): number {
  return typeof value === 'string' && value !== '' ? lines(value).length : 0;
}

/** A result's lines that are not a cut note. */
function listCount(result: string): string {
  const shown = lines(result).filter((l) => !l.startsWith('[cut:'));
  return result.includes('\n[cut:') ? `${shown.length}+` : String(shown.length);
}

/** `[path: lines 1-80 of 120…]` → " 1–80 of 120"; the whole file → " 1–120". */
function readRange(f: Fields, result: string | undefined): string {
  const header = result === undefined ? null : /^\[[^\n]*: lines (\d+)-(\d+) of (\d+)/.exec(result);
  if (header) return ` ${header[1]}–${header[2]}${header[2] === header[3] && header[1] === '1' ? '' : ` of ${header[3]}`}`;
  if (result?.includes(': empty file, 0 lines]')) return ' (empty)';
  const start = typeof f.start_line === 'number' ? f.start_line : undefined;
  const end = typeof f.end_line === 'number' ? f.end_line : undefined;
  return start === undefined && end === undefined ? '' : ` ${start ?? 1}–${end ?? 'end'}`;
}

function hits(f: Fields, result: string): string {
  if (result.startsWith('no matches')) return 'no hits';
  const more = result.includes('\n[cut:') ? '+' : '';
  const shown = lines(result).filter((l) => !l.startsWith('[cut:'));
  switch (f.output_mode) {
    case 'files_with_matches':
      return `${count(shown.length, 'file', 'files')}${more}`;
    case 'count': {
      const total = /^(\d+) matching lines in (\d+) files/m.exec(result);
      return total ? `${count(Number(total[1]), 'hit', 'hits')}${more}` : 'counted';
    }
    default: {
      // ripgrep's layout: `path:line: text` is a match, `path-line- text` context.
      const matches = shown.filter((l) => /^[^\n]*?:\d+: /.test(l)).length;
      return `${count(matches, 'hit', 'hits')}${more}`;
    }
  }
}

/** Lines added and removed by replacements, their common first and last lines left out. */
function delta(edits: readonly Fields[]): string {
  let added = 0;
  let removed = 0;
  for (const e of edits) {
    const before = typeof e.old_string === 'string' ? lines(e.old_string) : [];
    const after = typeof e.new_string === 'string' && e.new_string !== '' ? lines(e.new_string) : [];
    let head = 0;
    while (head < before.length && head < after.length && before[head] === after[head]) head++;
    let tail = 0;
    while (tail < before.length - head && tail < after.length - head && before[before.length - 1 - tail] === after[after.length - 1 - tail]) tail++;
    added += after.length - head - tail;
    removed += before.length - head - tail;
  }
  return `+${added} −${removed}`;
}

function checkName(ref: JsonValue | undefined, name: string | undefined): string {
  if (name === undefined || ref === name) return code(ref);
  return /^\d+$/.test(text(ref)) ? `${text(ref)} ${code(name)}` : code(name);
}

function status(outcome: CheckOutcome): string {
  const took = outcome.durationMs === undefined ? '' : ` (${seconds(outcome.durationMs)})`;
  if (outcome.timedOut) return `timed out${took}`;
  return outcome.exitCode === null ? `no exit code${took}` : `exit ${outcome.exitCode}${took}`;
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}

/** run_command's second line: "exit code 0, 1.2 s" → "exit 0 (1.2 s)". */
function commandStatus(result: string): string {
  const second = lines(result)[1] ?? '';
  const m = /^exit code (\d+), ([\d.]+ s)$/.exec(second);
  if (m) return `exit ${m[1]} (${m[2]})`;
  return second.replace(/ and was stopped$/, '') || 'ran';
}
