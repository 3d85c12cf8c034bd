/** The reason a newer operation gives the one it replaces. */
export class SupersededError extends Error {
  override readonly name = "AbortError";
  constructor() {
    super("replaced by a newer operation");
  }
}

/** Whether `err` is an abort (a superseded or cancelled operation), not a failure to report. */
export function isAbort(err: unknown): boolean {
  return err instanceof Error && (err.name === "AbortError" || err instanceof SupersededError);
}

/**
 * Operations where only the latest one matters (entering a lesson, Reset
 * lesson, Show me, Reset sandbox): starting one cancels the one in flight
 * instead of queueing behind it. The new one still waits for the old one to
 * unwind (it was told to stop and stops at its next await), so two never
 * write the workspace at once.
 */
export class LatestOperation {
  #current: { abort: AbortController; settled: Promise<unknown> } | null = null;

  /** Whether an operation is in flight. */
  get busy(): boolean {
    return this.#current !== null;
  }

  /**
   * Cancel the operation in flight, then run `operation`. It rejects with an
   * AbortError when a newer one, or `signal`, cancels it.
   */
  async run<T>(operation: (signal: AbortSignal) => Promise<T>, signal?: AbortSignal): Promise<T> {
    const previous = this.#current;
    previous?.abort.abort(new SupersededError());
    const abort = new AbortController();
    const forward = () => abort.abort(signal?.reason);
    if (signal?.aborted) forward();
    signal?.addEventListener("abort", forward, { once: true });
    const result = (async () => {
      await previous?.settled;
      abort.signal.throwIfAborted();
      return operation(abort.signal);
    })();
    const entry = { abort, settled: result.catch(() => {}) };
    this.#current = entry;
    try {
      return await result;
    } finally {
      signal?.removeEventListener("abort", forward);
      if (this.#current === entry) this.#current = null;
    }
  }

  /** Cancel whatever is in flight. */
  cancel(): void {
    this.#current?.abort.abort(new SupersededError());
  }
}
