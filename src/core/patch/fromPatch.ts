import { fail, ok, type Result } from '../result';
import { splitLines } from '../text/lines';
import { parseUnifiedDiff, type FilePatch, type PatchHunk } from './parse';

/**
 * A path's text as it is now (on disk), null when there is no such file, or a refusal: the
 * caller's path policy decides what may be read (and so proposed), the same as for any proposal.
 */
export type PatchReadText = (path: string) => Promise<Result<string | null>>;

/** A file patch that was left out, and why (its message names the path). */
export interface PatchFailure {
  readonly path: string;
  readonly code: string;
  readonly message: string;
}

export interface PatchProposals {
  /** Whole new texts, relative to what `readText` gave; null deletes the file. In the patch's order. */
  readonly files: readonly { readonly path: string; readonly newText: string | null }[];
  /** Binary file patches: named for the user, never applied. */
  readonly binary: readonly string[];
  /** File patches that do not apply or name a refused path: left out, the rest still proposed. */
  readonly failures: readonly PatchFailure[];
}

/**
 * Turns a unified diff (`git diff`, `git format-patch`, `diff -u`) into proposals: each file's new
 * text is its current text with the patch applied exactly, as `git apply` would without fuzz. A
 * file patch whose hunk does not apply at its stated place, that creates a file that exists,
 * changes or renames one that does not, or names a path `readText` refuses (or an absolute one)
 * is left out with its reason in `failures`; the other files are still proposed. A rename deletes
 * the old path and creates the new one. A file patched twice (a series) gets the second patch on
 * top of the first. The result fails only when nothing at all can be proposed.
 */
export async function proposalsFromPatch(patch: string, readText: PatchReadText): Promise<Result<PatchProposals>> {
  const parsed = parseUnifiedDiff(patch);
  if (!parsed.ok) return parsed;
  const original = new Map<string, string | null>();
  const texts = new Map<string, string | null>();
  const textOf = async (path: string): Promise<Result<string | null>> => {
    if (isAbsolute(path)) return fail('E_PATCH_ABSOLUTE_PATH', `${path}: a patch names paths relative to the workspace; an absolute path is refused`);
    if (texts.has(path)) return ok(texts.get(path) ?? null);
    const read = await readText(path);
    if (!read.ok) return fail(read.code, `${path}: ${read.message}`);
    original.set(path, read.value);
    texts.set(path, read.value);
    return read;
  };
  const binary: string[] = [];
  const failures: PatchFailure[] = [];
  for (const fp of parsed.value) {
    const name = fp.newPath ?? fp.oldPath;
    if (name === null) return fail('E_PATCH_SYNTAX', 'a file patch names no path');
    if (fp.binary) {
      binary.push(name);
      continue;
    }
    const applied = await applyTo(fp, textOf);
    if (!applied.ok) {
      failures.push({ path: name, code: applied.code, message: applied.message });
      continue;
    }
    for (const [path, text] of applied.value) texts.set(path, text);
  }
  const files = [...texts].filter(([path, text]) => text !== original.get(path)).map(([path, newText]) => ({ path, newText }));
  if (files.length > 0) return ok({ files, binary, failures });
  const [only] = failures;
  if (only !== undefined && failures.length === 1) return fail(only.code, only.message);
  if (failures.length > 1) return fail('E_PATCH_DOES_NOT_APPLY', failures.map((f) => f.message).join('; '));
  return fail(
    'E_PATCH_EMPTY',
    binary.length > 0 ? `the patch changes only binary files (${binary.join(', ')}), which cannot be reviewed as text` : 'the patch changes no file',
  );
}

/** POSIX, Windows drive and UNC forms: a patch's paths are relative to its repository. */
function isAbsolute(path: string): boolean {
  return path.startsWith('/') || path.startsWith('\\') || /^[A-Za-z]:[\\/]/.test(path);
}

/** One file patch's effect: the paths it writes and their texts (null: deleted). */
async function applyTo(fp: FilePatch, textOf: PatchReadText): Promise<Result<[string, string | null][]>> {
  if (fp.oldPath === null) {
    const path = fp.newPath ?? '';
    const existing = await textOf(path);
    if (!existing.ok) return existing;
    if (existing.value !== null) return fail('E_PATCH_DOES_NOT_APPLY', `${path}: the patch creates this file, but it exists already`);
    const created = applyFilePatchAnyEol('', fp);
    return created.ok ? ok([[path, created.value]]) : created;
  }
  // Without rename headers, a plain diff's differing names still mean one file: the new name.
  const path = fp.rename || fp.newPath === null ? fp.oldPath : fp.newPath;
  const base = await textOf(path);
  if (!base.ok) return base;
  if (base.value === null) {
    const why = fp.rename && fp.hunks.length === 0 ? ' (a rename without content has nothing to create the new file from)' : '';
    const what = fp.rename && fp.newPath !== null ? `renames this file to ${fp.newPath}` : 'changes this file';
    return fail('E_PATCH_DOES_NOT_APPLY', `${path}: the patch ${what}, but it does not exist${why}`);
  }
  const applied = applyFilePatchAnyEol(base.value, fp);
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

/**
 * A CRLF-converted patch (`crlf`) applies as written to a CRLF file, and with its lines' CRs taken
 * off to an LF file: the conversion added them. When neither applies, the reason of the attempt
 * (in the file's line endings) is given, saying both were tried.
 */
function applyFilePatchAnyEol(base: string, fp: FilePatch): Result<string, 'E_PATCH_DOES_NOT_APPLY'> {
  const exact = applyFilePatch(base, fp);
  if (exact.ok || !fp.crlf) return exact;
  const hunks = fp.hunks.map((h) => ({ ...h, lines: h.lines.map((l) => ({ ...l, text: l.text.replace(/\r\n$/, '\n') })) }));
  const lf = applyFilePatch(base, { ...fp, hunks });
  if (lf.ok) return lf;
  // The attempt in the file's own line endings says what really differs.
  const closer = base.includes('\r\n') ? exact : lf;
  return fail(closer.code, `${closer.message} (the patch has CRLF line endings; it applies neither with nor without them)`);
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
    if (mismatch !== undefined) {
      const eolOnly = mismatch.expected !== mismatch.found && mismatch.expected.replace(/\r?\n$/, '') === mismatch.found.replace(/\r?\n$/, '');
      return fail(
        'E_PATCH_DOES_NOT_APPLY',
        `${name}: hunk ${k + 1} does not apply at line ${mismatch.line}: expected ${JSON.stringify(mismatch.expected)}, found ${JSON.stringify(mismatch.found)}` +
          (eolOnly ? ' (only the line endings differ)' : ''),
      );
    }
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
