import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { secretValuesOf } from '../../core/policy/knownSecrets';
import { DEFAULT_SHARED_FOLDERS } from './isolatedCopy';

/** Bounds: the walk runs before every check, a workspace can be any size, and each value adds its encodings to the matcher. */
const MAX_ENTRIES = 50_000;
const MAX_FILE_BYTES = 256 * 1024;
const MAX_VALUES = 500;
/** Folders that hold no one's secrets but many files. */
const SKIPPED = new Set(['.git', ...DEFAULT_SHARED_FOLDERS]);

/**
 * The values held by the workspace folder's denied files (`.env` and the like, ignored by git or
 * not), for the redactor of a check's output. Read on every sandbox kind: under `none` and
 * `unshare` a check can open the originals by absolute path, and under any sandbox it may have
 * seen a value some other way (a committed copy, a parent folder); the values are redacted in
 * every encoding whatever the check did with them.
 */
export async function deniedFileValues(root: string, isDenied: (relativePath: string) => boolean): Promise<string[]> {
  const values = new Set<string>();
  let entries = 0;
  const pending: string[] = [''];
  while (pending.length > 0 && entries < MAX_ENTRIES && values.size < MAX_VALUES) {
    const rel = pending.pop()!;
    const listed = await fs.readdir(path.join(root, rel), { withFileTypes: true }).catch(() => []);
    for (const entry of listed) {
      if (++entries > MAX_ENTRIES) break;
      const child = rel === '' ? entry.name : `${rel}/${entry.name}`;
      if (entry.isDirectory()) {
        if (!SKIPPED.has(entry.name)) pending.push(child);
      } else if (entry.isFile() && isDenied(child)) {
        for (const v of await readValues(path.join(root, child))) values.add(v);
      }
    }
  }
  return [...values].slice(0, MAX_VALUES);
}

async function readValues(file: string): Promise<string[]> {
  const stat = await fs.stat(file).catch(() => undefined);
  if (stat === undefined || stat.size > MAX_FILE_BYTES) return [];
  const text = await fs.readFile(file, 'utf8').catch(() => '');
  return secretValuesOf(text);
}
