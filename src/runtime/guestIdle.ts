import type { GuestActivity, Runtime } from "./Runtime.ts";

/**
 * Instructions per second below which a guest counts as idle. Measured
 * 2026-12-06 in Chromium on the 2-core machine (the app, a ready sandbox):
 * an idle guest runs 1.4–4.7 M/s after the start and 2–10 M/s (spikes to
 * 15–44 M/s) once a lesson's checks and Docker's event stream have work,
 * while a command's CPU-bound phases run at 40 M/s and more. The first
 * threshold (3 M/s, from Node's idle 1 M/s) saw a busy guest nearly always
 * in the app, so keeping one chapter took tens of minutes.
 */
const IDLE_INSTRUCTIONS_PER_SECOND = 15_000_000;
/** How long the guest must stay idle, measured over one window. */
const WINDOW_MS = 2_000;
/**
 * Never wait longer than this: background work then goes ahead, one request
 * at a time, so a busy-looking guest gets at most one 4 MiB request per 20 s.
 */
const MAX_WAIT_MS = 20_000;

/**
 * Resolve once the sandbox's guest has been idle for a window — few
 * instructions, and no disk block read or written (a command waiting for
 * disk chunks runs few instructions, but it is the network the background
 * work would take from it) — or after 20 s at most, so that background work
 * (keeping a chapter offline) does not take the emulator's time or the
 * network from a command. Waits while there is no runtime; resolves at once
 * where the runtime does not count. Rejects when `signal` aborts.
 */
export function guestIdleWaiter(
  runtime: () => Runtime | null,
  options: {
    windowMs?: number;
    maxWaitMs?: number;
    sleep?: (ms: number) => Promise<void>;
    now?: () => number;
  } = {},
): (signal?: AbortSignal) => Promise<void> {
  const windowMs = options.windowMs ?? WINDOW_MS;
  const maxWaitMs = options.maxWaitMs ?? MAX_WAIT_MS;
  const sleep = options.sleep ?? ((ms: number) => new Promise((r) => setTimeout(r, ms)));
  const clock = options.now ?? Date.now;
  // The last reading: when the guest has stayed idle since it (a quarter
  // window ago at least, so the rate means something), the next request goes
  // at once, so keeping runs back to back while the learner reads. A reading
  // younger than that is waited out, not thrown away: a 4 MiB request from a
  // near server takes less than a quarter window, and a whole new window per
  // request made the e2e test's chapter wait 302 of its 323 s (2026-12-08).
  let last: { runtime: Runtime; at: number; activity: GuestActivity } | null = null;
  return async (signal) => {
    for (let waited = 0; waited < maxWaitMs; waited += windowMs) {
      signal?.throwIfAborted();
      const current = runtime();
      if (current && !current.guestActivity) return;
      if (!current || current.status !== "ready") {
        await sleep(windowMs);
        continue;
      }
      // Only a call's first look compares with the reading before it; later
      // looks follow a whole window of their own.
      const since = waited === 0 && last?.runtime === current ? last : null;
      const young = since ? windowMs / 4 - (clock() - since.at) : 0;
      if (young > 0) {
        await sleep(young);
        signal?.throwIfAborted();
        waited += young;
      }
      const now = await activity(current);
      if (!now) {
        await sleep(windowMs);
        continue;
      }
      const at = clock();
      last = { runtime: current, at, activity: now };
      if (since && idle(since.activity, now, at - since.at)) return;
      await sleep(windowMs);
      signal?.throwIfAborted();
      if (runtime() !== current) continue;
      const after = await activity(current);
      if (!after) continue;
      last = { runtime: current, at: clock(), activity: after };
      if (idle(now, after, windowMs)) return;
    }
  };
}

function activity(runtime: Runtime): Promise<GuestActivity | null> {
  return runtime.guestActivity!().catch(() => null);
}

function idle(before: GuestActivity, after: GuestActivity, elapsedMs: number): boolean {
  const perSecond = ((after.instructions - before.instructions) * 1000) / elapsedMs;
  return perSecond < IDLE_INSTRUCTIONS_PER_SECOND && after.diskBlocks === before.diskBlocks;
}
