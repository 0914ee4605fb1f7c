/** What an `on…` subscription returns; VS Code's `Disposable` has the same shape. */
export interface Disposable {
  dispose(): void;
}

/** A subscription point, shaped like `vscode.Event` so adapters pass it through unchanged. */
export type Event<T> = (listener: (e: T) => void) => Disposable;

/**
 * The core's event emitter (the application layer has no `vscode.EventEmitter`). A listener that
 * throws does not keep the others from hearing the event.
 */
export class Emitter<T> implements Disposable {
  private readonly listeners = new Set<(e: T) => void>();

  readonly event: Event<T> = (listener) => {
    const own = (e: T): void => listener(e);
    this.listeners.add(own);
    return { dispose: () => void this.listeners.delete(own) };
  };

  fire(e: T): void {
    for (const listener of [...this.listeners]) {
      try {
        listener(e);
      } catch (error) {
        queueMicrotask(() => {
          throw error;
        });
      }
    }
  }

  dispose(): void {
    this.listeners.clear();
  }
}
