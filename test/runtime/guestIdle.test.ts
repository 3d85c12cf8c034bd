import { describe, expect, it } from "vitest";
import type { Runtime } from "../../src/runtime/Runtime.ts";
import { whenGuestIdle } from "../../src/runtime/guestIdle.ts";

/** A runtime whose instruction counter advances by `rates[i]` per window (M instructions/s × 2 s). */
function counting(ratesPerSecond: number[]) {
  let count = 0;
  let window = 0;
  const runtime = {
    status: "ready",
    guestInstructions: async () => count,
  } as unknown as Runtime;
  const sleep = async () => {
    count += (ratesPerSecond[Math.min(window, ratesPerSecond.length - 1)] ?? 0) * 2;
    window++;
  };
  return { runtime, sleep, windows: () => window };
}

describe("whenGuestIdle", () => {
  it("waits while the guest runs a command and resolves once a window is quiet", async () => {
    const guest = counting([60e6, 8e6, 4e6, 1e6]);
    await whenGuestIdle(() => guest.runtime, { sleep: guest.sleep });
    expect(guest.windows()).toBe(4);
  });

  it("waits while there is no ready runtime, and gives up when aborted", async () => {
    const controller = new AbortController();
    let sleeps = 0;
    const waiting = whenGuestIdle(() => null, {
      signal: controller.signal,
      sleep: async () => {
        if (++sleeps === 3) controller.abort(new Error("left the chapter"));
      },
    });
    await expect(waiting).rejects.toThrow("left the chapter");
    expect(sleeps).toBe(3);
  });

  it("does not wait on a runtime that does not count instructions", async () => {
    const fake = { status: "ready" } as unknown as Runtime;
    await whenGuestIdle(() => fake, { sleep: () => Promise.reject(new Error("slept")) });
  });
});
