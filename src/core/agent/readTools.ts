import { capped, done, refused, resultCap, type ToolContext, type ToolOutcome } from './toolContext';
import { optInt, str, type ToolArgs } from './toolInput';

/** A read shows at most this many lines; the header says how to read on. */
export const readLineLimit = 2000;
/** A longer line (minified code) is shown cut: the read stays within the result cap. */
const readLineWidth = 2000;

/**
 * read_file: numbered lines (`cat -n`), a range, and a header with the file's length in lines that
 * says when the read stopped short of the end and which start_line reads on.
 */
export async function readFile(ctx: ToolContext, args: ToolArgs): Promise<ToolOutcome> {
  const path = await ctx.guard.resolve(str(args, 'path'), 'read');
  if (!path.ok) return refused(path.message);
  const text = await ctx.overlay.read(path.value);
  if (!text.ok) return refused(`cannot read ${path.value}: ${text.message}`);
  if (text.value === null) return refused(`${path.value} does not exist`);
  const lines = text.value.split('\n');
  // A final newline ends the last line; it does not start an empty one.
  if (lines.length > 1 && lines[lines.length - 1] === '') lines.pop();
  if (text.value === '') return done(`[${path.value}: empty file, 0 lines]`);
  const first = optInt(args, 'start_line') ?? 1;
  const end = optInt(args, 'end_line');
  if (first > lines.length) return refused(`${path.value} has ${lines.length} lines; start_line ${first} is past the end`);
  if (end !== undefined && end < first) return refused(`end_line ${end} is before start_line ${first}`);
  const wanted = Math.min(end ?? lines.length, lines.length);
  const width = String(wanted).length;
  const shown: string[] = [];
  let size = 0;
  // Whole lines only, within the line limit and the result cap: the header then tells the truth.
  for (let n = first; n <= wanted && shown.length < readLineLimit; n++) {
    // A CRLF file reads like any other; propose_edit matches its line endings itself.
    const line = (lines[n - 1] ?? '').replace(/\r$/, '');
    const text = line.length > readLineWidth ? `${line.slice(0, readLineWidth)}… [line cut: ${line.length - readLineWidth} more characters]` : line;
    const numbered = `${String(n).padStart(width)}\t${text}`;
    if (size + numbered.length + 1 > resultCap - 200 && shown.length > 0) break;
    shown.push(numbered);
    size += numbered.length + 1;
  }
  const last = first + shown.length - 1;
  const more = last < wanted ? `; the read stopped at line ${last}, read on with start_line=${last + 1}` : '';
  return done(`[${path.value}: lines ${first}-${last} of ${lines.length}${more}]\n${shown.join('\n')}`);
}

export async function listDir(ctx: ToolContext, args: ToolArgs): Promise<ToolOutcome> {
  const dir = await ctx.guard.resolve(str(args, 'path'), 'list');
  if (!dir.ok) return refused(dir.message);
  const listed = await ctx.files.listDir(dir.value);
  if (!listed.ok) return refused(`cannot list ${dir.value}: ${listed.message}`);
  const prefix = dir.value === '' || dir.value === '.' ? '' : `${dir.value}/`;
  const names = new Map<string, 'file' | 'dir'>();
  for (const entry of listed.value) {
    // A denied entry is not even named: its name can be a secret's hint (`.env.production`).
    const allowed = await ctx.guard.resolve(prefix + entry.name, 'list');
    if (allowed.ok) names.set(entry.name, entry.kind);
  }
  for (const file of ctx.overlay.all()) {
    if (!file.path.startsWith(prefix) || file.path.slice(prefix.length).includes('/')) continue;
    const name = file.path.slice(prefix.length);
    if (file.proposedText === null) names.delete(name);
    else names.set(name, 'file');
  }
  const lines = [...names.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([n, k]) => (k === 'dir' ? `${n}/` : n));
  return done(lines.length === 0 ? '(empty)' : capped(lines.join('\n')));
}
