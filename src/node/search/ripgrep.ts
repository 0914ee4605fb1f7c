import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import type { FileMatches, FileQuery, FoundFiles, SearchCut, TextSearchQuery, TextSearchResult } from '../../core/agent/textSearch';
import { toolGlob } from '../../core/agent/textSearch';
import { fail, ok, type Result } from '../../core/result';
import { ALWAYS_EXCLUDED, excluder, MAX_FILE_BYTES, MAX_LISTED_FILES, type SearchRoot, type SearchScope } from './scope';
import { walkable } from './walk';

interface RgText {
  text?: string;
  bytes?: string;
}
interface RgMessage {
  type: string;
  data?: { path?: RgText; lines?: RgText; line_number?: number };
}

/**
 * What every rg call shares: .gitignore (also outside a git repository, as the fallback does),
 * hidden files searched but VCS and dependency folders not, big files skipped, and no user config
 * file that could change any of it. The model's glob is not an rg `--glob`: a positive override
 * glob whitelists what it matches past .gitignore; it is matched here instead (toolGlob), and its
 * literal folder is where rg starts, so rg still reads no more than it must.
 */
function commonArgs(scope: SearchScope): string[] {
  const args = ['--no-config', '--hidden', '--no-require-git', '--no-messages', `--max-filesize=${MAX_FILE_BYTES}`];
  for (const dir of ALWAYS_EXCLUDED) args.push(`--glob=!**/${dir}`);
  for (const exclude of scope.excludes) args.push(`--glob=!${exclude}`);
  return args;
}

/** `src/agent/**\/*.ts` → `src/agent`: the folders before the first glob character; `.` when there are none. */
function startFolder(glob: string | undefined): string {
  if (glob === undefined) return '.';
  const segments = glob.replace(/^\/+/, '').split('/');
  const literal: string[] = [];
  for (const segment of segments.slice(0, -1)) {
    if (/[*?[\]{}!\\]/.test(segment) || segment === '..' || segment === '.') break;
    literal.push(segment);
  }
  return literal.length === 0 ? '.' : literal.join('/');
}

/** Runs rg from `from` in one root, a line at a time; `onLine` returns false to stop it early. */
async function runRg(
  rgPath: string,
  scope: SearchScope,
  root: SearchRoot,
  args: readonly string[],
  onLine: (line: string) => boolean,
  deadline: number,
  from: string,
): Promise<Result<{ stopped: 'done' | 'early' | 'time' }>> {
  if (!(await walkable(root, scope, from))) return ok({ stopped: 'done' });
  const child = spawn(rgPath, [...args, '--', from], { cwd: root.absolute, stdio: ['ignore', 'pipe', 'pipe'] });
  let stopped: 'done' | 'early' | 'time' = 'done';
  const timer = setTimeout(
    () => {
      stopped = 'time';
      child.kill();
    },
    Math.max(1, deadline - Date.now()),
  );
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => {
    if (stderr.length < 4000) stderr += chunk.toString('utf8');
  });
  const exited = new Promise<number | null>((resolve) => {
    child.on('close', (code) => resolve(code));
    child.on('error', (error) => {
      stderr += error.message;
      resolve(null);
    });
  });
  const lines = createInterface({ input: child.stdout, crlfDelay: Infinity });
  for await (const line of lines) {
    if (stopped !== 'done') continue;
    if (!onLine(line)) {
      stopped = 'early';
      child.kill();
    }
  }
  const code = await exited;
  clearTimeout(timer);
  // 1 is "nothing matched"; 2 with results is a file it could not read, which is not the search failing.
  if (stopped === 'done' && code !== 0 && code !== 1 && !(code === 2 && stderr.trim() === '')) {
    return fail('E_RG', `ripgrep failed: ${stderr.trim().split('\n')[0] ?? `exit code ${code}`}`);
  }
  return ok({ stopped });
}

function textOf(value: RgText | undefined): string {
  if (value?.text !== undefined) return value.text;
  return value?.bytes === undefined ? '' : Buffer.from(value.bytes, 'base64').toString('utf8');
}

