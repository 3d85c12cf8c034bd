import type { Runtime } from "./Runtime.ts";

/**
 * An idle guest still runs its timer interrupts and the daemons' wake-ups:
 * about 1 M instructions per second under Node on the 2-core machine, against
 * 4–75 M/s while a `docker run` is under way. In the app the page's own
 * traffic (the agent's heartbeat, Docker's event stream) may add to that: a
 * run under a debugger never saw a window below this in 5 minutes, so the
 * wait is capped (MAX_WAIT_MS).
 */
const IDLE_INSTRUCTIONS_PER_SECOND = 3_000_000;
/** How long the guest must stay idle, measured over one window. */
const WINDOW_MS = 2_000;
/**
 * Never wait longer than this: background work then goes ahead, one request
 * at a time, so a busy-looking guest gets at most one 4 MiB request per 20 s.
 */
const MAX_WAIT_MS = 20_000;

/**
 * Resolve once the sandbox's guest has been idle for a window (nothing the
 * learner started is running), or after 20 s at most, so background
 * work — keeping a chapter offline — does not take the emulator's time or
 * the network from a command. Waits while there is no runtime; resolves at
 * once where the runtime does not count instructions. Rejects when `signal`
 * aborts.
 */
export function guestIdleWaiter(
  runtime: () => Runtime | null,
  options: { windowMs?: number; maxWaitMs?: number; sleep?: (ms: number) => Promise<void> } = {},
): (signal?: AbortSignal) => Promise<void> {
  const windowMs = options.windowMs ?? WINDOW_MS;
  const maxWaitMs = options.maxWaitMs ?? MAX_WAIT_MS;
  const sleep = options.sleep ?? ((ms: number) => new Promise((r) => setTimeout(r, ms)));
  return async (signal) => {
    for (let waited = 0; waited < maxWaitMs; waited += windowMs) {
      signal?.throwIfAborted();
      const current = runtime();
      if (current && !current.guestInstructions) return;
      if (!current || current.status !== "ready") {
        await sleep(windowMs);
        continue;
      }
      const before = await current.guestInstructions!().catch(() => null);
      await sleep(windowMs);
      signal?.throwIfAborted();
      if (runtime() !== current || before === null) continue;
      const after = await current.guestInstructions!().catch(() => null);
      if (after === null) continue;
      if (((after - before) * 1000) / windowMs < IDLE_INSTRUCTIONS_PER_SECOND) return;
    }
  };
}
