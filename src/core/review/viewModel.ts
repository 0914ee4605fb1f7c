import type { FileChange, HunkRecord, HunkRevision, LineKind } from '../changeset/types';
import { viewHunks, type HunkLine } from '../changeset/view';
import { lineContent, splitLines } from '../text/lines';
import { decidedText } from '../changeset/items';
import { publicState } from '../changeset/snapshot';
import type { ReviewFile, ReviewHeader, ReviewHunk, ReviewLine, ReviewState, ReviewLayout } from '../../shared/reviewProtocol';
import type { ChangesetEntry } from './changesetEntry';
import { contentKeys, seenStatus } from './seenMarks';
import { isWhitespaceOnly } from '../diff/whitespaceOnly';
import { classifyFile } from './fileKind';
import type { FileKind } from '../../shared/readingOrder';

const KIND: Record<LineKind, 0 | 1 | 2> = { context: 0, removed: 1, added: 2 };

/**
 * Turns a changeset into what the Review webview renders. Files are immutable values, so a file
 * that a decision did not touch keeps its object and its cached hunks: a decision re-renders one
 * file, not two hundred.
 */
export class ReviewViewModel {
  private readonly cache = new WeakMap<FileChange, { flagsKey: string; hunks: ReviewHunk[]; seenKey: string; shown: ReviewHunk[] }>();
  private readonly keys = new WeakMap<FileChange, Map<string, string>>();

  state(entry: ChangesetEntry, header: ReviewHeader, layout: ReviewLayout, focus?: string): ReviewState {
    return {
      changesetId: entry.changeset.id,
      header,
      files: entry.changeset.files.map(reviewFile),
      hunks: this.hunks(entry),
      ...(entry.steps ? { steps: entry.steps } : {}),
      layout,
      ...(focus ? { focus } : {}),
    };
  }

  hunks(entry: ChangesetEntry): ReviewHunk[] {
    return entry.changeset.files.flatMap((file, index) => this.fileHunks(entry, file, index));
  }

  private fileHunks(entry: ChangesetEntry, file: FileChange, index: number): ReviewHunk[] {
    const flagsKey = file.hunks.map((h) => `${h.id}:${(entry.flags.get(h.id) ?? []).map((f) => f.reason).join('|')}`).join(',');
    const seen = this.seenOf(entry, file);
    const seenKey = [...seen].join(',');
    const cached = this.cache.get(file);
    if (cached && cached.flagsKey === flagsKey) {
      if (cached.seenKey === seenKey) return cached.shown;
      // Only the marks changed: the hunks keep their views, and those without a mark their identity.
      const shown = withSeen(cached.hunks, seen);
      this.cache.set(file, { ...cached, seenKey, shown });
      return shown;
    }
    const docLines = splitLines(decidedText(file)).length;
    const hunks = viewHunks(file)
      .filter((v) => v.lines.length > 0 || !v.record.detached || isDecided(v.record))
      .map((v): ReviewHunk => {
        const r = v.record;
        const last = r.history[r.history.length - 1];
        // A decision an edit detached shows the lines it was about, from its history.
        const asDecided = v.lines.length === 0 && r.detached === true && last?.replacedBy === 'edit' ? last : undefined;
        const previous = asDecided === undefined ? last : r.history[r.history.length - 2];
        const lines = asDecided === undefined ? v.lines.map(compactLine) : revisionLines(asDecided);
        return {
          id: v.id,
          file: index,
          state: publicState(r),
          revision: r.revision,
          oldStart: v.oldStart,
          oldLines: v.oldLines,
          newStart: v.newStart,
          newLines: v.newLines,
          lines,
          flags: entry.flags.get(v.id) ?? r.flags.map((id) => ({ id, reason: id })),
          steps: [...r.steps],
          ...(r.intent === undefined ? {} : { intent: r.intent }),
          ...(r.reason ? { reason: r.reason } : {}),
          ...(r.staleReason ? { staleReason: r.staleReason } : {}),
          ...(previous ? { previous: revisionLines(previous) } : {}),
          linesAfter: Math.max(0, docLines - hunkSpan(v.oldStart, v.oldLines).last),
          ...(asDecided === undefined ? {} : { detached: true }),
          ...(isWhitespaceOnly(lines) ? { whitespaceOnly: true } : {}),
        };
      });
    const shown = withSeen(hunks, seen);
    this.cache.set(file, { flagsKey, hunks, seenKey, shown });
    return shown;
  }

