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
 * Agents and Changesets views, the Review header), and the user gets a notification, one per burst
 * of edits. Which edits need no review at all is asked here too: the auto-allow globs, never over
 * the deny list, the protected paths or a flagged hunk.
 */
export function agentReviewEvents(deps: AgentReviewEventDeps): HookReviewEvents & { dispose(): void } {
  const now = deps.now ?? Date.now;
  let allow: { key: string; matches: (path: string) => boolean } | undefined;
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
  return {
    waiting: (id, path) => {
      const agent = agentOfSource(deps.session.get(id)?.changeset.source ?? '') ?? 'claude-code';
      deps.activity.waiting(id, agent, path, now());
      notices.add(id, AGENT_LABELS[agent], path);
    },
    gone: (id, path) => {
      deps.activity.gone(id);
      const agent = AGENT_LABELS[agentOfSource(deps.session.get(id)?.changeset.source ?? '') ?? 'claude-code'];
      deps.notify.warn(`Redline: ${agent} stopped waiting for ${path}. The review stays open; what you accept there is written by Redline.`);
    },
    autoAllows: (changeset) => {
      // Read at each edit, so a changed setting applies to the next one; compiled once per value.
      const setting = deps.autoAllowSetting();
      const key = JSON.stringify(setting) ?? '';
      if (allow?.key !== key) {
        const { matches, problems } = autoAllowMatcher(setting);
        for (const p of problems) deps.log(`redline.terminalAgents.autoAllow: ${p} (ignored)`);
        allow = { key, matches };
      }
      return autoAllowable(changeset, allow.matches, deps.guards);
    },
    autoAllowed: (id) => deps.activity.autoAllowed(id),
    log: deps.log,
    dispose: () => notices.dispose(),
  };
}
