import type { FileStatus } from '../../shared/api';
import type { StatusEntry, SubmoduleState } from './status';

/** What the working tree is reviewed against: the index (what `git diff` shows) or HEAD. */
export type ReviewBase = 'index' | 'HEAD';

/** A file whose texts are read and diffed. Paths are relative to the repository root. */
export interface PlannedText {
  readonly kind: 'text';
  readonly path: string;
  /** A rename already staged (HEAD mode): the base is HEAD's text at this path. */
  readonly oldPath?: string;
  /** Where the base text is read from; null for a new file. */
  readonly base: ReviewBase | null;
  /** Whether the index holds the file at `path` (its text is what accepting writes over). */
  readonly inIndex: boolean;
  readonly inWorktree: boolean;
  /** The mode staging writes: the index's when it has one (a mode is never changed silently). */
  readonly mode: string;
  /** Set when the working tree's mode differs from the base's: shown, not staged. */
  readonly modeChange?: { readonly from: string; readonly to: string };
}

/** A file listed in the review with a note and no hunks: binary, a submodule, a conflict... */
export interface PlannedListing {
  readonly kind: 'listed';
  readonly path: string;
  readonly oldPath?: string;
  readonly status: FileStatus;
  readonly note: string;
}

export type PlannedFile = PlannedText | PlannedListing;

const NONE = '000000';
const SYMLINK = '120000';
const GITLINK = '160000';
export const REGULAR = '100644';

/**
 * Decides, from `git status`, which files the review shows and how: against the index, every
 * file whose working tree differs from the index, plus untracked files; against HEAD, also what is
 * staged. Conflicts, submodules, symbolic links and type changes are listed, never diffed.
 */
export function planReview(entries: readonly StatusEntry[], base: ReviewBase): PlannedFile[] {
  const out: PlannedFile[] = [];
  const untracked = new Set(entries.flatMap((e) => (e.kind === 'untracked' ? [e.path] : [])));
  // `git rm --cached`: HEAD has the file, the index does not, the working tree still does.
  const unstagedCopies = new Set<string>();
  for (const e of entries) {
    if (e.kind === 'unmerged')
      out.push({ kind: 'listed', path: e.path, status: 'modified', note: 'unmerged: resolve the conflict before reviewing this file' });
    if (e.kind !== 'changed' && e.kind !== 'renamed') continue;
    const planned = base === 'index' ? againstIndex(e) : againstHead(e, untracked.has(e.path));
    if (planned === undefined) continue;
    if (planned.kind === 'listed' && untracked.has(e.path)) unstagedCopies.add(e.path);
    out.push(planned);
  }
  for (const e of entries) {
    if (e.kind !== 'untracked' || unstagedCopies.has(e.path)) continue;
    out.push(
      e.path.endsWith('/')
        ? { kind: 'listed', path: e.path.slice(0, -1), status: 'added', note: 'a repository of its own: not entered' }
        : { kind: 'text', path: e.path, base: null, inIndex: false, inWorktree: true, mode: REGULAR },
    );
  }
  return out;
}

type Changed = Extract<StatusEntry, { kind: 'changed' | 'renamed' }>;

function againstIndex(e: Changed): PlannedFile | undefined {
  if (e.y === '.') return undefined;
  const special = notDiffable(e, e.modes.index, e.modes.worktree);
  if (special !== undefined) return special;
  if (e.y === 'A') {
    // Intent to add (`git add -N`): the index holds an empty placeholder; review it as new.
    return { kind: 'text', path: e.path, base: null, inIndex: false, inWorktree: true, mode: orRegular(e.modes.worktree) };
  }
  return {
    kind: 'text',
    path: e.path,
    base: 'index',
    inIndex: true,
    inWorktree: e.y !== 'D',
    mode: orRegular(e.modes.index),
    ...modeChange(e.modes.index, e.modes.worktree),
  };
}

function againstHead(e: Changed, alsoUntracked: boolean): PlannedFile | undefined {
  if (e.x === '.' && e.y === '.') return undefined;
  const inHead = e.modes.head !== NONE;
  const special = notDiffable(e, inHead ? e.modes.head : e.modes.index, e.modes.worktree);
  if (special !== undefined) return special;
  const inIndex = e.modes.index !== NONE;
  if (!inIndex && alsoUntracked) {
    return { kind: 'listed', path: e.path, status: 'deleted', note: 'removed from the index but still in the working tree: stage or restore it with git' };
  }
  const renamed = e.kind === 'renamed' && e.x === 'R';
  // A copy's source stays where it is: the copy is reviewed as a new file.
  const fromHead = inHead && !(e.kind === 'renamed' && e.x !== 'R');
  return {
    kind: 'text',
    path: e.path,
    ...(renamed ? { oldPath: e.origPath } : {}),
    base: fromHead ? 'HEAD' : null,
    inIndex,
    inWorktree: e.y !== 'D' && !(e.x === 'D' && !inIndex),
    mode: orRegular(inIndex ? e.modes.index : e.modes.head),
    ...(fromHead ? modeChange(e.modes.head, e.modes.worktree) : {}),
  };
}

/** Submodules, symbolic links and type changes are listed with what changed, not diffed. */
function notDiffable(e: Changed, from: string, to: string): PlannedListing | undefined {
  const status: FileStatus = e.y === 'D' || e.x === 'D' ? 'deleted' : e.x === 'A' ? 'added' : 'modified';
  if (e.submodule !== undefined || from === GITLINK || to === GITLINK) {
    return { kind: 'listed', path: e.path, status, note: `submodule: ${submoduleNote(e.submodule)}; not entered` };
  }
  if (e.x === 'T' || e.y === 'T') return { kind: 'listed', path: e.path, status, note: `type changed (mode ${from} → ${to}): not diffed` };
  if (from === SYMLINK || to === SYMLINK) return { kind: 'listed', path: e.path, status, note: 'symbolic link: not diffed' };
  return undefined;
}

function submoduleNote(s: SubmoduleState | undefined): string {
  if (s === undefined) return 'added or removed';
  const what = [s.commitChanged ? 'new commits' : '', s.modified ? 'modified content' : '', s.untracked ? 'untracked content' : ''].filter(Boolean);
  return what.length > 0 ? what.join(', ') : 'changed';
}

function modeChange(from: string, to: string): { modeChange?: { from: string; to: string } } {
  return from !== NONE && to !== NONE && from !== to ? { modeChange: { from, to } } : {};
}

function orRegular(mode: string): string {
  return mode === NONE || mode === '' ? REGULAR : mode;
}
