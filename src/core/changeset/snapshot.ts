import type { ChangesetSnapshot, FileSnapshot, HunkSnapshot, HunkState } from '../../shared/api';
import type { Changeset, DecisionState, HunkRecord } from './types';
import { viewHunks } from './view';

/** A snapshot whose hunk states are `S`. */
type SnapshotOf<S extends HunkState> = ChangesetSnapshot & { files: (FileSnapshot & { hunks: (HunkSnapshot & { state: S })[] })[] };

/** A hunk's state as the public API names it: an accept of the user's own version is 'modified'. */
export function publicState(h: HunkRecord): HunkState {
  return h.state === 'accepted' && h.edited !== undefined ? 'modified' : h.state;
}

/**
 * The public API's view of a changeset (DESIGN.md, Public API), ranges as in `HunkView`.
 * A fresh plain copy: callers may keep or mutate it without touching the changeset. */
export function apiSnapshot(cs: Changeset): ChangesetSnapshot {
  return snapshotWith(cs, publicState);
}

/** `apiSnapshot` with the decisions as the model keeps them (an edited accept is 'accepted'), for callers that count what landed. */
export function snapshotChangeset(cs: Changeset): SnapshotOf<DecisionState> {
  return snapshotWith(cs, (h) => h.state);
}

function snapshotWith<S extends HunkState>(cs: Changeset, stateOf: (h: HunkRecord) => S): SnapshotOf<S> {
  return {
    id: cs.id,
    title: cs.title,
    source: cs.source,
    files: cs.files.map((f) => ({
      path: f.path,
      status: f.status,
      hunks: viewHunks(f, { emphasis: false }).map((v) => ({
        id: v.id,
        state: stateOf(v.record),
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
