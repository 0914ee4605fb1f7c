import type { Result } from '../result';

/** `missing`: nothing at that path (ENOENT/ENOTDIR). `error`: anything else (ELOOP, EACCES…). */
export type ProbeFailure = 'missing' | 'error';

/**
 * The only file system access the path policy needs. Paths in and out are absolute POSIX paths.
 * Tests implement it over a map or over a real temp dir with real symlinks.
 */
export interface PolicyFileSystem {
  /** The canonical path with every symlink resolved, like `fs.realpath`. */
  realpath(absolutePath: string): Promise<Result<string, ProbeFailure>>;
  /** Whether something exists at the path itself, without following a final symlink. */
  lstat(absolutePath: string): Promise<Result<{ readonly symbolicLink: boolean }, ProbeFailure>>;
}

/** Absolute POSIX path -> segments; `/` -> []. */
export function splitAbsolute(absolutePath: string): string[] {
  return absolutePath.split('/').filter((s) => s.length > 0 && s !== '.');
}

/**
 * Segment-by-segment containment, never a string prefix (`/ws-evil` is not inside `/ws`,
 * CVE-2025-54794). Returns the segments below the root, or undefined when outside.
 */
export function segmentsBelow(root: readonly string[], candidate: readonly string[], caseInsensitive: boolean): string[] | undefined {
  if (candidate.length < root.length) return undefined;
  const same = caseInsensitive ? (a: string, b: string) => a.toLowerCase() === b.toLowerCase() : (a: string, b: string) => a === b;
  for (let i = 0; i < root.length; i++) {
    const rootSegment = root[i];
    const candidateSegment = candidate[i];
    if (rootSegment === undefined || candidateSegment === undefined || !same(rootSegment, candidateSegment)) {
      return undefined;
    }
  }
  return candidate.slice(root.length);
}
