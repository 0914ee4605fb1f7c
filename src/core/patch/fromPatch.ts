import { createChangeset } from '../changeset/build';
import type { Changeset, ChangesetErrorCode, ChangesetSource, FileInput } from '../changeset/types';
import { fail, ok, type Result } from '../result';
import { splitLines } from '../text/lines';
import { parseUnifiedDiff, type FilePatch, type PatchHunk } from './parse';

export type FromPatchErrorCode = 'E_PATCH_SYNTAX' | 'E_PATCH_DOES_NOT_APPLY' | 'E_MISSING_BASE' | ChangesetErrorCode;

export interface PatchImport {
  readonly changeset: Changeset;
  /** Files the patch lists but cannot carry as text (binary): shown, never diffed. */
  readonly binary: readonly { readonly path: string; readonly oldPath: string | null }[];
}

export interface FromPatchInput {
  readonly id: string;
  readonly title: string;
  readonly source?: ChangesetSource;
  readonly patch: string;
  /** The text a path had before the patch (e.g. from the git index); undefined if unknown. */
  readonly readBase: (path: string) => string | undefined;
  readonly context?: number;
}

/**
 * Imports a unified diff (e.g. `git diff` output) as a changeset: each file's base comes from
 * `readBase`, its proposed text is the base with the patch applied exactly (no fuzz: a hunk
 * whose lines do not match the base at its stated place is an error naming the file and line).
 */
export function changesetFromPatch(input: FromPatchInput): Result<PatchImport, FromPatchErrorCode> {
  const parsed = parseUnifiedDiff(input.patch);
  if (!parsed.ok) return parsed;
  const files: FileInput[] = [];
  const binary: { path: string; oldPath: string | null }[] = [];
  for (const fp of parsed.value) {
    const path = fp.newPath ?? fp.oldPath;
    if (path === null) return fail('E_PATCH_SYNTAX', 'a file patch names no path');
    if (fp.binary) {
      binary.push({ path, oldPath: fp.oldPath });
      continue;
    }
    let base: string | null = null;
    if (fp.oldPath !== null) {
      const read = input.readBase(fp.oldPath);
      if (read === undefined) return fail('E_MISSING_BASE', `${fp.oldPath}: no base text to apply the patch to`);
      base = read;
    }
    const proposed = fp.newPath === null ? null : applyFilePatch(base ?? '', fp);
    if (proposed !== null && !proposed.ok) return proposed;
    files.push({
      path,
      ...(fp.rename && fp.oldPath !== null ? { oldPath: fp.oldPath } : {}),
      baseText: base,
      proposedText: proposed === null ? null : proposed.value,
    });
  }
  const cs = createChangeset({ id: input.id, title: input.title, source: input.source ?? 'git', files, ...(input.context === undefined ? {} : { context: input.context }) });
  if (!cs.ok) return cs;
  return ok({ changeset: cs.value, binary });
}

/** Applies one file's hunks to its base, exactly where the headers say. */
export function applyFilePatch(base: string, fp: FilePatch): Result<string, 'E_PATCH_DOES_NOT_APPLY'> {
  const lines = splitLines(base);
  const out: string[] = [];
  let at = 0;
  const name = fp.oldPath ?? fp.newPath ?? '(unnamed)';
  for (const [k, h] of fp.hunks.entries()) {
    const start = h.oldLines === 0 ? h.oldStart : h.oldStart - 1;
    if (start < at || start + h.oldLines > lines.length) {
      return fail('E_PATCH_DOES_NOT_APPLY', `${name}: hunk ${k + 1} (@@ -${h.oldStart},${h.oldLines}) is outside the file's ${lines.length} lines or overlaps the previous hunk`);
    }
    out.push(...lines.slice(at, start));
    const mismatch = firstMismatch(lines, start, h);
    if (mismatch !== undefined) return fail('E_PATCH_DOES_NOT_APPLY', `${name}: hunk ${k + 1} does not apply at line ${mismatch.line}: expected ${JSON.stringify(mismatch.expected)}, found ${JSON.stringify(mismatch.found)}`);
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
