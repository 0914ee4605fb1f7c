import type { ReviewWorkspace } from '../../core/review/ports';
import type { ReviewSession } from '../../core/review/reviewSession';
import type { Command } from '../commands/command';
import { CopyAcceptedPatchCommand } from './copyAcceptedPatchCommand';
import { CopyPatchCommand } from './copyPatchCommand';
import type { ReviewPanels } from './reviewPanels';
import { ReviewPatchCommand } from './reviewPatchCommand';
import { SaveOpenHunksCommand } from './saveOpenHunksCommand';

/** The patch bundle (`dist/patch.js`, bundles.json): Review Patch…, Copy Changeset as Patch, Copy Accepted as Patch, Save Open Hunks as Patch…. */
export function patchCommands(session: ReviewSession, workspace: ReviewWorkspace, panels: ReviewPanels): readonly Command[] {
  return [
    new ReviewPatchCommand(session, workspace, panels),
    new CopyPatchCommand(session, panels),
    new CopyAcceptedPatchCommand(session, panels),
    new SaveOpenHunksCommand(session, panels),
  ];
}
