import * as vscode from 'vscode';
import type { ReviewSession } from '../../core/review/reviewSession';
import { snapshotChangeset } from '../../core/changeset/snapshot';
import type { RunChangesets } from './planRuns';
import { proposalView } from '../../core/plan/proposalView';
import { reviewOutcome } from '../../core/review/outcome';
import { hunkViewer } from '../../core/changeset/view';
import { isProtectedFlag } from '../../core/review/flags';

/** The panel's window on the review session: hunks waiting, a plan draft's diff, keep or discard it. */
export function runChangesetsOf(session: ReviewSession): RunChangesets & vscode.Disposable {
  const changed = new vscode.EventEmitter<string>();
  const subscription = session.onDidChange((id) => changed.fire(id));
  return {
    pending: (changesetId) => {
      const entry = session.get(changesetId);
      if (!entry) return undefined;
      return snapshotChangeset(entry.changeset).files.reduce((n, f) => n + f.hunks.filter((h) => h.state === 'pending').length, 0);
    },
    proposal: (changesetId) => {
      const entry = session.get(changesetId);
      return entry && proposalView(entry.changeset);
    },
    outcome: (changesetId) => {
      const entry = session.get(changesetId);
      return entry && reviewOutcome(entry.changeset);
    },
    planTexts: (changesetId) => {
      const file = session.get(changesetId)?.changeset.files[0];
      return file && { before: file.baseText, after: file.proposedText };
    },
    decideAll: (changesetId, decision) => session.decideAll(changesetId, decision),
    protectedHunks: (changesetId) => {
      const entry = session.get(changesetId);
      if (!entry) return [];
      return entry.changeset.files.flatMap((file) => {
        const view = hunkViewer(file, { emphasis: false });
        return file.hunks
          .filter((h) => h.state === 'pending' && h.flags.some(isProtectedFlag))
          .map((h) => ({
            hunkId: h.id,
            changed: view(h).lines.flatMap((l) => (l.kind === 'added' ? [`+ ${l.text}`] : l.kind === 'removed' ? [`- ${l.text}`] : [])),
          }));
      });
    },
    acceptOne: async (changesetId, hunkId) => {
      session.markSeen(changesetId, hunkId);
      return session.decide(changesetId, hunkId, 'accept');
    },
    onDidChange: changed.event,
    dispose: () => {
      subscription.dispose();
      changed.dispose();
    },
  };
}
