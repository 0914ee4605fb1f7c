import { compileGlob } from './globMatch';

/** A compiled set of workspace-relative globs; `matchingGlob` names the one that matched. */
export interface GlobSet {
  readonly globs: readonly string[];
  matches(relativePath: string): boolean;
  matchingGlob(relativePath: string): string | undefined;
}

/**
 * gitignore-like anchoring, because that is what people expect of a path list in a setting or a
 * plan: a glob without a slash (`*.pem`) or a relative one (`.aws/**`) matches at any depth; a
 * leading `/` anchors it to the folder root. A glob also matches everything under a matching
 * directory (`credentials*` covers `credentials/prod.json`), so a denied folder cannot be read by
 * naming a file inside it. Matching ignores case unless told otherwise: on a case-insensitive disk
 * `.ENV` is `.env`, and on the others a false positive costs a click while a miss leaks a secret.
 * Matching is linear (globMatch.ts); a glob over its limits matches every path, since a rule that
 * cannot be read must not let a file through.
 */
export function compileGlobs(globs: readonly string[], options: { caseSensitive?: boolean } = {}): GlobSet {
  // Compiled on first use: rule tables are built when modules load, which is activation time.
  let compiled: { glob: string; test: (path: string) => boolean }[] | undefined;
  const compile = () =>
    globs.map((glob) => {
      const test = compileGlob(anchor(glob), { nocase: options.caseSensitive !== true });
      return { glob, test: test.ok ? test.value : () => true };
    });
  const matchingGlob = (relativePath: string): string | undefined => {
    compiled ??= compile();
    for (const prefix of selfAndAncestors(relativePath)) {
      const hit = compiled.find((c) => c.test(prefix));
      if (hit !== undefined) return hit.glob;
    }
    return undefined;
  };
  return { globs, matches: (p) => matchingGlob(p) !== undefined, matchingGlob };
}

function anchor(glob: string): string {
  const trimmed = glob.trim().replace(/\/+$/, '');
  if (trimmed.startsWith('/')) return trimmed.slice(1);
  return trimmed.startsWith('**/') ? trimmed : `**/${trimmed}`;
}

/** `a/b/c` -> `a/b/c`, `a/b`, `a` (deepest first, so the most specific glob is reported). */
function selfAndAncestors(relativePath: string): string[] {
  const segments = relativePath.split('/').filter((s) => s.length > 0);
  const out: string[] = [];
  for (let n = segments.length; n > 0; n--) out.push(segments.slice(0, n).join('/'));
  return out;
}
