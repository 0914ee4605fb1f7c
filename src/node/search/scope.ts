import type { FileQuery, FoundFiles, TextSearchQuery, TextSearchResult } from '../../core/agent/textSearch';
import { compileGlob } from '../../core/policy/globMatch';
import type { Result } from '../../core/result';

/** A workspace folder to search; `prefix` is what its paths start with in the agent's view ('' or 'folder/'). */
export interface SearchRoot {
  absolute: string;
  prefix: string;
}

/** Where a search may look: besides .gitignore, which both engines honour on their own. */
export interface SearchScope {
  roots: readonly SearchRoot[];
  /** Globs to leave out, relative to each root (`files.exclude`, VS Code's dialect). */
  excludes: readonly string[];
  /** False for a denied path: nothing of it leaves the search, not even its name. */
  searchable(path: string): boolean;
}

/** The disk half of the Files port's searches; `createDiskSearch` picks ripgrep or the fallback. */
export interface DiskSearch {
  readonly engine: 'ripgrep' | 'fallback';
  searchText(scope: SearchScope, query: TextSearchQuery, signal?: AbortSignal): Promise<Result<TextSearchResult>>;
  findFiles(scope: SearchScope, query: FileQuery): Promise<Result<FoundFiles>>;
}

/** Folders no search walks, ignored or not: dependency trees and VCS internals are never what the agent means. */
export const ALWAYS_EXCLUDED = ['.git', 'node_modules', '.venv', 'venv', '__pycache__', '.hg', '.svn'] as const;

/** Files bigger than this are not searched (a log or a bundle): one call must stay cheap. */
export const MAX_FILE_BYTES = 1024 * 1024;

/** How long one search may run; past it the result is cut and says so. */
export const DEFAULT_TIME_LIMIT_MS = 5000;

/** Most files one find_files call lists before sorting; more is cut and says so. */
export const MAX_LISTED_FILES = 200_000;

/**
 * The same exclusion test for both engines, on root-relative paths: a glob of `files.exclude`
 * matches the path or one of its folders (`**\/dist` covers `dist/a.js`).
 */
export function excluder(excludes: readonly string[]): (relative: string) => boolean {
  if (excludes.length === 0) return () => false;
  // A workspace's settings choose these globs: matched in linear time, and one over the limits excludes everything it could.
  const tests = excludes.map((glob) => {
    const compiled = compileGlob(glob.replace(/^\/+/, ''));
    return compiled.ok ? compiled.value : () => true;
  });
  return (relative) => {
    const parts = relative.split('/');
    for (let n = parts.length; n > 0; n--) {
      const prefix = parts.slice(0, n).join('/');
      if (tests.some((test) => test(prefix))) return true;
    }
    return false;
  };
}
