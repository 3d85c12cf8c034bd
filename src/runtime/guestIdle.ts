import type { Runtime } from "./Runtime.ts";

/**
 * An idle guest still runs its timer interrupts and the daemons' wake-ups:
 * about 1 M instructions per second under Node on the 2-core machine, against
 * 4–75 M/s while a `docker run` is under way. The timer's share does not grow
 * with a faster machine, a command's does: below this the guest is idle.
 */
const IDLE_INSTRUCTIONS_PER_SECOND = 3_000_000;
/** How long the guest must stay idle, measured over one window. */
const WINDOW_MS = 2_000;

/**
 * Resolve once the sandbox's guest has been idle for a window (nothing the
 * learner started is running), so background work — keeping a chapter
 * offline — does not take the emulator's time or the network from a command.
 * Waits while there is no runtime; resolves at once where the runtime does
 * not count instructions. Rejects when `signal` aborts.
 */
export async function whenGuestIdle(
  runtime: () => Runtime | null,
  options: { signal?: AbortSignal; windowMs?: number; sleep?: (ms: number) => Promise<void> } = {},
): Promise<void> {
  const windowMs = options.windowMs ?? WINDOW_MS;
  const sleep = options.sleep ?? ((ms: number) => new Promise((r) => setTimeout(r, ms)));
  for (;;) {
    options.signal?.throwIfAborted();
    const current = runtime();
    if (current && !current.guestInstructions) return;
    if (!current || current.status !== "ready") {
      await sleep(windowMs);
      continue;
    }
    const before = await current.guestInstructions!().catch(() => null);
    await sleep(windowMs);
    options.signal?.throwIfAborted();
    if (runtime() !== current || before === null) continue;
    const after = await current.guestInstructions!().catch(() => null);
    if (after === null) continue;
    if (((after - before) * 1000) / windowMs < IDLE_INSTRUCTIONS_PER_SECOND) return;
  }
}
