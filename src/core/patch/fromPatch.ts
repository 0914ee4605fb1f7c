import { fail, ok, type Result } from '../result';
import { splitLines } from '../text/lines';
import { parseUnifiedDiff, type FilePatch, type PatchHunk } from './parse';

/**
 * A path's text as it is now (on disk), null when there is no such file, or a refusal: the
 * caller's path policy decides what may be read (and so proposed), the same as for any proposal.
 */
export type PatchReadText = (path: string) => Promise<Result<string | null>>;

export interface PatchProposals {
  /** Whole new texts, relative to what `readText` gave; null deletes the file. In the patch's order. */
  readonly files: readonly { readonly path: string; readonly newText: string | null }[];
  /** Binary file patches: named for the user, never applied. */
  readonly binary: readonly string[];
}

/**
 * Turns a unified diff (`git diff`, `git format-patch`, `diff -u`) into proposals: each file's new
 * text is its current text with the patch applied exactly, as `git apply` would without fuzz. A
 * hunk that does not apply at its stated place, a created file that exists, a changed or renamed
 * file that does not, or a path `readText` refuses fails the whole patch: nothing is half proposed.
 * A rename deletes the old path and creates the new one. A file patched twice (a series) gets
 * the second patch on top of the first.
 */
export async function proposalsFromPatch(patch: string, readText: PatchReadText): Promise<Result<PatchProposals>> {
  const parsed = parseUnifiedDiff(patch);
  if (!parsed.ok) return parsed;
  const original = new Map<string, string | null>();
  const texts = new Map<string, string | null>();
  const textOf = async (path: string): Promise<Result<string | null>> => {
    if (texts.has(path)) return ok(texts.get(path) ?? null);
    const read = await readText(path);
    if (!read.ok) return fail(read.code, `${path}: ${read.message}`);
    original.set(path, read.value);
    texts.set(path, read.value);
    return read;
  };
  const binary: string[] = [];
  for (const fp of parsed.value) {
    const name = fp.newPath ?? fp.oldPath;
    if (name === null) return fail('E_PATCH_SYNTAX', 'a file patch names no path');
    if (fp.binary) {
      binary.push(name);
      continue;
    }
    const applied = await applyTo(fp, textOf);
    if (!applied.ok) return applied;
    for (const [path, text] of applied.value) texts.set(path, text);
  }
  const files = [...texts].filter(([path, text]) => text !== original.get(path)).map(([path, newText]) => ({ path, newText }));
  if (files.length === 0) {
    return fail(
      'E_PATCH_EMPTY',
      binary.length > 0 ? `the patch changes only binary files (${binary.join(', ')}), which cannot be reviewed as text` : 'the patch changes no file',
    );
  }
  return ok({ files, binary });
}

/** One file patch's effect: the paths it writes and their texts (null: deleted). */
async function applyTo(fp: FilePatch, textOf: PatchReadText): Promise<Result<[string, string | null][]>> {
  if (fp.oldPath === null) {
    const path = fp.newPath ?? '';
    const existing = await textOf(path);
    if (!existing.ok) return existing;
    if (existing.value !== null) return fail('E_PATCH_DOES_NOT_APPLY', `${path}: the patch creates this file, but it exists already`);
    const created = applyFilePatch('', fp);
    return created.ok ? ok([[path, created.value]]) : created;
  }
  // Without rename headers, a plain diff's differing names still mean one file: the new name.
  const path = fp.rename || fp.newPath === null ? fp.oldPath : fp.newPath;
  const base = await textOf(path);
  if (!base.ok) return base;
  if (base.value === null) return fail('E_PATCH_DOES_NOT_APPLY', `${path}: the patch changes this file, but it does not exist`);
  const applied = applyFilePatch(base.value, fp);
  if (!applied.ok) return applied;
  if (fp.newPath === null) {
    const left = splitLines(applied.value).length;
    if (left > 0) return fail('E_PATCH_DOES_NOT_APPLY', `${path}: the patch deletes this file, but ${left} of its lines are not in the patch`);
    return ok([[path, null]]);
  }
  if (!fp.rename || fp.newPath === path) return ok([[path, applied.value]]);
  const target = await textOf(fp.newPath);
  if (!target.ok) return target;
  if (target.value !== null) return fail('E_PATCH_DOES_NOT_APPLY', `${fp.newPath}: the patch renames ${path} to this file, but it exists already`);
  return ok([
    [path, null],
    [fp.newPath, applied.value],
  ]);
}

/** Applies one file's hunks to its base, exactly where the headers say. */
export function applyFilePatch(base: string, fp: FilePatch): Result<string, 'E_PATCH_DOES_NOT_APPLY'> {
  const lines = splitLines(base);
  const out: string[] = [];
  let at = 0;
  const name = fp.oldPath ?? fp.newPath ?? '(unnamed)';
  for (const [k, h] of fp.hunks.entries()) {
    const start = h.oldLines === 0 ? h.oldStart : h.oldStart - 1;
    if (start < at) return fail('E_PATCH_DOES_NOT_APPLY', `${name}: hunk ${k + 1} at line ${h.oldStart} overlaps the hunk before it`);
    if (start + h.oldLines > lines.length) {
      return fail(
        'E_PATCH_DOES_NOT_APPLY',
        `${name}: hunk ${k + 1} does not apply at line ${h.oldStart}: the file has ${lines.length} lines, the hunk needs ${start + h.oldLines}`,
      );
    }
    out.push(...lines.slice(at, start));
    const mismatch = firstMismatch(lines, start, h);
    if (mismatch !== undefined)
      return fail(
        'E_PATCH_DOES_NOT_APPLY',
        `${name}: hunk ${k + 1} does not apply at line ${mismatch.line}: expected ${JSON.stringify(mismatch.expected)}, found ${JSON.stringify(mismatch.found)}`,
      );
    for (const l of h.lines) if (l.kind !== 'removed') out.push(l.text);
    at = start + h.oldLines;
  }
  return ok([...out, ...lines.slice(at)].join(''));
}

function firstMismatch(lines: readonly string[], start: number, h: PatchHunk): { line: number; expected: string; found: string } | undefined {
  let i = start;
  for (const l of h.lines) {
    if (l.kind === 'added') continue;
    if (lines[i] !== l.text) return { line: i + 1, expected: l.text, found: lines[i] ?? '(end of file)' };
    i++;
  }
  return undefined;
}