  /** The marked hunks of a file and how they stand; content keys are cached per file value. */
  private seenOf(entry: ChangesetEntry, file: FileChange): Map<string, 'seen' | 'changed'> {
    const status = new Map<string, 'seen' | 'changed'>();
    if (entry.seen.size === 0 || !file.hunks.some((h) => entry.seen.has(h.id))) return status;
    let keys = this.keys.get(file);
    if (keys === undefined) {
      keys = contentKeys(file);
      this.keys.set(file, keys);
    }
    for (const h of file.hunks) {
      const s = seenStatus(entry.seen, h.id, keys.get(h.id));
      if (s !== undefined) status.set(h.id, s);
    }
    return status;
  }
}

function withSeen(hunks: ReviewHunk[], seen: ReadonlyMap<string, 'seen' | 'changed'>): ReviewHunk[] {
  if (seen.size === 0) return hunks;
  return hunks.map((h) => {
    const s = seen.get(h.id);
    return s === undefined ? h : { ...h, seen: s };
  });
}

function compactLine(line: HunkLine): ReviewLine {
  const emphasis = line.emphasis?.flatMap(([start, end]) => [start, end]);
  return emphasis && emphasis.length > 0 ? [KIND[line.kind], line.text, emphasis] : [KIND[line.kind], line.text];
}

/** A hunk with a decision that stays, whatever happens to its lines. */
function isDecided(h: HunkRecord): boolean {
  return h.state === 'accepted' || h.state === 'rejected';
}

function revisionLines(rev: HunkRevision): ReviewLine[] {
  return rev.lines.map((l) => [KIND[l.kind], lineContent(l.text)]);
}

function reviewFile(file: FileChange): ReviewFile {
  return {
    path: file.path,
    ...(file.oldPath ? { oldPath: file.oldPath } : {}),
    status: file.status,
    language: languageOf(file.path),
    ...kindField(classifyFile(file.path, file.proposedText ?? file.baseText)),
  };
}

function kindField(kind: FileKind): { kind?: 'test' | 'generated' | 'lockfile' } {
  return kind === 'source' ? {} : { kind };
}

/**
 * Lines of the document (the decided text) next to a hunk, for "expand context". `oldStart` and
 * `oldLines` are the hunk's range in the document, 1-based as git writes it.
 */
export function contextLines(
  file: FileChange,
  oldStart: number,
  oldLines: number,
  direction: 'above' | 'below',
  count: number,
): { lines: ReviewLine[]; startLine: number } {
  const doc = splitLines(decidedText(file));
  const { first, last } = hunkSpan(oldStart, oldLines);
  const [from, to] = direction === 'above' ? [Math.max(1, first - count), first - 1] : [last + 1, Math.min(doc.length, last + count)];
  const lines: ReviewLine[] = [];
  for (let n = from; n <= to; n++) lines.push([0, lineContent(doc[n - 1] ?? '')]);
  return { lines, startLine: from };
}

/** The 1-based first and last document line of a hunk's range as git writes it (an empty range sits after `oldStart`). */
function hunkSpan(oldStart: number, oldLines: number): { first: number; last: number } {
  return oldLines === 0 ? { first: oldStart + 1, last: oldStart } : { first: oldStart, last: oldStart + oldLines - 1 };
}

const LANGUAGES: Record<string, string> = {
  ts: 'typescript',
  tsx: 'typescript',
  mts: 'typescript',
  cts: 'typescript',
  js: 'javascript',
  jsx: 'javascript',
  mjs: 'javascript',
  cjs: 'javascript',
  json: 'json',
  jsonc: 'json',
  css: 'css',
  scss: 'css',
  html: 'xml',
  xml: 'xml',
  svg: 'xml',
  md: 'markdown',
  py: 'python',
  go: 'go',
  rs: 'rust',
  java: 'java',
  sh: 'bash',
  bash: 'bash',
  zsh: 'bash',
  yml: 'yaml',
  yaml: 'yaml',
  diff: 'diff',
  patch: 'diff',
};

export function languageOf(path: string): string {
  const ext = /\.([^./]+)$/.exec(path)?.[1]?.toLowerCase() ?? '';
  return LANGUAGES[ext] ?? '';
}
