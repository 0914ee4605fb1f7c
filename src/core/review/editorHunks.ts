import { decidedText, inDecided, inPendingApplied, stateLookup } from '../changeset/items';
import { rebaseFile } from '../changeset/rebase';
import type { ChangesetErrorCode, FileChange } from '../changeset/types';
import type { HunkView } from '../changeset/view';
import { ok, type Result } from '../result';
import { lineContent } from '../text/lines';
import { BOM } from '../text/textFacts';

/** Consecutive proposed lines that are not in the document yet; they would go before line `at`. */
export interface AddedBlock {
  /** 0-based document line the block goes before (the line count when it goes at the end). */
  readonly at: number;
  /** The lines without terminators. */
  readonly lines: readonly string[];
}

/**
 * An open hunk as the ordinary editor shows it, in document lines (0-based). The document holds
 * the decided text, so a pending hunk's removed lines are in it and its added lines are not.
 */
export interface EditorHunk {
  readonly id: string;
  readonly state: 'pending' | 'stale';
  readonly staleReason?: string;
  readonly flags: readonly string[];
  /** Document lines the hunk would remove, ascending. */
  readonly removed: readonly number[];
  readonly added: readonly AddedBlock[];
  /** The first and last document line the hunk is shown on (inclusive): lens, thread, cursor. */
  readonly first: number;
  readonly last: number;
}

/** Proposed text drawn at the end of a document line (VS Code draws no extra lines). */
export interface GhostText {
  readonly line: number;
  readonly text: string;
  /** Drawn before the line's text: lines that go above the first line of the file. */
  readonly before?: true;
}

/**
 * The file's model for a document whose text may be ahead of the review session (the user typed
 * and the session has not folded it in yet): rebased onto `documentText` the same way the session
 * will, so ids and stale marks match what a decision will find. VS Code drops a UTF-8 BOM from
 * document text; the model keeps it.
 */
export function modelForDocument(file: FileChange, documentText: string): Result<FileChange, ChangesetErrorCode> {
  const decided = decidedText(file);
  const text = decided.startsWith(BOM) && !documentText.startsWith(BOM) ? BOM + documentText : documentText;
  return text === decided ? ok(file) : rebaseFile(file, text);
}

/** The file's open (pending or stale) hunks in document lines, in file order. */
export function editorHunks(file: FileChange): EditorHunk[] {
  const stateOf = stateLookup(file.hunks);
  const removed = new Map<string, number[]>();
  const added = new Map<string, { at: number; lines: string[] }[]>();
  let line = 0;
  for (const item of file.items) {
    const state = item.hunk === undefined ? undefined : stateOf(item.hunk);
    if (item.hunk !== undefined && (state === 'pending' || state === 'stale')) {
      if (item.kind === 'removed') push(removed, item.hunk, line);
      else {
        const blocks = added.get(item.hunk) ?? [];
        const last = blocks[blocks.length - 1];
        const text = lineContent(item.text).replace(/^\uFEFF/, '');
        if (last !== undefined && last.at === line) last.lines.push(text);
        else blocks.push({ at: line, lines: [text] });
        added.set(item.hunk, blocks);
      }
    }
    if (inDecided(item, stateOf)) line++;
  }
  const out: EditorHunk[] = [];
  for (const h of file.hunks) {
    if (h.detached || (h.state !== 'pending' && h.state !== 'stale')) continue;
    const rm = removed.get(h.id) ?? [];
    const blocks = added.get(h.id) ?? [];
    const shown = [...rm, ...blocks.map(anchorLine)];
    if (shown.length === 0) continue;
    out.push({
      id: h.id,
      state: h.state,
      ...(h.staleReason === undefined ? {} : { staleReason: h.staleReason }),
      flags: h.flags,
      removed: rm,
      added: blocks,
      first: Math.min(...shown),
      last: Math.max(...shown),
    });
  }
  return out;
}

/** The hunk shown on `line`; the innermost when ranges nest (they do not, but a range may touch). */
export function hunkAtLine<H extends EditorHunk>(hunks: readonly H[], line: number): H | undefined {
  let best: H | undefined;
  for (const h of hunks) {
    if (line < h.first || line > h.last) continue;
    if (best === undefined || h.last - h.first < best.last - best.first) best = h;
  }
  return best;
}

/**
 * Where an added block is drawn: at the end of the line before it (after the lines it replaces),
 * or on the first line when it goes at the very top.
 */
function anchorLine(block: AddedBlock): number {
  return Math.max(0, block.at - 1);
}

