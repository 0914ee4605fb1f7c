import { fail, ok, type Result } from '../result';

/** File modes as git writes them (octal strings): '100644', '100755', '120000', '160000', '000000'. */
export interface Modes {
  readonly head: string;
  readonly index: string;
  readonly worktree: string;
}

/** The `<sub>` field: undefined for a plain file; what changed inside a submodule otherwise. */
export interface SubmoduleState {
  readonly commitChanged: boolean;
  readonly modified: boolean;
  readonly untracked: boolean;
}

/**
 * One entry of `git status --porcelain=v2 -z`. `x` is the index against HEAD, `y` the working
 * tree against the index ('.' unchanged, M, T, A, D, R, C).
 */
export type StatusEntry =
  | { readonly kind: 'changed'; readonly x: string; readonly y: string; readonly path: string; readonly modes: Modes; readonly submodule?: SubmoduleState }
  | {
      readonly kind: 'renamed';
      readonly x: string;
      readonly y: string;
      readonly path: string;
      readonly origPath: string;
      readonly modes: Modes;
      readonly submodule?: SubmoduleState;
    }
  | { readonly kind: 'unmerged'; readonly x: string; readonly y: string; readonly path: string }
  | { readonly kind: 'untracked'; readonly path: string }
  | { readonly kind: 'ignored'; readonly path: string };

/**
 * Parses `git status --porcelain=v2 -z` output. With -z paths are never quoted and a rename's
 * original path is the next NUL-separated field. Header lines (`# ...`) are skipped.
 */
export function parseStatus(output: string): Result<StatusEntry[], 'E_GIT_STATUS'> {
  const fields = output.split('\0');
  if (fields[fields.length - 1] === '') fields.pop();
  const entries: StatusEntry[] = [];
  for (let i = 0; i < fields.length; i++) {
    const line = fields[i] ?? '';
    const tag = line[0];
    if (tag === '#') continue;
    if (tag === '?' || tag === '!') {
      entries.push({ kind: tag === '?' ? 'untracked' : 'ignored', path: line.slice(2) });
      continue;
    }
    if (tag === '1' || tag === '2') {
      // 1 XY sub mH mI mW hH hI path | 2 XY sub mH mI mW hH hI Xscore path
      const parts = splitFields(line, tag === '1' ? 8 : 9);
      if (parts === undefined) return fail('E_GIT_STATUS', `unexpected status line: ${line.slice(0, 80)}`);
      const [, xy = '', sub = '', head = '', index = '', worktree = ''] = parts;
      const path = parts[parts.length - 1] ?? '';
      const base = { x: xy[0] ?? '.', y: xy[1] ?? '.', path, modes: { head, index, worktree }, ...submodule(sub) };
      if (tag === '1') {
        entries.push({ kind: 'changed', ...base });
        continue;
      }
      const origPath = fields[++i];
      if (origPath === undefined) return fail('E_GIT_STATUS', `rename of ${path} has no original path`);
      entries.push({ kind: 'renamed', ...base, origPath });
      continue;
    }
    if (tag === 'u') {
      // u XY sub m1 m2 m3 mW h1 h2 h3 path
      const parts = splitFields(line, 10);
      if (parts === undefined) return fail('E_GIT_STATUS', `unexpected status line: ${line.slice(0, 80)}`);
      const xy = parts[1] ?? '';
      entries.push({ kind: 'unmerged', x: xy[0] ?? '.', y: xy[1] ?? '.', path: parts[10] ?? '' });
      continue;
    }
    return fail('E_GIT_STATUS', `unexpected status line: ${line.slice(0, 80)}`);
  }
  return ok(entries);
}

/** Splits off `count` space-separated fields; the rest (a path, which may hold spaces) is last. */
function splitFields(line: string, count: number): string[] | undefined {
  const out: string[] = [];
  let at = 0;
  for (let k = 0; k < count; k++) {
    const space = line.indexOf(' ', at);
    if (space === -1) return undefined;
    out.push(line.slice(at, space));
    at = space + 1;
  }
  out.push(line.slice(at));
  return out;
}

function submodule(sub: string): { submodule?: SubmoduleState } {
  if (sub[0] !== 'S') return {};
  return { submodule: { commitChanged: sub[1] === 'C', modified: sub[2] === 'M', untracked: sub[3] === 'U' } };
}
