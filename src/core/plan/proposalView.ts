/**
 * What a plan-mode run proposes to its plan, for the panel to show before the user keeps it
 * (issue 5: "the user sees what changed in the plan before keeping it"). Only the hunks still
 * waiting count; a hunk decided in the review panel drops out here too.
 *
 * Pure: no `vscode` import, unit-tested in plain mocha.
 */
import { viewHunks } from '../changeset/view';
import type { Changeset } from '../changeset/types';
import type { DiffLineView, PlanProposalView } from '../../shared/planProtocol';

/** A draft of a few hundred lines is shown whole; a bigger one is cut and sent to the review. */
export const MAX_PROPOSAL_LINES = 400;

export function proposalView(changeset: Changeset): PlanProposalView | undefined {
  const hunks: DiffLineView[][] = [];
  let shown = 0;
  let moreLines = 0;
  let added = 0;
  let removed = 0;
  for (const file of changeset.files) {
    for (const view of viewHunks(file, { emphasis: false })) {
      if (view.record.state !== 'pending' || view.record.detached) continue;
      let newLine = view.newLines === 0 ? view.newStart + 1 : view.newStart;
      const lines: DiffLineView[] = [];
      for (const l of view.lines) {
        if (l.kind === 'added') added++;
        if (l.kind === 'removed') removed++;
        const line = l.kind === 'removed' ? undefined : newLine++;
        if (shown >= MAX_PROPOSAL_LINES) {
          moreLines++;
          continue;
        }
        lines.push({ kind: l.kind, text: l.text, ...(line === undefined ? {} : { line }) });
        shown++;
      }
      if (lines.length > 0) hunks.push(lines);
    }
  }
  return added + removed === 0 ? undefined : { hunks, moreLines, added, removed };
}
