import type { ChangesetSnapshot } from '../../shared/api';
import type { Changeset } from './types';
import { viewHunks } from './view';

/**
 * The public API's view of a changeset (DESIGN.md, Public API), ranges as in `HunkView`.
 * A fresh plain copy: callers may keep or mutate it without touching the changeset. */
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
