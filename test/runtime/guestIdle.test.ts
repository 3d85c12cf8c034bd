import { describe, expect, it } from "vitest";
import type { Runtime } from "../../src/runtime/Runtime.ts";
import { guestIdleWaiter } from "../../src/runtime/guestIdle.ts";

/**
 * A runtime whose counters advance per wait i (a 2 s window, or what is left
 * of a quarter one): `rates[i]` instructions per second, and `reads[i]` disk
 * blocks.
 */
function counting(rates: number[], reads: number[] = []) {
  let instructions = 0;
  let diskBlocks = 0;
  let window = 0;
  let clock = 0;
  const runtime = {
    status: "ready",
    guestActivity: async () => ({ instructions, diskBlocks }),
  } as unknown as Runtime;
  const sleep = async (ms: number) => {
    instructions += ((rates[Math.min(window, rates.length - 1)] ?? 0) * ms) / 1000;
    diskBlocks += reads[window] ?? 0;
    window++;
    clock += ms;
  };
  /** Time passing outside the waits (a request being fetched), the guest as in the last window. */
  const pass = (ms: number) => {
    instructions += ((rates[Math.min(window - 1, rates.length - 1)] ?? 0) * ms) / 1000;
    clock += ms;
  };
  return { runtime, sleep, pass, now: () => clock, windows: () => window };
}

describe("guestIdleWaiter", () => {
  it("waits while the guest runs a command and resolves once a window is quiet", async () => {
    const guest = counting([60e6, 40e6, 16e6, 9e6]);
    await guestIdleWaiter(() => guest.runtime, { sleep: guest.sleep, now: guest.now })();
    expect(guest.windows()).toBe(4);
  });

  it("goes at once while the guest has stayed idle since the last wait", async () => {
    const guest = counting([60e6, 1e6]);
    const whenIdle = guestIdleWaiter(() => guest.runtime, { sleep: guest.sleep, now: guest.now });
    await whenIdle();
    expect(guest.windows()).toBe(2);
    guest.pass(800); // a request fetched while the guest stayed idle
    await whenIdle();
    expect(guest.windows()).toBe(2);
    guest.pass(100); // too short to tell: the rest of a quarter window, not a whole one
    await whenIdle();
    expect(guest.windows()).toBe(3);
    expect(guest.now()).toBe(2 * 2000 + 800 + 500);
  });

  it("counts a guest reading the disk as busy, however few instructions it runs", async () => {
    const guest = counting([2e6], [1024, 64, 0]);
    await guestIdleWaiter(() => guest.runtime, { sleep: guest.sleep, now: guest.now })();
    expect(guest.windows()).toBe(3);
  });

  it("goes ahead after the longest wait, one window at a time", async () => {
    const guest = counting([50e6]);
    const whenIdle = guestIdleWaiter(() => guest.runtime, {
      sleep: guest.sleep,
      now: guest.now,
      maxWaitMs: 6_000,
    });
    await whenIdle();
    expect(guest.windows()).toBe(3);
    await whenIdle(); // the rest of a quarter window first, then whole ones up to the cap
    expect(guest.windows()).toBe(7);
    expect(guest.now()).toBe(3 * 2000 + 500 + 3 * 2000);
  });

  it("waits while there is no ready runtime, and gives up when aborted", async () => {
    const controller = new AbortController();
    let sleeps = 0;
    const whenIdle = guestIdleWaiter(() => null, {
      sleep: async () => {
        if (++sleeps === 3) controller.abort(new Error("left the chapter"));
      },
    });
    await expect(whenIdle(controller.signal)).rejects.toThrow("left the chapter");
    expect(sleeps).toBe(3);
  });

  it("does not wait on a runtime that does not count", async () => {
    const fake = { status: "ready" } as unknown as Runtime;
    await guestIdleWaiter(() => fake, { sleep: () => Promise.reject(new Error("slept")) })();
  });
});