/**
 * Ghost text for a hunk's added lines. A block that replaces lines is paired with them line by
 * line (`old ⟶ new`); what does not pair goes on the last line, cut to `maxChars` with a count of
 * the lines not shown (the hover has them all).
 */
export function ghostTexts(hunk: EditorHunk, maxChars = 80): GhostText[] {
  const removed = new Set(hunk.removed);
  const out: GhostText[] = [];
  for (const block of hunk.added) {
    // The removed lines right above the block are the ones it replaces.
    const replaced: number[] = [];
    for (let l = block.at - 1; removed.has(l); l--) replaced.unshift(l);
    const paired = Math.max(0, Math.min(replaced.length, block.lines.length) - 1);
    for (let i = 0; i < paired; i++) out.push({ line: replaced[i] ?? 0, text: clip(block.lines[i] ?? '', maxChars) });
    const rest = block.lines.slice(paired);
    const text = restText(rest, maxChars);
    out.push(block.at === 0 ? { line: 0, text, before: true } : { line: anchorLine(block), text });
  }
  return out;
}

/**
 * The unpaired lines as one ghost: the first line with content (a block that opens with a blank
 * line would otherwise show nothing) and how many lines the hover has besides it.
 */
function restText(rest: readonly string[], maxChars: number): string {
  const shown = rest.find((line) => line.trim() !== '');
  if (shown === undefined) return rest.length === 1 ? '(blank line)' : `(${rest.length} blank lines)`;
  const others = rest.length - 1;
  return clip(shown, maxChars) + (others > 0 ? ` (+${others} more line${others > 1 ? 's' : ''})` : '');
}

function clip(text: string, max: number): string {
  const t = text.replace(/\t/g, '  ');
  return t.length > max ? `${t.slice(0, max - 1)}…` : t;
}

/** The text the open document would have with every pending hunk accepted (the diff's right side). */
export function pendingAppliedText(file: FileChange): string {
  const stateOf = stateLookup(file.hunks);
  let out = '';
  for (const item of file.items) if (inPendingApplied(item, stateOf)) out += item.text;
  return out;
}

/**
 * The 0-based document line of a hunk's first change, decided or not (where the tree view opens
 * it). The lines before a hunk are the same on both of its sides, so the old side's start does.
 */
export function hunkDocumentLine(view: HunkView): number {
  const lead = Math.max(
    0,
    view.lines.findIndex((l) => l.kind !== 'context'),
  );
  return Math.max(0, view.oldStart - 1 + lead);
}

export interface FileCounts {
  readonly pending: number;
  readonly stale: number;
  readonly decided: number;
}

/** Counts of a file's live hunks by state, for the tree view. */
export function fileCounts(file: FileChange): FileCounts {
  let pending = 0;
  let stale = 0;
  let decided = 0;
  for (const h of file.hunks) {
    // A decision an edit detached still counts: it was made; a detached open hunk was merged away.
    if (h.detached && (h.state === 'pending' || h.state === 'stale')) continue;
    if (h.state === 'pending') pending++;
    else if (h.state === 'stale') stale++;
    else decided++;
  }
  return { pending, stale, decided };
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** A changeset title as a lens or a ghost names it: one line, short, and no `$(icon)` syntax of its own. */
export function changesetLabel(title: string): string {
  const plain = title.replace(/\$\(/g, '$\u200b(').replace(/\s+/g, ' ').trim();
  return plain.length > 40 ? `${plain.slice(0, 39)}…` : plain;
}

/**
 * What a ghost shows after (or before) its line: a mark for where the lines go (`⚠` when stale),
 * and, when two changesets change the document, whose proposal it is, so two ghosts on one line
 * never read as one doubled proposal.
 */
export function ghostContent(ghost: GhostText, stale: boolean, label?: string): string {
  const mark = stale ? '⚠ ' : ghost.before ? '＋ ' : '→ ';
  return label === undefined ? mark + ghost.text : `${mark}[${label}] ${ghost.text}`;
}

/**
 * How lenses and ghosts name the changesets that change one document, or undefined when only one
 * does (then nothing needs a name). Two builds of one plan share a title: they are numbered in the
 * order they were made, so their rows never read alike.
 */
export function overlapLabels(changesets: readonly { readonly id: string; readonly title: string }[]): Map<string, string> | undefined {
  if (changesets.length < 2) return undefined;
  const labels = changesets.map((c) => changesetLabel(c.title));
  const out = new Map<string, string>();
  changesets.forEach((c, i) => {
    const label = labels[i] ?? '';
    const same = labels.filter((l) => l === label).length;
    const n = labels.slice(0, i + 1).filter((l) => l === label).length;
    out.set(c.id, same > 1 ? `${label} (${n})` : label);
  });
  return out;
}
