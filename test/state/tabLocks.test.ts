import { describe, expect, it, vi } from "vitest";
import { channelLocks, webLocks } from "../../src/state/tabLocks.ts";
import { FakeLockManager, fakeChannels } from "./fakeLocks.ts";

describe("webLocks", () => {
  it("lets one tab hold a name; another waits for it or is told at once", async () => {
    const browser = new FakeLockManager();
    const [tabA, tabB] = [webLocks(browser), webLocks(browser)];
    const releaseA = await tabA.tryAcquire("lesson:x");
    expect(releaseA).not.toBeNull();
    expect(await tabB.tryAcquire("lesson:x")).toBeNull();
    expect(await tabB.tryAcquire("lesson:y")).not.toBeNull();

    let gotIt = false;
    const waiting = tabB.acquire("lesson:x", new AbortController().signal).then((release) => {
      gotIt = true;
      return release;
    });
    await new Promise((r) => setTimeout(r, 5));
    expect(gotIt).toBe(false);
    releaseA!();
    (await waiting)();
    await vi.waitFor(() => expect(browser.held.has("lesson:x")).toBe(false));
  });

  it("stops waiting when aborted", async () => {
    const browser = new FakeLockManager();
    await webLocks(browser).tryAcquire("lesson:x");
    const abort = new AbortController();
    const waiting = webLocks(browser).acquire("lesson:x", abort.signal);
    abort.abort(new Error("switched lesson"));
    await expect(waiting).rejects.toThrow("switched lesson");
  });
});

describe("channelLocks (no Web Locks: plain http)", () => {
  const options = { claimMs: 5, retryMs: 1000 };

  it("lets one tab hold a name; the other gets it when it is released", async () => {
    const channel = fakeChannels();
    const tabA = channelLocks(channel(), { ...options, id: "a" });
    const tabB = channelLocks(channel(), { ...options, id: "b" });
    const releaseA = await tabA.tryAcquire("lesson:x");
    expect(releaseA).not.toBeNull();
    expect(await tabB.tryAcquire("lesson:x")).toBeNull();

    const waiting = tabB.acquire("lesson:x", new AbortController().signal);
    await new Promise((r) => setTimeout(r, 20));
    releaseA!(); // announced: tabB does not wait for its retry
    const started = Date.now();
    await waiting;
    expect(Date.now() - started).toBeLessThan(500);
    expect(await tabA.tryAcquire("lesson:x")).toBeNull();
  });

  it("gives a name to exactly one of two tabs claiming it at once", async () => {
    const channel = fakeChannels();
    const tabs = ["b", "a", "c"].map((id) => channelLocks(channel(), { ...options, id }));
    const got = await Promise.all(tabs.map((t) => t.tryAcquire("lesson:x")));
    expect(got.map((r) => r !== null)).toEqual([false, true, false]);
  });

  it("frees what a closing page held", async () => {
    const channel = fakeChannels();
    const tabA = channelLocks(channel(), options);
    const tabB = channelLocks(channel(), options);
    await tabA.tryAcquire("lesson:x");
    tabA.releaseAll();
    expect(await tabB.tryAcquire("lesson:x")).not.toBeNull();
  });
});
