import { capped, done, refused, type ToolContext, type ToolOutcome } from './toolContext';
import { optInt, optStr, str, type ToolArgs } from './toolInput';
import { capHits, compileToolGlob, type FileMatches, type SearchCut, searchInText } from './textSearch';

export const defaultHeadLimit = 200;
/** files_with_matches and count need every file's matches, not the first lines: a wider net, still bounded. */
const wideHits = 20_000;
/** A minified line would flood the result; its start says enough to find it again. */
const lineShown = 500;

/**
 * search_text: the disk through the Files port (ignored and denied files left out there), the
 * agent's proposals in their proposed text here, and a line at the end whenever the result is
 * partial, saying which limit cut it.
 */
export async function searchText(ctx: ToolContext, args: ToolArgs): Promise<ToolOutcome> {
  const pattern = str(args, 'pattern');
  const isRegex = args['is_regex'] === true;
  const ignoreCase = args['ignore_case'] === true;
  const glob = optStr(args, 'glob');
  const context = optInt(args, 'context') ?? 0;
  const mode = optStr(args, 'output_mode') ?? 'content';
  const headLimit = optInt(args, 'head_limit') ?? defaultHeadLimit;
  const matcher = ctx.search.compile(pattern, isRegex, { ignoreCase });
  if (!matcher.ok) return refused(`search_text: ${matcher.message}`);
  const inGlob = glob === undefined ? undefined : compileToolGlob(glob);
  if (inGlob !== undefined && !inGlob.ok) return refused(`search_text: ${inGlob.message}; nothing was searched`);
  const maxHits = mode === 'content' ? headLimit : wideHits;
  const skip = new Set(ctx.overlay.all().map((f) => f.path));
  const disk = await ctx.files.searchText({ pattern, isRegex, ignoreCase, context, maxHits, skip, ...(glob === undefined ? {} : { glob }) });
  if (!disk.ok) return refused(`search_text failed: ${disk.message}`);
  const files: FileMatches[] = [];
  for (const file of disk.value.files) {
    // A hit carries file content, so it passes the same guard as reading that file.
    if (!skip.has(file.path) && (await ctx.guard.resolve(file.path, 'read')).ok) files.push(file);
  }
  for (const file of ctx.overlay.all()) {
    if (file.proposedText === null || (inGlob !== undefined && !inGlob.value(file.path))) continue;
    const found = searchInText(matcher.value, file.path, file.proposedText, context, maxHits);
    if (!found.ok) return refused(`search_text: ${found.message}`);
    if (found.value !== undefined) files.push(found.value);
  }
  files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const kept = capHits(files, maxHits);
  const cut: SearchCut | undefined = disk.value.cut ?? (kept.cut ? { by: 'hits', limit: maxHits } : undefined);
  if (kept.files.length === 0) return done(`no matches for ${pattern}${cutNote(cut, 'matching lines')}`);
  switch (mode) {
    case 'files_with_matches': {
      const shown = kept.files.slice(0, headLimit);
      const fileCut = kept.files.length > headLimit ? { by: 'hits' as const, limit: headLimit } : cut;
      return done(capped(`${shown.map((f) => f.path).join('\n')}${cutNote(fileCut, 'files')}`));
    }
    case 'count': {
      const shown = kept.files.slice(0, headLimit);
      const total = kept.files.reduce((n, f) => n + f.matches, 0);
      const countCut = kept.files.length > headLimit ? { by: 'hits' as const, limit: headLimit } : cut;
      const lines = shown.map((f) => `${f.path}:${f.matches}`);
      return done(capped(`${lines.join('\n')}\n${total} matching lines in ${kept.files.length} files${cutNote(countCut, 'files')}`));
    }
    default:
      return done(capped(`${contentLines(kept.files).join('\n')}${cutNote(cut, 'matching lines')}`));
  }
}

/** ripgrep's layout: `path:line: text` for a match, `path-line- text` for context, `--` between groups. */
function contentLines(files: readonly FileMatches[]): string[] {
  const out: string[] = [];
  for (const file of files) {
    let previous: number | undefined;
    for (const line of file.lines) {
      if (previous !== undefined && line.line !== previous + 1) out.push('--');
      const text = line.text.length > lineShown ? `${line.text.slice(0, lineShown)}… [${line.text.length - lineShown} more characters]` : line.text;
      out.push(`${file.path}${line.match ? ':' : '-'}${line.line}${line.match ? ':' : '-'} ${text}`);
      previous = line.line;
    }
  }
  return out;
}

function cutNote(cut: SearchCut | undefined, unit: string, limitField = 'head_limit'): string {
  if (cut === undefined) return '';
  switch (cut.by) {
    case 'hits':
      return `\n[cut: stopped at the limit of ${cut.limit} ${unit}; there are more. Narrow the pattern or the glob, or raise ${limitField}]`;
    case 'files':
      return `\n[cut: searched only the first ${cut.limit} files; narrow the glob to search the rest]`;
    case 'time':
      return `\n[cut: the search stopped after ${cut.limit} ms; what it found so far is above. Narrow the glob or the pattern]`;
  }
}

export async function findFiles(ctx: ToolContext, args: ToolArgs): Promise<ToolOutcome> {
  const glob = str(args, 'glob');
  const limit = optInt(args, 'limit') ?? defaultHeadLimit;
  const sort = optStr(args, 'sort') === 'mtime' ? 'mtime' : 'path';
  const matches = compileToolGlob(glob);
  if (!matches.ok) return refused(`find_files: ${matches.message}; nothing was searched`);
  const proposed = ctx.overlay.all();
  // Each proposal can take a disk path out of the list: ask for that many more, so the first `limit` stay right.
  const found = await ctx.files.findFiles({ glob, limit: limit + proposed.length, sort });
  if (!found.ok) return refused(`find_files failed: ${found.message}`);
  const gone = new Set(proposed.filter((f) => f.proposedText === null).map((f) => f.path));
  // A proposal is the newest version of its file: first when sorted by time.
  const created = proposed.filter((f) => f.proposedText !== null && matches.value(f.path)).map((f) => f.path);
  const disk: string[] = [];
  for (const path of found.value.paths) {
    if (!gone.has(path) && !created.includes(path) && (await ctx.guard.resolve(path, 'read')).ok) disk.push(path);
  }
  const all = sort === 'mtime' ? [...created, ...disk] : [...created, ...disk].sort();
  const shown = all.slice(0, limit);
  const cut = all.length > limit || found.value.cut?.by === 'hits' ? { by: 'hits' as const, limit } : found.value.cut;
  if (shown.length === 0) return done(`no files match ${glob}${cutNote(cut, 'files', 'limit')}`);
  return done(capped(shown.join('\n') + cutNote(cut, 'files', 'limit')));
}
