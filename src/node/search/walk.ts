import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import ignore, { type Ignore } from 'ignore';
import { ALWAYS_EXCLUDED, excluder, type SearchRoot, type SearchScope } from './scope';

/** A .gitignore and the folder (root-relative, '' for the root) its rules are relative to. */
interface IgnoreFile {
  base: string;
  rules: Ignore;
}

export interface WalkedFile {
  /** The agent's view: the root's prefix and the root-relative path. */
  path: string;
  relative: string;
  absolute: string;
}

const alwaysExcluded = new Set<string>(ALWAYS_EXCLUDED);

/**
 * The files of a root as rg would list them, for where rg is absent: every .gitignore on the way
 * down applies to what lies under its folder, a deeper one after a shallower one (so its `!rule`
 * re-includes), through the `ignore` package's gitignore rules. Sorted by path within each folder;
 * `visit` returns false to stop the walk.
 */
export async function walkFiles(root: SearchRoot, scope: SearchScope, visit: (file: WalkedFile) => boolean | Promise<boolean>): Promise<boolean> {
  const excluded = excluder(scope.excludes);
  const walkDir = async (relativeDir: string, ignores: readonly IgnoreFile[]): Promise<boolean> => {
    const absoluteDir = path.join(root.absolute, relativeDir);
    let entries: import('node:fs').Dirent[];
    try {
      entries = await fs.readdir(absoluteDir, { withFileTypes: true });
    } catch {
      // A folder that cannot be read is left out, as rg leaves it out.
      return true;
    }
    const here = [...ignores];
    if (entries.some((e) => e.name === '.gitignore' && e.isFile())) {
      const text = await fs.readFile(path.join(absoluteDir, '.gitignore'), 'utf8').catch(() => '');
      here.push({ base: relativeDir, rules: ignore().add(text) });
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      const relative = relativeDir === '' ? entry.name : `${relativeDir}/${entry.name}`;
      const isDir = entry.isDirectory();
      if (!isDir && !entry.isFile()) continue;
      if ((isDir && alwaysExcluded.has(entry.name)) || excluded(relative) || isIgnored(here, relative, isDir)) continue;
      if (!scope.searchable(root.prefix + relative)) continue;
      if (isDir) {
        if (!(await walkDir(relative, here))) return false;
      } else if (!(await visit({ path: root.prefix + relative, relative, absolute: path.join(root.absolute, relative) }))) {
        return false;
      }
    }
    return true;
  };
  return walkDir('', []);
}

/** Later (deeper) files decide over earlier ones, as git does; a rule the file does not touch leaves the verdict. */
function isIgnored(files: readonly IgnoreFile[], relative: string, isDir: boolean): boolean {
  let ignored = false;
  for (const file of files) {
    const inner = file.base === '' ? relative : relative.startsWith(`${file.base}/`) ? relative.slice(file.base.length + 1) : undefined;
    if (inner === undefined) continue;
    const verdict = file.rules.test(isDir ? `${inner}/` : inner);
    if (verdict.ignored) ignored = true;
    else if (verdict.unignored) ignored = false;
  }
  return ignored;
}

/**
 * Whether a walk from the root would enter `folder` (root-relative, `.` the root itself): rg given a
 * folder searches it even when it is ignored, so a search that starts there checks it first.
 */
export async function walkable(root: SearchRoot, scope: SearchScope, folder: string): Promise<boolean> {
  if (folder === '.') return true;
  const excluded = excluder(scope.excludes);
  const ignores: IgnoreFile[] = [];
  const segments = folder.split('/');
  for (let n = 0; n < segments.length; n++) {
    const base = segments.slice(0, n).join('/');
    const text = await fs.readFile(path.join(root.absolute, base, '.gitignore'), 'utf8').catch(() => undefined);
    if (text !== undefined) ignores.push({ base, rules: ignore().add(text) });
    const relative = segments.slice(0, n + 1).join('/');
    const name = segments[n] ?? '';
    if (alwaysExcluded.has(name) || excluded(relative) || isIgnored(ignores, relative, true) || !scope.searchable(root.prefix + relative)) return false;
  }
  return true;
}
