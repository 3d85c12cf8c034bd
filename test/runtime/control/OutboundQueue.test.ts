import { describe, expect, it } from "vitest";
import { OutboundQueue } from "../../../src/runtime/control/OutboundQueue.ts";

describe("OutboundQueue (host→guest flow control)", () => {
  it("never sends an event over 4 KiB nor more than 8 unconfirmed events", () => {
    const sent: Uint8Array[] = [];
    const q = new OutboundQueue((b) => sent.push(b));
    q.push(new Uint8Array(100_000));
    expect(sent.every((e) => e.length <= 4096)).toBe(true);
    expect(sent.reduce((n, e) => n + e.length, 0)).toBeLessThanOrEqual(16 * 1024);
    expect(sent.length).toBeLessThanOrEqual(8);
  });

  it("sends more as the agent confirms, and all bytes arrive in order", () => {
    const sent: Uint8Array[] = [];
    const q = new OutboundQueue((b) => sent.push(b));
    const data = new Uint8Array(50_000).map((_, i) => i % 253);
    q.push(data);
    let confirmed = 0;
    while (sent.reduce((n, e) => n + e.length, 0) < data.length) {
      const total = sent.reduce((n, e) => n + e.length, 0);
      q.credit(total - confirmed);
      confirmed = total;
    }
    const joined = new Uint8Array(data.length);
    let off = 0;
    for (const e of sent) joined.set(e, (off += e.length) - e.length);
    expect(joined).toEqual(data);
    expect(q.queuedBytes).toBe(0);
  });

  it("coalesces many small frames into few events", () => {
    const sent: Uint8Array[] = [];
    const q = new OutboundQueue((b) => sent.push(b));
    for (let i = 0; i < 20; i++) q.push(new Uint8Array(12));
    // The first frame goes out at once; the rest wait for credit and then travel together.
    q.credit(12);
    expect(sent.length).toBeLessThan(20);
  });
});

describe("OutboundQueue credit", () => {
  it("never lets credit open the window beyond the bytes actually sent", () => {
    const sent: Uint8Array[] = [];
    const q = new OutboundQueue((b) => sent.push(b));
    q.credit(0xffffffff); // forged or corrupt: nothing was sent yet
    q.push(new Uint8Array(100_000));
    q.credit(0); // a later, honest frame must not release the forged credit either
    expect(sent.reduce((n, e) => n + e.length, 0)).toBeLessThanOrEqual(16 * 1024);
  });
});
