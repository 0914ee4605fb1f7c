import * as vscode from 'vscode';
import { AGENT_LABELS, agentOfSource, type AgentActivity } from '../../core/terminalAgents/agentActivity';
import { autoAllowable, autoAllowMatcher, type AutoAllowGuards } from '../../core/terminalAgents/autoAllow';
import type { HookReviewEvents } from '../../core/terminalAgents/hookReviews';
import type { ReviewSession } from '../../core/review/reviewSession';
import { WaitNotices, type Schedule } from '../../core/terminalAgents/waitNotices';

/** How the user is told: VS Code's notifications in the extension, a recorder in tests. */
export interface AgentNotify {
  /** A notification that is not modal; resolves with the action picked, if any. */
  info(message: string, ...actions: string[]): Thenable<string | undefined>;
  warn(message: string): void;
  /** *Review*: opens the changeset's review, as the Changesets and Agents views do. */
  review(changesetId: string): void;
}

export const vscodeNotify: AgentNotify = {
  info: (message, ...actions) => vscode.window.showInformationMessage(message, ...actions),
  warn: (message) => void vscode.window.showWarningMessage(message),
  review: (changesetId) => void vscode.commands.executeCommand('redline.openReview', changesetId),
};

export interface AgentReviewEventDeps {
  readonly session: ReviewSession;
  readonly activity: AgentActivity;
  readonly notify: AgentNotify;
  /** `redline.terminalAgents.autoAllow`, read at each edit. */
  readonly autoAllowSetting: () => unknown;
  readonly guards: AutoAllowGuards;
  readonly log: (message: string) => void;
  readonly schedule?: Schedule;
  readonly now?: () => number;
}

/**
 * What happens when a terminal agent starts or stops waiting: the `AgentActivity` learns of it (the
 * Agents and Changesets views, the Review header), an edit the auto-allow globs cover is accepted
 * at once on the user's behalf (the agent's answer follows from the review as for any full accept),
 * and any other edit gets a notification, one per burst of edits.
 */
export function agentReviewEvents(deps: AgentReviewEventDeps): HookReviewEvents & { dispose(): void } {
  const now = deps.now ?? Date.now;
  const notices = new WaitNotices(
    (n) => {
      void deps.notify.info(`Redline: ${n.message}.`, 'Review').then((pick) => {
        const first = n.changesetIds[0];
        if (pick === 'Review' && first !== undefined) deps.notify.review(first);
      });
    },
    (id) => deps.activity.state(id) === 'waiting',
    deps.schedule,
  );
  const autoAllow = async (id: string, path: string): Promise<boolean> => {
    const entry = deps.session.get(id);
    const { matches, problems } = autoAllowMatcher(deps.autoAllowSetting());
    for (const p of problems) deps.log(`redline.terminalAgents.autoAllow: ${p} (ignored)`);
    if (!entry || !autoAllowable(entry.changeset, matches, deps.guards)) return false;
    const accepted = await deps.session.decideAll(id, 'accept');
    const open = deps.session.get(id)?.changeset.files.some((f) => f.hunks.some((h) => h.state === 'pending' || h.state === 'stale')) ?? true;
    if (!accepted.ok || open) {
      deps.log(`auto-allow of ${path} (${id}) did not go through${accepted.ok ? '' : `: ${accepted.message}`}; it waits for a review`);
      return false;
    }
    deps.activity.autoAllowed(id);
    deps.log(`auto-allowed ${path} (${id}): it matches redline.terminalAgents.autoAllow`);
    return true;
  };
  return {
    waiting: (id, path) => {
      const agent = agentOfSource(deps.session.get(id)?.changeset.source ?? '') ?? 'claude-code';
      deps.activity.waiting(id, agent, path, now());
      void autoAllow(id, path).then(
        (allowed) => {
          if (!allowed) notices.add(id, AGENT_LABELS[agent], path);
        },
        (err: unknown) => {
          deps.log(`auto-allow of ${path} (${id}) failed: ${String(err)}; it waits for a review`);
          notices.add(id, AGENT_LABELS[agent], path);
        },
      );
    },
    gone: (id, path) => {
      deps.activity.gone(id);
      const agent = AGENT_LABELS[agentOfSource(deps.session.get(id)?.changeset.source ?? '') ?? 'claude-code'];
      deps.notify.warn(`Redline: ${agent} stopped waiting for ${path}. The review stays open; what you accept there is written by Redline.`);
    },
    log: deps.log,
    dispose: () => notices.dispose(),
  };
}
