import * as vscode from 'vscode';
import type { ReviewSession } from '../../core/review/reviewSession';
import { snapshotChangeset } from '../../core/changeset/snapshot';
import type { PendingHunks } from './planRuns';

/** Counts the hunks of a changeset still waiting for a decision, for the panel's review link. */
export function pendingHunksOf(session: ReviewSession): PendingHunks & vscode.Disposable {
  const changed = new vscode.EventEmitter<string>();
  const subscription = session.onDidChange((id) => changed.fire(id));
  return {
    pending: (changesetId) => {
      const entry = session.get(changesetId);
      if (!entry) return undefined;
      return snapshotChangeset(entry.changeset).files.reduce((n, f) => n + f.hunks.filter((h) => h.state === 'pending').length, 0);
    },
    onDidChange: changed.event,
    dispose: () => {
      subscription.dispose();
      changed.dispose();
    },
  };
}
