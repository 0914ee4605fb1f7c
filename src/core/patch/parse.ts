import { fail, ok, type Result } from '../result';

export interface PatchHunk {
  readonly oldStart: number;
  readonly oldLines: number;
  readonly newStart: number;
  readonly newLines: number;
  /** Lines with their terminators; a last line without one had "\ No newline at end of file". */
  readonly lines: readonly { readonly kind: 'context' | 'removed' | 'added'; readonly text: string }[];
}

export interface FilePatch {
  /** null for a created file. */
  readonly oldPath: string | null;
  /** null for a deleted file. */
  readonly newPath: string | null;
  readonly binary: boolean;
  readonly rename: boolean;
  /**
   * Its header lines end in CR: the whole patch went through a CRLF conversion (a Windows
   * clipboard or editor), so a CR at the end of a hunk line may belong to the transport, not to
   * the file.
   */
  readonly crlf: boolean;
  readonly hunks: readonly PatchHunk[];
}

type PatchErrorCode = 'E_PATCH_SYNTAX';

const HUNK_HEADER = /^@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@/;

/**
 * Parses `git diff` output (or a plain unified diff) into file patches. Lines are split on '\n'
 * only, so a CR before it stays part of the line: CRLF files survive. Binary files
 * ("Binary files ... differ", "GIT binary patch") are listed with `binary: true` and no hunks.
 */
export function parseUnifiedDiff(text: string): Result<FilePatch[], PatchErrorCode> {
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  const files: FilePatch[] = [];
  let i = 0;
  type Current = { oldPath: string | null; newPath: string | null; binary: boolean; rename: boolean; crlf: boolean; hunks: PatchHunk[]; git: boolean };
  let current: Current | undefined;
  const finish = (): void => {
    if (current !== undefined) {
      const { oldPath, newPath, binary, rename, crlf, hunks } = current;
      files.push({ oldPath, newPath, binary, rename, crlf, hunks });
    }
    current = undefined;
  };
  while (i < lines.length) {
    // Outside a hunk a CR is never part of a name: a CRLF-converted patch's headers read as LF ones.
    const raw = lines[i] ?? '';
    const line = raw.replace(/\r$/, '');
    const crlf = raw !== line;
    if (line.startsWith('diff --git ')) {
      finish();
      const paths = gitHeaderPaths(line.slice('diff --git '.length));
      current = { oldPath: paths?.[0] ?? null, newPath: paths?.[1] ?? null, binary: false, rename: false, crlf, hunks: [], git: true };
      i++;
      continue;
    }
    if (line.startsWith('--- ') && (lines[i + 1] ?? '').startsWith('+++ ')) {
      if (current === undefined || current.hunks.length > 0) {
        finish();
        current = { oldPath: null, newPath: null, binary: false, rename: false, crlf, hunks: [], git: false };
      }
      const git = current.git;
      current.crlf ||= crlf;
      current.oldPath = headerPath(line.slice(4), 'a/', git);
      current.newPath = headerPath((lines[i + 1] ?? '').slice(4).replace(/\r$/, ''), 'b/', git);
      i += 2;
      continue;
    }
    if (current !== undefined && line.startsWith('new file mode')) current.oldPath = null;
    else if (current !== undefined && line.startsWith('deleted file mode')) current.newPath = null;
    else if (current !== undefined && line.startsWith('rename from ')) {
      current.oldPath = unquote(line.slice('rename from '.length));
      current.rename = true;
    } else if (current !== undefined && line.startsWith('rename to ')) current.newPath = unquote(line.slice('rename to '.length));
    else if (current !== undefined && (line.startsWith('Binary files ') || line === 'GIT binary patch')) current.binary = true;
    else if (line.startsWith('@@')) {
      if (current === undefined) return fail('E_PATCH_SYNTAX', `line ${i + 1}: hunk header before any file header`);
      const parsed = parseHunk(lines, i);
      if (!parsed.ok) return parsed;
      current.hunks.push(parsed.value.hunk);
      i = parsed.value.next;
      continue;
    }
    i++;
  }
  finish();
  if (files.length === 0 && text.trim().length > 0) return fail('E_PATCH_SYNTAX', 'no file header found: not a unified diff');
  return ok(files);
}

