import type { Disposable } from './emitter';

/**
 * Ownership of disposables, after the markdown extension's `util/dispose.ts` (`Disposable._register`,
 * `DisposableStore`). No `vscode` import: anything with a `dispose()` is owned the same way
 * (`vscode.Disposable`, an `EventEmitter`, a subscription of the core's `Emitter`).
 */

/**
 * Disposes every item, newest first (what was built on an item goes before it). One item that
 * throws does not keep the others from being disposed; the error is rethrown at the end.
 */
function disposeAll(items: readonly Disposable[]): void {
  const errors: unknown[] = [];
  for (const item of [...items].reverse()) {
    try {
      item.dispose();
    } catch (error) {
      errors.push(error);
    }
  }
  if (errors.length === 1) throw errors[0];
  if (errors.length > 1) throw new AggregateError(errors, 'several disposables failed to dispose');
}

/** A disposable that runs `dispose` once (a timer to clear, a map to empty). */
export function toDisposable(dispose: () => void): Disposable {
  let done = false;
  return {
    dispose: () => {
      if (done) return;
      done = true;
      dispose();
    },
  };
}

/**
 * A set of disposables disposed together, for a group that lives shorter than its owner (a run
 * service's subscriptions, one webview view's channel) and is emptied and refilled with `clear()`.
 * Added to once disposed, it disposes the item at once: a subscription made after an `await`
 * that outlived its owner is not leaked.
 */
export class DisposableStore implements Disposable {
  private items: Disposable[] = [];
  private disposed = false;

  get isDisposed(): boolean {
    return this.disposed;
  }

  add<T extends Disposable>(item: T): T {
    if (this.disposed) item.dispose();
    else this.items.push(item);
    return item;
  }

  /** Disposes one item now and forgets it (one panel of many closed). */
  delete(item: Disposable): void {
    const at = this.items.indexOf(item);
    if (at < 0) return;
    this.items.splice(at, 1);
    item.dispose();
  }

  /** Disposes what the store holds; the store stays usable. */
  clear(): void {
    disposeAll(this.items.splice(0));
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.clear();
  }
}

/**
 * The base of a class that owns disposables (the markdown extension's `Disposable`): what it
 * `_register`s is disposed with it, in reverse order, exactly once. Code that resumes after an
 * `await` checks `isDisposed` before it touches state its owner has let go of.
 */
export abstract class DisposableBase implements Disposable {
  // An ES private name, so a subclass may have a `store` of its own.
  readonly #owned = new DisposableStore();

  protected get isDisposed(): boolean {
    return this.#owned.isDisposed;
  }

  protected _register<T extends Disposable>(item: T): T {
    return this.#owned.add(item);
  }

  dispose(): void {
    this.#owned.dispose();
  }
}
