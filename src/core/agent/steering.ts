import { fail, ok, type Result } from '../result';
import { steerTextProblem } from '../../shared/steerText';

/** A message the user queued for a run, not yet sent to the model. */
export interface QueuedMessage {
  readonly id: string;
  readonly text: string;
}

/**
 * The user's own messages for a running agent, in the order they were queued. The loop drains
 * them at a turn boundary; until then each can be edited or withdrawn, and once drained it is
 * sent and neither can happen any more. What the run never sent stays queued (the next stretch
 * of the run sends it first).
 */
export class SteeringQueue {
  private items: QueuedMessage[];
  private counter: number;

  constructor(initial: readonly QueuedMessage[] = []) {
    this.items = initial.map((m) => ({ ...m }));
    this.counter = initial.reduce((n, m) => Math.max(n, Number(/^m(\d+)$/.exec(m.id)?.[1] ?? 0)), 0);
  }

  get size(): number {
    return this.items.length;
  }

  /** The messages waiting, oldest first. */
  pending(): readonly QueuedMessage[] {
    return this.items.map((m) => ({ ...m }));
  }

  /** Queues a message; its id. The text is kept as written (trimmed at its ends). */
  add(text: string): Result<string> {
    const problem = steerTextProblem(text);
    if (problem !== undefined) return fail('E_INPUT', problem);
    const id = `m${++this.counter}`;
    this.items.push({ id, text: text.trim() });
    return ok(id);
  }

  edit(id: string, text: string): Result<void> {
    const problem = steerTextProblem(text);
    if (problem !== undefined) return fail('E_INPUT', problem);
    const at = this.indexOf(id);
    if (!at.ok) return at;
    this.items[at.value] = { id, text: text.trim() };
    return ok(undefined);
  }

  withdraw(id: string): Result<void> {
    const at = this.indexOf(id);
    if (!at.ok) return at;
    this.items.splice(at.value, 1);
    return ok(undefined);
  }

  /** Every waiting message, oldest first; from now on they are sent. */
  drain(): QueuedMessage[] {
    const out = this.items;
    this.items = [];
    return out;
  }

  private indexOf(id: string): Result<number> {
    const at = this.items.findIndex((m) => m.id === id);
    return at === -1 ? fail('E_SENT', 'that message is no longer queued: it was sent to the agent or withdrawn') : ok(at);
  }
}
