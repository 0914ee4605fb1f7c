import type { Changeset } from '../changeset/types';
import { viewHunks } from '../changeset/view';
import type { ChangesetSnapshot } from '../../shared/api';

/**
 * The public API's view of a changeset (DESIGN.md, ChangesetSnapshot). Ranges are git's, as the
 * hunk shows now; a hunk whose lines were absorbed by the user's edits has empty ranges.
 */
export function changesetSnapshot(cs: Changeset): ChangesetSnapshot {
  return {
    id: cs.id,
    title: cs.title,
    source: cs.source,
    files: cs.files.map((file) => ({
      path: file.path,
      status: file.status,
      hunks: viewHunks(file, { emphasis: false }).map((v) => ({
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
