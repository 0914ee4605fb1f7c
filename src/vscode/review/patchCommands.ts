import type { ReviewWorkspace } from '../../core/review/ports';
import type { ReviewSession } from '../../core/review/reviewSession';
import type { Command } from '../commands/command';
import { COPY_ACCEPTED, COPY_CHANGESET, CopyPatchCommand } from './copyPatchCommand';
import type { ReviewPanels } from './reviewPanels';
import { ReviewPatchCommand } from './reviewPatchCommand';
import { SaveOpenHunksCommand } from './saveOpenHunksCommand';

/** The patch bundle (`dist/patch.js`, bundles.json): Review Patch…, Copy Changeset as Patch, Copy Accepted as Patch, Save Open Hunks as Patch…. */
export function patchCommands(session: ReviewSession, workspace: ReviewWorkspace, panels: ReviewPanels): readonly Command[] {
  return [
    new ReviewPatchCommand(session, workspace, panels),
    new CopyPatchCommand(session, panels, COPY_CHANGESET),
    new CopyPatchCommand(session, panels, COPY_ACCEPTED),
    new SaveOpenHunksCommand(session, panels),
  ];
}
