import { workspaceGlob } from '../policy/glob';
import { capped, done, refused, type ToolContext, type ToolOutcome } from './toolContext';
import { optInt, optStr, str, type ToolArgs } from './toolInput';
import type { TextHit } from './ports';

const defaultFindLimit = 200;
const searchLimit = 200;

export async function readFile(ctx: ToolContext, args: ToolArgs): Promise<ToolOutcome> {
  const path = await ctx.guard.resolve(str(args, 'path'), 'read');
  if (!path.ok) return refused(path.message);
  const text = await ctx.overlay.read(path.value);
  if (!text.ok) return refused(`cannot read ${path.value}: ${text.message}`);
  if (text.value === null) return refused(`${path.value} does not exist`);
  const start = optInt(args, 'start_line');
  const end = optInt(args, 'end_line');
  if (start === undefined && end === undefined) return done(capped(text.value));
  const lines = text.value.split('\n');
  const first = start ?? 1;
  const last = Math.min(end ?? lines.length, lines.length);
  if (first > lines.length) return refused(`${path.value} has ${lines.length} lines; start_line ${first} is past the end`);
  if (last < first) return refused(`end_line ${last} is before start_line ${first}`);
  const body = lines.slice(first - 1, last).join('\n');
  return done(capped(`[${path.value} lines ${first}-${last} of ${lines.length}]\n${body}`));
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

export async function findFiles(ctx: ToolContext, args: ToolArgs): Promise<ToolOutcome> {
  const glob = str(args, 'glob');
  const limit = optInt(args, 'limit') ?? defaultFindLimit;
  const found = await ctx.files.findFiles(glob, limit);
  if (!found.ok) return refused(`find_files failed: ${found.message}`);
  const paths = new Set<string>();
  for (const path of found.value) {
    if ((await ctx.guard.resolve(path, 'read')).ok) paths.add(path);
  }
  const matches = workspaceGlob(glob);
  for (const file of ctx.overlay.all()) {
    if (file.proposedText === null) paths.delete(file.path);
    else if (matches(file.path)) paths.add(file.path);
  }
  const sorted = [...paths].sort().slice(0, limit);
  return done(sorted.length === 0 ? `no files match ${glob}` : capped(sorted.join('\n')));
}

export async function searchText(ctx: ToolContext, args: ToolArgs): Promise<ToolOutcome> {
  const pattern = str(args, 'pattern');
  const isRegex = args['is_regex'] === true;
  const glob = optStr(args, 'glob');
  const matcher = ctx.search.compile(pattern, isRegex);
  if (!matcher.ok) return refused(`search_text: ${matcher.message}`);
  const query = { pattern, isRegex, limit: searchLimit, ...(glob === undefined ? {} : { glob }) };
  const found = await ctx.files.searchText(query);
  if (!found.ok) return refused(`search_text failed: ${found.message}`);
  const hits: TextHit[] = [];
  for (const hit of found.value) {
    // The disk's text of a proposed file is stale for the agent; the overlay's is searched below.
    if (ctx.overlay.has(hit.path)) continue;
    // A hit carries file content, so it passes the same guard as reading that file.
    if ((await ctx.guard.resolve(hit.path, 'read')).ok) hits.push(hit);
  }
  const inGlob = glob === undefined ? undefined : workspaceGlob(glob);
  for (const file of ctx.overlay.all()) {
    if (file.proposedText === null || (inGlob !== undefined && !inGlob(file.path))) continue;
    const lines = file.proposedText.split('\n');
    const matched = matcher.value.match(lines, searchLimit + 1);
    if (!matched.ok) return refused(`search_text: ${matched.message}`);
    for (const i of matched.value) hits.push({ path: file.path, line: i + 1, text: lines[i] ?? '' });
  }
  if (hits.length === 0) return done(`no matches for ${pattern}`);
  const shown = hits.slice(0, searchLimit).map((h) => `${h.path}:${h.line}: ${h.text}`);
  const more = hits.length > searchLimit ? `\n[… ${hits.length - searchLimit} more hits]` : '';
  return done(capped(shown.join('\n') + more));
}
