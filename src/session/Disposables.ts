/** Something to undo: an unsubscribe function or an object with `dispose()`. */
export type Disposable = (() => void) | { dispose(): void };

/**
 * Everything one owner set up, undone together: listeners, timers, streams.
 * Whoever creates the store disposes it (STYLE.md, 4), so nothing a part
 * subscribed to outlives the part.
 */
export class Disposables {
  #items: Disposable[] = [];
  #disposed = false;

  /** Keep `item` for `dispose()`; after it, undo `item` at once. Returns `item`. */
  add<T extends Disposable>(item: T): T {
    if (this.#disposed) undo(item);
    else this.#items.push(item);
    return item;
  }

  get disposed(): boolean {
    return this.#disposed;
  }

  /** Undo everything, newest first; one failing undo does not stop the rest. Idempotent. */
  dispose(): void {
    this.#disposed = true;
    const items = this.#items.splice(0).reverse();
    for (const item of items) {
      try {
        undo(item);
      } catch (err) {
        console.error("dispose failed", err);
      }
    }
  }
}

function undo(item: Disposable): void {
  if (typeof item === "function") item();
  else item.dispose();
}
