import type { Changeset } from '../changeset/types';
import { compileGlob } from '../policy/globMatch';

/** The rules an auto-allow never overrides: each path is asked of them, whatever the globs say. */
export interface AutoAllowGuards {
  /** The deny list (secrets, keys): such a path is refused before it is proposed, and checked here again. */
  denied(path: string): boolean;
  /** Workspace settings, CI, agent configuration and the other protected paths: they need a look of their own. */
  protectedPath(path: string): boolean;
}

/**
 * `redline.terminalAgents.autoAllow` as a matcher. A glob the matcher refuses (over its limits, not
 * a string) is left out and named in `problems`; an empty list matches nothing.
 */
export function autoAllowMatcher(setting: unknown): { matches: (path: string) => boolean; problems: string[] } {
  const problems: string[] = [];
  const matchers: ((path: string) => boolean)[] = [];
  for (const glob of Array.isArray(setting) ? (setting as unknown[]) : []) {
    if (typeof glob !== 'string' || glob.trim() === '') {
      problems.push(`${JSON.stringify(glob)} is not a glob`);
      continue;
    }
    const compiled = compileGlob(glob.trim());
    if (compiled.ok) matchers.push(compiled.value);
    else problems.push(`${glob}: ${compiled.message}`);
  }
  return { matches: (path) => matchers.some((m) => m(path)), problems };
}

/**
 * Whether a terminal agent's changeset is allowed at once, without a review: every file it touches
 * (and a renamed file's old path) matches an auto-allow glob, none is denied or protected, and every
 * hunk is pending and unflagged — a tripwire (tests deleted, a secret added, lint disabled), a stale
 * hunk (the user's unsaved text overlaps it) or a hunk with no place in the file sends the edit to
 * the review as usual.
 */
export function autoAllowable(cs: Changeset, matches: (path: string) => boolean, guards: AutoAllowGuards): boolean {
  if (cs.files.length === 0) return false;
  return cs.files.every((file) => {
    const paths = file.oldPath === undefined ? [file.path] : [file.path, file.oldPath];
    if (!paths.every((p) => matches(p) && !guards.denied(p) && !guards.protectedPath(p))) return false;
    return file.hunks.length > 0 && file.hunks.every((h) => h.state === 'pending' && h.flags.length === 0 && h.detached !== true);
  });
}
