import { diffLineArrays } from '../diff/lineDiff';
import { existsAfterDecisions, inDecided, inPendingApplied, stateLookup, type StateOf } from '../changeset/items';
import type { Changeset, FileChange, Item } from '../changeset/types';
import { splitLines } from '../text/lines';

const CONTEXT = 3;

/** One end of a patch: which lines of a file's items it holds, whether the file exists, its name. */
interface Side {
  readonly holds: (item: Item, stateOf: StateOf) => boolean;
  readonly exists: (file: FileChange) => boolean;
  readonly path: (file: FileChange) => string;
}

/** The text the changeset was built on (after any rebase, with the user's text folded in). */
const BASE: Side = {
  holds: (item) => item.kind !== 'added',
  exists: (file) => file.status !== 'added',
  path: (file) => file.oldPath ?? file.path,
};
/** The files as they are: the base with the accepted hunks applied. */
const DECIDED: Side = { holds: inDecided, exists: existsAfterDecisions, path: (file) => file.path };
/** The files with every accepted and pending hunk applied. */
const OPEN: Side = { holds: inPendingApplied, exists: targetExists, path: (file) => file.path };

/**
 * A git-style unified diff of what is still on the table, accepted and pending hunks (rejected
 * and stale ones left out), that `git apply` accepts against the changeset's base: a/ and b/
 * prefixes, /dev/null for created and deleted files, rename headers, CRLF kept inside lines, and
 * "\ No newline at end of file" after a last line without one. Files with nothing open are left
 * out; the result is '' when nothing is.
 */
export function formatChangesetPatch(cs: Changeset): string {
  return formatBetween(cs, BASE, OPEN);
}

/** The accepted hunks alone, against the base the changeset was built on ('' when none is accepted). */
export function formatAcceptedPatch(cs: Changeset): string {
  return formatBetween(cs, BASE, DECIDED);
}

/**
 * The pending hunks alone, against the files as the accepted hunks left them: what `git apply`
 * applies to the workspace now to get every undecided hunk ('' when none is pending).
 */
export function formatPendingPatch(cs: Changeset): string {
  return formatBetween(cs, DECIDED, OPEN);
}

function formatBetween(cs: Changeset, from: Side, to: Side): string {
  return cs.files.map((file) => formatFilePatch(file, from, to)).join('');
}

function formatFilePatch(file: FileChange, from: Side, to: Side): string {
  const oldPath = from.path(file);
  const newPath = to.path(file);
  const oldExists = from.exists(file);
  const newExists = to.exists(file);
  const stateOf = stateLookup(file.hunks);
  const textOf = (side: Side): string =>
    file.items
      .filter((i) => side.holds(i, stateOf))
      .map((i) => i.text)
      .join('');
  const oldText = oldExists ? textOf(from) : '';
  const newText = newExists ? textOf(to) : '';
  const renamed = oldPath !== newPath;
  if (oldExists === newExists && oldText === newText && !renamed) return '';
  if (!oldExists && !newExists) return '';
  let out = `diff --git ${quotePath(`a/${oldPath}`)} ${quotePath(`b/${newPath}`)}\n`;
  if (!oldExists) out += 'new file mode 100644\n';
  if (!newExists) out += 'deleted file mode 100644\n';
  if (renamed && oldExists && newExists) out += `rename from ${quotePath(oldPath)}\nrename to ${quotePath(newPath)}\n`;
  const body = unifiedHunks(splitLines(oldText), splitLines(newText), CONTEXT);
  if (body === '') return out;
  out += `--- ${oldExists ? quotePath(`a/${oldPath}`) : '/dev/null'}\n`;
  out += `+++ ${newExists ? quotePath(`b/${newPath}`) : '/dev/null'}\n`;
  return out + body;
}

/** Whether the file exists with every open (accepted or pending) hunk applied. */
function targetExists(file: FileChange): boolean {
  const live = file.hunks.filter((h) => !h.detached);
  const open = (h: { state: string }): boolean => h.state === 'pending' || h.state === 'accepted';
  // A deleted file is gone only if every hunk's removal is open; a created one exists if one is.
  if (file.status === 'deleted') return !(live.length > 0 && live.every(open));
  if (file.status === 'added') return live.some(open);
  return true;
}

/** Unified-diff hunks for two line arrays (lines keep their terminators). */
function unifiedHunks(oldLines: readonly string[], newLines: readonly string[], context: number): string {
  type Row = { tag: ' ' | '-' | '+'; text: string; changed: boolean };
  const rows: Row[] = [];
  let a = 0;
  let b = 0;
  for (const run of diffLineArrays(oldLines, newLines)) {
    for (let k = 0; k < run.count; k++) {
      if (run.kind === 'equal') {
        rows.push({ tag: ' ', text: oldLines[a++] ?? '', changed: false });
        b++;
      } else if (run.kind === 'removed') rows.push({ tag: '-', text: oldLines[a++] ?? '', changed: true });
      else rows.push({ tag: '+', text: newLines[b++] ?? '', changed: true });
    }
  }
  let out = '';
  let i = 0;
  let oldNo = 0; // old lines before row i
  let newNo = 0;
  const oldBefore: number[] = [];
  const newBefore: number[] = [];
  for (const r of rows) {
    oldBefore.push(oldNo);
    newBefore.push(newNo);
    if (r.tag !== '+') oldNo++;
    if (r.tag !== '-') newNo++;
  }
  while (i < rows.length) {
    if (!rows[i]?.changed) {
      i++;
      continue;
    }
    const start = Math.max(0, i - context);
    let end = i; // last changed row of the hunk
    for (let j = i; j < rows.length; j++) {
      if (rows[j]?.changed) end = j;
      else if (j - end > 2 * context) break;
    }
    const stop = Math.min(rows.length, end + context + 1);
    const slice = rows.slice(start, stop);
    const oldCount = slice.filter((r) => r.tag !== '+').length;
    const newCount = slice.filter((r) => r.tag !== '-').length;
    const o = oldBefore[start] ?? 0;
    const n = newBefore[start] ?? 0;
    out += `@@ -${oldCount === 0 ? o : o + 1},${oldCount} +${newCount === 0 ? n : n + 1},${newCount} @@\n`;
    for (const r of slice) {
      out += r.tag + r.text;
      if (!r.text.endsWith('\n')) out += '\n\\ No newline at end of file\n';
    }
    i = stop;
  }
  return out;
}

/** Quotes a path the way git does when it holds characters a plain header cannot carry. */
function quotePath(path: string): string {
  if (!/[\u0000-\u001f"\\\u007f]/.test(path)) return path;
  const escaped = path.replace(/[\u0000-\u001f"\\\u007f]/g, (c) => {
    const named: Record<string, string> = { '"': '\\"', '\\': '\\\\', '\n': '\\n', '\t': '\\t', '\r': '\\r' };
    return named[c] ?? `\\${c.charCodeAt(0).toString(8).padStart(3, '0')}`;
  });
  return `"${escaped}"`;
}