/** rg reports `./src/a.ts` when searching `.`; the agent's view is `folder/src/a.ts` or `src/a.ts`. */
function relativeOf(rgPath: string): string {
  return rgPath.replace(/\\/g, '/').replace(/^\.\//, '');
}

/**
 * search_text on the disk through ripgrep's JSON output. rg decides what to read (.gitignore,
 * excludes, the glob); this side drops denied paths and the caller's `skip`, counts matching lines
 * across all files and stops rg one line past the limit, so "cut" is said only when there is more.
 */
export async function ripgrepText(rgPath: string, scope: SearchScope, query: TextSearchQuery, timeLimitMs: number): Promise<Result<TextSearchResult>> {
  const args = ['--json', ...commonArgs(scope)];
  if (!query.isRegex) args.push('--fixed-strings');
  else args.push('--engine=auto');
  if (query.ignoreCase) args.push('--ignore-case');
  if (query.context > 0) args.push(`--context=${query.context}`);
  args.push(`--regexp=${query.pattern}`);
  const inGlob = query.glob === undefined ? () => true : toolGlob(query.glob);
  const deadline = Date.now() + timeLimitMs;
  const files: FileMatches[] = [];
  let hits = 0;
  let cut: SearchCut | undefined;
  for (const root of scope.roots) {
    let current: FileMatches | undefined;
    const ran = await runRg(
      rgPath,
      scope,
      root,
      args,
      (line) => {
        const message = JSON.parse(line) as RgMessage;
        const data = message.data;
        if (message.type === 'begin') {
          const relative = relativeOf(textOf(data?.path));
          const path = root.prefix + relative;
          current = inGlob(relative) && !query.skip.has(path) && scope.searchable(path) ? { path, matches: 0, lines: [] } : undefined;
          return true;
        }
        if (current === undefined) return true;
        if (message.type === 'end') {
          if (current.matches > 0) files.push(current);
          current = undefined;
          return true;
        }
        if (message.type !== 'match' && message.type !== 'context') return true;
        const isMatch = message.type === 'match';
        if (isMatch && hits >= query.maxHits) {
          // One past the limit: there is more, so the result is cut, and what was kept is complete.
          if (current.matches > 0) files.push(current);
          current = undefined;
          cut = { by: 'hits', limit: query.maxHits };
          return false;
        }
        if (isMatch) {
          hits++;
          current.matches++;
        }
        const text = textOf(data?.lines).replace(/\r?\n$/, '');
        current.lines.push({ line: data?.line_number ?? 0, text, match: isMatch });
        return true;
      },
      deadline,
      startFolder(query.glob),
    );
    if (!ran.ok) return ran;
    if (ran.value.stopped === 'time') {
      const partial = current as FileMatches | undefined;
      if (partial !== undefined && partial.matches > 0) files.push(partial);
      cut = { by: 'time', limit: timeLimitMs };
    }
    if (cut !== undefined) break;
  }
  // Stopped at the match one past the limit, a file keeps that match's before-context: drop it.
  for (const file of files) file.lines = trimTrailingContext(file.lines, query.context);
  files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return ok(cut === undefined ? { files } : { files, cut });
}

function trimTrailingContext<T extends { line: number; match: boolean }>(lines: T[], context: number): T[] {
  const lastMatch = lines.reduce((last, l) => (l.match ? l.line : last), 0);
  return lines.filter((l) => l.line <= lastMatch + context);
}

/** find_files: rg --files with the same rules, then the glob and the deny list here, sorted. */
export async function ripgrepFiles(
  rgPath: string,
  scope: SearchScope,
  query: FileQuery,
  timeLimitMs: number,
  mtime: (paths: { path: string; absolute: string }[]) => Promise<string[]>,
): Promise<Result<FoundFiles>> {
  const args = ['--files', ...commonArgs(scope)];
  const matches = toolGlob(query.glob);
  const excluded = excluder(scope.excludes);
  const deadline = Date.now() + timeLimitMs;
  const found: { path: string; absolute: string }[] = [];
  let cut: FoundFiles['cut'];
  for (const root of scope.roots) {
    const ran = await runRg(
      rgPath,
      scope,
      root,
      args,
      (line) => {
        const relative = relativeOf(line);
        const path = root.prefix + relative;
        if (matches(relative) && !excluded(relative) && scope.searchable(path)) found.push({ path, absolute: `${root.absolute}/${relative}` });
        return found.length < MAX_LISTED_FILES;
      },
      deadline,
      startFolder(query.glob),
    );
    if (!ran.ok) return ran;
    if (ran.value.stopped === 'time') cut = { by: 'time', limit: timeLimitMs };
    if (ran.value.stopped === 'early') cut = { by: 'files', limit: MAX_LISTED_FILES };
    if (cut !== undefined) break;
  }
  const sorted = query.sort === 'mtime' ? await mtime(found) : found.map((f) => f.path).sort();
  if (sorted.length > query.limit) cut ??= { by: 'hits', limit: query.limit };
  return ok({ paths: sorted.slice(0, query.limit), ...(cut === undefined ? {} : { cut }) });
}
