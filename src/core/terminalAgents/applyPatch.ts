import { fail, ok, type Result } from '../result';

/**
 * Codex's `apply_patch` format, read and applied the way Codex does it (its `apply-patch` crate:
 * markers found on trimmed lines, hunk lines found exactly, then ignoring trailing whitespace,
 * then any surrounding whitespace, then typographic punctuation; a result always ends with a
 * newline), so the text Redline reviews is the text Codex would write:
 *
 *     *** Begin Patch
 *     *** Update File: src/a.ts        (or *** Add File: path, followed by "+" lines)
 *     @@ optional line to find first
 *      context line
 *     -removed line
 *     +added line
 *     *** End of File                  (optional: the hunk is at the end of the file)
 *     *** End Patch
 *
 * Redline reviews one file per call: a patch that deletes, moves, or touches more than one file is
 * refused with a reason the model can act on, never applied in part.
 */
export type FilePatch =
  | { readonly kind: 'add'; readonly path: string; readonly text: string }
  | { readonly kind: 'update'; readonly path: string; readonly chunks: readonly PatchChunk[] };

export interface PatchChunk {
  /** The `@@ <line>` to find before the hunk's lines. */
  readonly context?: string;
  readonly oldLines: readonly string[];
  readonly newLines: readonly string[];
  /** `*** End of File`: the old lines are the file's last lines. */
  readonly endOfFile: boolean;
}

const BEGIN = '*** Begin Patch';
const END = '*** End Patch';
const ADD = '*** Add File: ';
const DELETE = '*** Delete File: ';
const UPDATE = '*** Update File: ';
const MOVE = '*** Move to: ';
const END_OF_FILE = '*** End of File';

interface Hunk {
  readonly header: 'add' | 'delete' | 'update';
  readonly path: string;
  readonly moveTo?: string;
  readonly patch?: FilePatch;
}

/** The one file a patch adds or updates; anything else is refused with the reason. */
export function parsePatch(text: string): Result<FilePatch> {
  const lines = text.trim().split(/\r?\n/);
  if (lines[0]?.trim() !== BEGIN) return fail('E_PATCH', `the patch must start with "${BEGIN}"`);
  if (lines.length < 2 || lines[lines.length - 1]?.trim() !== END) return fail('E_PATCH', `the patch must end with "${END}"`);
  const body = lines.slice(1, -1);
  const hunks: Hunk[] = [];
  let at = 0;
  while (at < body.length) {
    const read = readHunk(body, at);
    if (!read.ok) return read;
    hunks.push(read.value.hunk);
    at = read.value.next;
  }
  const [only] = hunks;
  if (only === undefined) return fail('E_PATCH', 'the patch changes no file');
  if (hunks.length > 1) {
    const paths = [...new Set(hunks.map((h) => h.path))];
    return fail(
      'E_UNSUPPORTED',
      `Redline reviews one file per apply_patch call, and this patch has ${hunks.length} file sections (${paths.join(', ')}); send one patch for each file`,
    );
  }
  if (only.header === 'delete') return fail('E_UNSUPPORTED', `Redline cannot review deleting a file (${only.path}); ask the user to delete it`);
  if (only.moveTo !== undefined)
    return fail('E_UNSUPPORTED', `Redline cannot review moving ${only.path} to ${only.moveTo}; ask the user to move it, then patch the file where it is`);
  return only.patch ? ok(only.patch) : fail('E_PATCH', `the patch section for ${only.path} is empty`);
}

