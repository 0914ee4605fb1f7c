import { readFile, stat } from 'node:fs/promises';
import { fail, ok, type Result } from '../../core/result';

/** A file's text, null when it does not exist; bytes that are not UTF-8 are refused (they would not come back exactly). */
export async function readText(file: string): Promise<Result<string | null>> {
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return ok(null);
    return fail('E_READ', `cannot read ${file}: ${err instanceof Error ? err.message : String(err)}`);
  }
  try {
    return ok(new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes));
  } catch {
    return fail('E_SETTINGS', `${file} is not UTF-8 text; Redline leaves it alone`);
  }
}

export async function exists(p: string): Promise<boolean> {
  return stat(p).then(
    () => true,
    () => false,
  );
}
