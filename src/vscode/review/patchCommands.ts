import type { ReviewWorkspace } from '../../core/review/ports';
import type { ReviewSession } from '../../core/review/reviewSession';
import type { Command } from '../commands/command';
import { CopyPatchCommand } from './copyPatchCommand';
import type { ReviewPanels } from './reviewPanels';
import { ReviewPatchCommand } from './reviewPatchCommand';

/** The patch bundle (`dist/patch.js`, bundles.json): Review Patch… and Copy Changeset as Patch. */
export function patchCommands(session: ReviewSession, workspace: ReviewWorkspace, panels: ReviewPanels): readonly Command[] {
  return [new ReviewPatchCommand(session, workspace, panels), new CopyPatchCommand(session)];
}
