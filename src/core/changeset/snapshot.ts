import type { Changeset, FileStatus, HunkState } from './types';
import { viewHunks } from './view';

/** The public API's view of a hunk (DESIGN.md, Public API). Ranges as in `HunkView`. */
export interface HunkSnapshot {
  id: string;
  state: HunkState;
  revision: number;
  oldStart: number;
  oldLines: number;
  newStart: number;
  newLines: number;
  flags: string[];
}

export interface FileSnapshot {
  path: string;
  status: FileStatus;
  hunks: HunkSnapshot[];
}

/** Exactly the public `ChangesetSnapshot` shape: plain JSON, no extra fields. */
export interface ChangesetSnapshot {
  id: string;
  title: string;
  source: string;
  files: FileSnapshot[];
}

/** A fresh plain copy: callers may keep or mutate it without touching the changeset. */
export function snapshotChangeset(cs: Changeset): ChangesetSnapshot {
  return {
    id: cs.id,
    title: cs.title,
    source: cs.source,
    files: cs.files.map((f) => ({
      path: f.path,
      status: f.status,
      hunks: viewHunks(f, { emphasis: false }).map((v) => ({
        id: v.id,
        state: v.record.state,
        revision: v.record.revision,
        oldStart: v.oldStart,
        oldLines: v.oldLines,
        newStart: v.newStart,
        newLines: v.newLines,
        flags: [...v.record.flags],
      })),
    })),
  };
}
