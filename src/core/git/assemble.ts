import type { Changeset, FileChange } from '../changeset/types';
import type { FileStatus } from '../../shared/api';
import type { ResolvedFile } from '../review/ports';
import { buildGitFile, type GitTexts } from './gitFile';
import type { GitFileRef } from './gitWorkspace';
import { modelBase, refreshGitFile } from './refresh';
import type { PlannedText, ReviewBase } from './reviewPlan';

/** A file read for the review: its texts and where it lives in git. */
export interface ScannedText {
  readonly kind: 'text';
  readonly texts: GitTexts;
  readonly ref: GitFileRef;
  /** Its absolute path in the working tree. */
  readonly absolute: string;
  readonly planned: PlannedText;
}

/** A file listed with a note and no hunks. */
export interface ScannedListing {
  readonly kind: 'listed';
  readonly path: string;
  readonly oldPath?: string;
  readonly status: FileStatus;
  readonly note: string;
}

export type ScannedFile = ScannedText | ScannedListing;

/** A working-tree review as the session holds it, plus what only the review panel shows. */
export interface WorkingTreeReview {
  readonly changeset: Changeset;
  readonly files: ReadonlyMap<string, ResolvedFile>;
  readonly scanned: ReadonlyMap<string, ScannedText>;
  readonly listed: readonly ScannedListing[];
  /** Things to say in the header: mode changes not staged, files reviewed against the index. */
  readonly notes: readonly string[];
}

/** Builds the review of freshly scanned files. */
export function assembleReview(id: string, title: string, scanned: readonly ScannedFile[], context = 3): WorkingTreeReview {
  const empty: WorkingTreeReview = {
    changeset: { id, title, source: 'git', files: [], undo: [] },
    files: new Map(),
    scanned: new Map(),
    listed: [],
    notes: [],
  };
  return followScan(empty, scanned, 'index', context);
}

/**
 * Brings a review up to date with a new scan: files already in it are refreshed (decisions kept,
 * see `refreshGitFile`), new files are appended (so the panel's file indexes stay put), listings
 * are replaced. Against the index, a file keeps the base it was diffed from: the index moves
 * with every accept, and the accepted hunks must stay visible.
 */
export function followScan(review: WorkingTreeReview, scanned: readonly ScannedFile[], base: ReviewBase, context = 3): WorkingTreeReview {
  let cs = review.changeset;
  const files = new Map(review.files);
  const known = new Map(review.scanned);
  const listed: ScannedListing[] = [];
  const problems: string[] = [];
  const taken = new Set(cs.files.flatMap((f) => f.hunks.map((h) => h.id)));
  const appended: FileChange[] = [];
  for (const s of scanned) {
    if (s.kind === 'listed') {
      if (!files.has(s.path)) listed.push(s);
      continue;
    }
    const path = s.texts.path;
    const existing = cs.files.find((f) => f.path === path);
    if (existing !== undefined) {
      const refreshed = refreshGitFile(cs, base === 'index' ? { ...s.texts, base: modelBase(existing) } : s.texts);
      if (refreshed.ok) cs = refreshed.value;
      else problems.push(`${path}: not refreshed (${refreshed.message})`);
      known.set(path, s);
      continue;
    }
    if (files.has(path)) continue;
    const built = buildGitFile(s.texts, context, taken);
    if (!built.ok) {
      listed.push({ kind: 'listed', path, status: 'modified', note: built.message });
      continue;
    }
    const mode = s.planned.modeChange;
    if (built.value.file.hunks.length === 0) {
      if (mode !== undefined)
        listed.push({ kind: 'listed', path, status: 'modified', note: `mode ${mode.from} → ${mode.to} only: not staged here (git add stages it)` });
      continue;
    }
    appended.push(built.value.file);
    files.set(path, { path, handle: s.absolute });
    known.set(path, s);
  }
  if (appended.length > 0) cs = { ...cs, files: [...cs.files, ...appended] };
  const modes = cs.files.flatMap((f) => {
    const mode = known.get(f.path)?.planned.modeChange;
    return mode === undefined ? [] : [`${f.path}: mode ${mode.from} → ${mode.to} is not staged by Redline`];
  });
  return { changeset: cs, files: appended.length > 0 ? files : review.files, scanned: known, listed, notes: [...modes, ...problems] };
}
