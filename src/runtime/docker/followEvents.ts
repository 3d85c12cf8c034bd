import type { DockerClient, EventsOptions } from "./DockerClient.ts";
import type { DockerEvent } from "./types.ts";

export interface FollowOptions {
  filters?: EventsOptions["filters"];
  /** Stops following (and closes the stream in flight). */
  signal: AbortSignal;
  /** First wait before subscribing again; doubles up to `maxRetryMs`. Default 1 s. */
  retryMs?: number;
  /** Default 30 s. */
  maxRetryMs?: number;
  /**
   * After each subscription the daemon accepted. `again` is true from the
   * second on: events were missed meanwhile, so look at the state afresh.
   */
  onSubscribed?: (again: boolean) => void;
  /** Once, after the first attempt, whether it succeeded or not. */
  onFirstAttempt?: () => void;
}

/**
 * Follow the daemon's `/events` for as long as `signal` lasts. The stream
 * ends when dockerd stops (`service docker restart`, taught in two lessons),
 * and a subscription fails while it is down: either way, subscribe again
 * with backoff. Every part of the app that reacts to Docker (checks, the
 * preview's port list) follows events this way.
 */
export async function followEvents(
  docker: DockerClient,
  options: FollowOptions,
  onEvent: (event: DockerEvent) => void,
): Promise<void> {
  const { signal, retryMs = 1000, maxRetryMs = 30_000 } = options;
  let delay = retryMs;
  let subscribed = 0;
  let firstAttempt = options.onFirstAttempt;
  const attempted = () => {
    firstAttempt?.();
    firstAttempt = undefined;
  };
  while (!signal.aborted) {
    try {
      const query = { signal, ...(options.filters ? { filters: options.filters } : {}) };
      const subscription = await docker.events(query, onEvent);
      if (signal.aborted) return subscription.close();
      delay = retryMs;
      // The signal only bounds the request; once streaming, close on abort.
      const close = () => subscription.close();
      signal.addEventListener("abort", close, { once: true });
      options.onSubscribed?.(subscribed++ > 0);
      attempted();
      await subscription.done.finally(() => signal.removeEventListener("abort", close));
    } catch {
      // No daemon (it is restarting), or the stream failed: retry below.
      attempted();
    }
    if (signal.aborted) return;
    await new Promise((resolve) => setTimeout(resolve, delay));
    delay = Math.min(delay * 2, maxRetryMs);
  }
}