function readHunk(lines: readonly string[], start: number): Result<{ hunk: Hunk; next: number }> {
  const header = (lines[start] ?? '').trim();
  if (header.startsWith(ADD)) {
    const path = header.slice(ADD.length).trim();
    let at = start + 1;
    let text = '';
    for (let line = lines[at]; line?.startsWith('+'); line = lines[++at]) text += `${line.slice(1)}\n`;
    return pathOk(path) ?? ok({ hunk: { header: 'add', path, patch: { kind: 'add', path, text } }, next: at });
  }
  if (header.startsWith(DELETE)) {
    const path = header.slice(DELETE.length).trim();
    return pathOk(path) ?? ok({ hunk: { header: 'delete', path }, next: start + 1 });
  }
  if (header.startsWith(UPDATE)) {
    const path = header.slice(UPDATE.length).trim();
    const bad = pathOk(path);
    if (bad) return bad;
    let at = start + 1;
    const move = lines[at]?.startsWith(MOVE) ? (lines[at++] ?? '').slice(MOVE.length).trim() : undefined;
    const chunks: PatchChunk[] = [];
    while (at < lines.length) {
      const line = lines[at] ?? '';
      // Blank lines between chunks are skipped, as Codex does; a line starting "***" ends the section.
      if (line.trim() === '') {
        at++;
        continue;
      }
      if (line.startsWith('***')) break;
      const chunk = readChunk(lines, at, chunks.length === 0, path);
      if (!chunk.ok) return chunk;
      chunks.push(chunk.value.chunk);
      at = chunk.value.next;
    }
    if (chunks.length === 0) return fail('E_PATCH', `the Update File section for ${path} has no changes`);
    const hunk: Hunk = { header: 'update', path, ...(move !== undefined ? { moveTo: move } : {}), patch: { kind: 'update', path, chunks } };
    return ok({ hunk, next: at });
  }
  return fail('E_PATCH', `"${clip(header)}" is not a file header; use "${ADD}<path>", "${UPDATE}<path>" or "${DELETE}<path>"`);
}

function readChunk(lines: readonly string[], start: number, first: boolean, path: string): Result<{ chunk: PatchChunk; next: number }> {
  const head = lines[start] ?? '';
  let context: string | undefined;
  let at = start;
  if (head === '@@') at++;
  else if (head.startsWith('@@ ')) {
    context = head.slice(3);
    at++;
  } else if (!first) return fail('E_PATCH', `in ${path}, a hunk must start with "@@", got "${clip(head)}"`);
  const oldLines: string[] = [];
  const newLines: string[] = [];
  let endOfFile = false;
  const from = at;
  for (; at < lines.length; at++) {
    const line = lines[at] ?? '';
    if (line === END_OF_FILE) {
      if (at === from) break;
      endOfFile = true;
      at++;
      break;
    }
    const mark = line.charAt(0);
    if (line === '') {
      oldLines.push('');
      newLines.push('');
    } else if (mark === ' ' || mark === '-' || mark === '+') {
      if (mark !== '+') oldLines.push(line.slice(1));
      if (mark !== '-') newLines.push(line.slice(1));
    } else if (at === from) {
      return fail('E_PATCH', `in ${path}, "${clip(line)}" is not a hunk line; each starts with " " (context), "-" (removed) or "+" (added)`);
    } else break;
  }
  if (at === from || (endOfFile && at === from + 1)) return fail('E_PATCH', `in ${path}, a hunk has no lines`);
  return ok({ chunk: { ...(context !== undefined ? { context } : {}), oldLines, newLines, endOfFile }, next: at });
}

function pathOk(path: string): Result<never> | undefined {
  return path.includes('\0') ? fail('E_PATCH', 'a path in the patch contains a NUL character') : undefined;
}

/**
 * The text Codex would leave after the patch, from the file's text (`current` null: no file). An
 * Update whose lines are not found is refused with the lines, so the model can read the file again.
 * Lines keep their own endings; new lines take the file's first one (CRLF stays CRLF), and every
 * line ends with one, the last included (Codex 0.171's `text_file.rs`).
 */
