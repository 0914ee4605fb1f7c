import type { ReviewSession } from './reviewSession';

type Listener = (session: ReviewSession) => void;

/**
 * Review sessions besides the agent's that join after activation: the git working tree's is
 * created when its bundle loads, on the first *Review Working Tree*. The public API reads and
 * decides their changesets and relays their changes, whenever they arrive.
 */
export class SessionRegistry {
  private readonly sessions: ReviewSession[] = [];
  private readonly listeners = new Set<Listener>();

  all(): readonly ReviewSession[] {
    return [...this.sessions];
  }

  add(session: ReviewSession): void {
    this.sessions.push(session);
    for (const l of [...this.listeners]) l(session);
  }

  onDidAdd(listener: Listener): { dispose(): void } {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }
}

/**
 * Calls `then` once, when the session first holds a changeset: a proposal, or one restored from
 * workspace storage after a reload. Every change event is about a changeset the session holds
 * (none is ever removed), so the first event is the moment.
 */
export function onFirstChangeset(session: Pick<ReviewSession, 'onDidChange'>, then: () => void): { dispose(): void } {
  const subscription = session.onDidChange(() => {
    subscription.dispose();
    then();
  });
  return subscription;
}
