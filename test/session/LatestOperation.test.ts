import { describe, expect, it } from "vitest";
import { isAbort, LatestOperation } from "../../src/session/LatestOperation.ts";

/** An operation that runs until told to stop, recording when it starts and ends. */
function slow(log: string[], name: string, ms = 1000) {
  return (signal: AbortSignal) =>
    new Promise<string>((resolve, reject) => {
      log.push(`${name} start`);
      const timer = setTimeout(() => {
        log.push(`${name} done`);
        resolve(name);
      }, ms);
      signal.addEventListener("abort", () => {
        clearTimeout(timer);
        log.push(`${name} stopped`);
        reject(signal.reason);
      });
    });
}

/** Operations start on the next turn (after the previous one has unwound). */
const tick = () => new Promise((r) => setTimeout(r, 1));

describe("LatestOperation", () => {
  it("a new operation cancels the one in flight, waits for it to unwind, then runs", async () => {
    const ops = new LatestOperation();
    const log: string[] = [];
    const first = ops.run(slow(log, "first"));
    await tick();
    const second = ops.run(slow(log, "second", 5));
    await expect(first).rejects.toSatisfy(isAbort);
    await expect(second).resolves.toBe("second");
    expect(log).toEqual(["first start", "first stopped", "second start", "second done"]);
    expect(ops.busy).toBe(false);
  });

  it("of three quick operations only the last one runs to the end", async () => {
    const ops = new LatestOperation();
    const log: string[] = [];
    const results = await Promise.allSettled([
      ops.run(slow(log, "a")),
      ops.run(slow(log, "b")),
      ops.run(slow(log, "c", 5)),
    ]);
    expect(results.map((r) => r.status)).toEqual(["rejected", "rejected", "fulfilled"]);
    expect(log).not.toContain("b start"); // cancelled before it began
  });

  it("the caller's own signal cancels it too", async () => {
    const ops = new LatestOperation();
    const abort = new AbortController();
    const log: string[] = [];
    const run = ops.run(slow(log, "mine"), abort.signal);
    await tick();
    abort.abort();
    await expect(run).rejects.toSatisfy(isAbort);
    expect(log).toEqual(["mine start", "mine stopped"]);
  });
});