export function applyFilePatch(patch: FilePatch, current: string | null): Result<string> {
  if (patch.kind === 'add') return ok(patch.text);
  if (current === null) return fail('E_INPUT', `${patch.path} does not exist; create it with "${ADD}${patch.path}"`);
  const { lines, ending } = sourceLines(current);
  const texts = lines.map((l) => l.text);
  const replacements: { at: number; remove: number; insert: readonly string[] }[] = [];
  let from = 0;
  for (const chunk of patch.chunks) {
    if (chunk.context !== undefined) {
      const found = seek(texts, [chunk.context], from, false);
      if (found === undefined) return fail('E_INPUT', `the line "${clip(chunk.context)}" was not found in ${patch.path}; read the file again`);
      from = found + 1;
    }
    if (chunk.oldLines.length === 0) {
      // A hunk with nothing to find adds at the end, before a last empty line.
      replacements.push({ at: texts[texts.length - 1] === '' ? texts.length - 1 : texts.length, remove: 0, insert: chunk.newLines });
      continue;
    }
    let old = chunk.oldLines;
    let next = chunk.newLines;
    let found = seek(texts, old, from, chunk.endOfFile);
    // A trailing empty line stands for the file's final newline; Codex tries again without it.
    if (found === undefined && old[old.length - 1] === '') {
      old = old.slice(0, -1);
      if (next[next.length - 1] === '') next = next.slice(0, -1);
      found = seek(texts, old, from, chunk.endOfFile);
    }
    if (found === undefined)
      return fail('E_INPUT', `these lines were not found in ${patch.path}; read the file again:\n${clip(chunk.oldLines.join('\n'), 2_000)}`);
    replacements.push({ at: found, remove: old.length, insert: next });
    from = found + old.length;
  }
  replacements.sort((a, b) => a.at - b.at);
  const out = [...lines];
  for (const r of replacements.reverse()) out.splice(r.at, r.remove, ...r.insert.map((text) => ({ text, end: ending })));
  return ok(out.map((l) => l.text + (l.end ?? ending)).join(''));
}

interface SourceLine {
  readonly text: string;
  /** Its line end; undefined for a last line without one. */
  readonly end: string | undefined;
}

/** The file's lines with their own ends, and the end new lines take: the file's first one. */
function sourceLines(text: string): { lines: SourceLine[]; ending: string } {
  const lines: SourceLine[] = [];
  let ending: string | undefined;
  let start = 0;
  for (let nl = text.indexOf('\n'); nl !== -1; nl = text.indexOf('\n', start)) {
    const cr = nl > start && text[nl - 1] === '\r';
    const end = cr ? '\r\n' : '\n';
    ending ??= end;
    lines.push({ text: text.slice(start, cr ? nl - 1 : nl), end });
    start = nl + 1;
  }
  if (start < text.length) lines.push({ text: text.slice(start), end: undefined });
  return { lines, ending: ending ?? '\n' };
}

/** Each looser way of comparing lines Codex tries, in its order, when the exact one finds nothing. */
const COMPARISONS: readonly ((s: string) => string)[] = [(s) => s, (s) => s.trimEnd(), (s) => s.trim(), (s) => normalized(s.trim())];

function seek(lines: readonly string[], pattern: readonly string[], from: number, endOfFile: boolean): number | undefined {
  if (pattern.length === 0) return from;
  if (pattern.length > lines.length) return undefined;
  const start = endOfFile ? lines.length - pattern.length : from;
  for (const compare of COMPARISONS) {
    const want = pattern.map(compare);
    for (let i = start; i <= lines.length - pattern.length; i++) {
      if (want.every((p, j) => compare(lines[i + j] ?? '') === p)) return i;
    }
  }
  return undefined;
}

/** Typographic dashes, quotes and spaces as their ASCII forms. */
function normalized(s: string): string {
  return s
    .replace(/[\u2010-\u2015\u2212]/g, '-')
    .replace(/[\u2018\u2019\u201A\u201B]/g, "'")
    .replace(/[\u201C\u201D\u201E\u201F]/g, '"')
    .replace(/[\u00A0\u2002-\u200A\u202F\u205F\u3000]/g, ' ');
}

/**
 * A patch that turns `before` into `after` in one hunk (`before` null: the file is added). The
 * whole file's lines are the hunk's old lines, so Codex finds them at the top and nowhere else.
 * Codex ends every file it writes with a newline: an `after` without one gets it.
 */
export function wholeFilePatch(path: string, before: string | null, after: string): string {
  const added = linesOf(after).map((l) => `+${l}`);
  if (before === null) return [BEGIN, `${ADD}${path}`, ...added, END, ''].join('\n');
  const removed = linesOf(before).map((l) => `-${l}`);
  return [BEGIN, `${UPDATE}${path}`, '@@', ...removed, ...added, END, ''].join('\n');
}

function linesOf(text: string): string[] {
  if (text === '') return [];
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}

function clip(s: string, max = 120): string {
  return s.length > max ? `${s.slice(0, max)}…` : s;
}
