import { TimeoutError } from "./Runtime.ts";

/** A time limit on one operation, combined with the caller's own signal. */
export interface Deadline {
  /** Aborts when the caller's signal does, or with a {@link TimeoutError} when time is up. */
  readonly signal: AbortSignal;
  /** The operation ended: stop the timer and let go of the caller's signal. */
  done(): void;
}

/**
 * Start the clock on `what`. `timeoutMs` of `Infinity` sets no limit (only
 * the caller's signal applies). Always call `done()`, in a `finally`.
 */
export function deadline(what: string, timeoutMs: number, signal?: AbortSignal): Deadline {
  const controller = new AbortController();
  const follow = () => controller.abort(signal?.reason);
  if (signal?.aborted) follow();
  else signal?.addEventListener("abort", follow, { once: true });
  const timer = Number.isFinite(timeoutMs)
    ? setTimeout(() => controller.abort(new TimeoutError(what, timeoutMs)), timeoutMs)
    : undefined;
  return {
    signal: controller.signal,
    done: () => {
      clearTimeout(timer);
      signal?.removeEventListener("abort", follow);
    },
  };
}