function parseHunk(lines: readonly string[], at: number): Result<{ hunk: PatchHunk; next: number }, PatchErrorCode> {
  const m = HUNK_HEADER.exec(lines[at] ?? '');
  if (m === null) return fail('E_PATCH_SYNTAX', `line ${at + 1}: malformed hunk header '${lines[at]}'`);
  const oldStart = Number(m[1]);
  const oldLines = m[2] === undefined ? 1 : Number(m[2]);
  const newStart = Number(m[3]);
  const newLines = m[4] === undefined ? 1 : Number(m[4]);
  const out: { kind: 'context' | 'removed' | 'added'; text: string }[] = [];
  let oldLeft = oldLines;
  let newLeft = newLines;
  let i = at + 1;
  while (oldLeft > 0 || newLeft > 0) {
    if (i >= lines.length) return fail('E_PATCH_SYNTAX', `line ${at + 1}: hunk ends early (${oldLeft} old and ${newLeft} new lines missing)`);
    const line = lines[i] ?? '';
    const tag = line[0];
    // Some tools strip the space of an empty context line.
    const bare = line === '' || line === '\r';
    const kind = tag === '-' ? 'removed' : tag === '+' ? 'added' : tag === ' ' || bare ? 'context' : undefined;
    if (kind === undefined) return fail('E_PATCH_SYNTAX', `line ${i + 1}: unexpected '${line.slice(0, 40)}' inside a hunk`);
    if (kind !== 'added' && oldLeft-- <= 0) return fail('E_PATCH_SYNTAX', `line ${i + 1}: more old lines than the header's ${oldLines}`);
    if (kind !== 'removed' && newLeft-- <= 0) return fail('E_PATCH_SYNTAX', `line ${i + 1}: more new lines than the header's ${newLines}`);
    out.push({ kind, text: `${bare ? line : line.slice(1)}\n` });
    i++;
    if ((lines[i] ?? '').startsWith('\\')) {
      const last = out[out.length - 1];
      if (last !== undefined) out[out.length - 1] = { ...last, text: last.text.slice(0, -1) };
      i++;
    }
  }
  return ok({ hunk: { oldStart, oldLines, newStart, newLines, lines: out }, next: i });
}

function headerPath(raw: string, prefix: string, git: boolean): string | null {
  // A plain diff may put a timestamp after a tab.
  const field = raw.startsWith('"') ? raw : (raw.split('\t')[0] ?? '');
  const path = unquote(field.trimEnd());
  if (path === '/dev/null') return null;
  return git || path.startsWith(prefix) ? stripPrefix(path, prefix) : path;
}

function stripPrefix(path: string, prefix: string): string {
  return path.startsWith(prefix) ? path.slice(prefix.length) : path;
}

function gitHeaderPaths(rest: string): [string, string] | undefined {
  if (rest.startsWith('"')) {
    const end = closingQuote(rest);
    const a = unquote(rest.slice(0, end + 1));
    const b = unquote(rest.slice(end + 2));
    return [stripPrefix(a, 'a/'), stripPrefix(b, 'b/')];
  }
  // Unquoted: the two halves are equal unless renamed, in which case rename headers follow.
  const half = (rest.length - 1) / 2;
  if (Number.isInteger(half) && rest[half] === ' ' && rest.slice(2, half) === rest.slice(half + 3)) {
    return [rest.slice(2, half), rest.slice(half + 3)];
  }
  const split = rest.indexOf(' b/');
  if (split === -1) return undefined;
  return [stripPrefix(rest.slice(0, split), 'a/'), stripPrefix(unquote(rest.slice(split + 1)), 'b/')];
}

function closingQuote(s: string): number {
  for (let i = 1; i < s.length; i++) {
    if (s[i] === '\\') i++;
    else if (s[i] === '"') return i;
  }
  return s.length - 1;
}

/** Undoes git's C-style path quoting (octal escapes are UTF-8 bytes). */
function unquote(s: string): string {
  if (!s.startsWith('"') || !s.endsWith('"') || s.length < 2) return s;
  const bytes: number[] = [];
  const body = s.slice(1, -1);
  const named: Record<string, number> = { n: 10, t: 9, r: 13, '"': 34, '\\': 92, a: 7, b: 8, f: 12, v: 11 };
  for (let i = 0; i < body.length; i++) {
    const c = body[i] ?? '';
    if (c !== '\\') {
      bytes.push(...new TextEncoder().encode(c));
      continue;
    }
    const next = body[i + 1] ?? '';
    if (/[0-7]/.test(next)) {
      bytes.push(parseInt(body.slice(i + 1, i + 4), 8));
      i += 3;
    } else {
      bytes.push(named[next] ?? next.charCodeAt(0));
      i += 1;
    }
  }
  return new TextDecoder().decode(new Uint8Array(bytes));
}
