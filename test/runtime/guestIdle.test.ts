import { describe, expect, it } from "vitest";
import type { Runtime } from "../../src/runtime/Runtime.ts";
import { guestIdleWaiter } from "../../src/runtime/guestIdle.ts";

/** A runtime whose counter advances by `rates[i]` instructions per second in window i (2 s each). */
function counting(rates: number[]) {
  let count = 0;
  let window = 0;
  const runtime = { status: "ready", guestInstructions: async () => count } as unknown as Runtime;
  const sleep = async () => {
    count += (rates[Math.min(window, rates.length - 1)] ?? 0) * 2;
    window++;
  };
  return { runtime, sleep, windows: () => window };
}

describe("guestIdleWaiter", () => {
  it("waits while the guest runs a command and resolves once a window is quiet", async () => {
    const guest = counting([60e6, 8e6, 4e6, 1e6]);
    await guestIdleWaiter(() => guest.runtime, { sleep: guest.sleep })();
    expect(guest.windows()).toBe(4);
  });

  it("goes ahead after the longest wait, one window at a time", async () => {
    const guest = counting([9e6]);
    const whenIdle = guestIdleWaiter(() => guest.runtime, { sleep: guest.sleep, maxWaitMs: 6_000 });
    await whenIdle();
    expect(guest.windows()).toBe(3);
    await whenIdle();
    expect(guest.windows()).toBe(6);
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

  it("does not wait on a runtime that does not count instructions", async () => {
    const fake = { status: "ready" } as unknown as Runtime;
    await guestIdleWaiter(() => fake, { sleep: () => Promise.reject(new Error("slept")) })();
  });
});
