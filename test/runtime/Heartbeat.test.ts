import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { Heartbeat } from "../../src/runtime/Heartbeat.ts";

/** A peer that records pings and its death time, in seconds since the test began. */
function peer() {
  const start = Date.now();
  const seconds = () => Math.round((Date.now() - start) / 1000);
  const record = { pings: [] as number[], deadAt: null as number | null };
  return {
    record,
    ping: () => void record.pings.push(seconds()),
    dead: () => void (record.deadAt = seconds()),
  };
}

describe("Heartbeat", () => {
  beforeEach(() => void vi.useFakeTimers());
  afterEach(() => void vi.useRealTimers());

  it("pings a silent peer every 3 s and declares it dead after 12 s of silence, once", () => {
    const p = peer();
    const heartbeat = new Heartbeat(p);
    vi.advanceTimersByTime(60_000);
    expect(p.record.pings).toEqual([3, 6, 9]);
    expect(p.record.deadAt).toBe(12);
    heartbeat.stop();
  });

  it("never declares dead a slow peer that answers each ping 8 s late", () => {
    const p = peer();
    const heartbeat = new Heartbeat({
      ping: () => (p.ping(), setTimeout(() => heartbeat.heard(), 8_000)),
      dead: p.dead,
    });
    vi.advanceTimersByTime(10 * 60_000);
    expect(p.record.deadAt).toBeNull();
    heartbeat.stop();
  });

  it("does not ping a peer that keeps talking", () => {
    const p = peer();
    const heartbeat = new Heartbeat(p);
    const talk = setInterval(() => heartbeat.heard(), 2_000);
    vi.advanceTimersByTime(60_000);
    expect(p.record).toEqual({ pings: [], deadAt: null });
    clearInterval(talk);
    heartbeat.stop();
  });

  it("restarts the count when its own check ran late (throttled tab, laptop asleep)", () => {
    const p = peer();
    const heartbeat = new Heartbeat(p);
    vi.advanceTimersByTime(10_000); // silent for 10 s
    // The thread did not run for a minute: no timer fired, the peer could not answer.
    vi.setSystemTime(Date.now() + 60_000);
    vi.advanceTimersByTime(1_000);
    expect(p.record.deadAt).toBeNull();
    // From here the peer gets its full 12 s again.
    vi.advanceTimersByTime(10_000);
    expect(p.record.deadAt).toBeNull();
    vi.advanceTimersByTime(3_000);
    expect(p.record.deadAt).toBe(83);
    heartbeat.stop();
  });

  it("does nothing after stop()", () => {
    const p = peer();
    new Heartbeat(p).stop();
    vi.advanceTimersByTime(60_000);
    expect(p.record).toEqual({ pings: [], deadAt: null });
  });
});
