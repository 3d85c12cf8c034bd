import { describe, expect, it } from "vitest";
import type { V86Like } from "../../../src/runtime/v86/emulator.ts";
import { assertNoGuestEgress, refuseGuestEgress } from "../../../src/runtime/v86/noEgress.ts";

/** v86's bus as far as the network adapter uses it (src/bus.js). */
class FakeBus {
  listeners: Record<string, { fn: (v: unknown) => void; this_value: unknown }[]> = {};
  register(name: string, fn: (v: unknown) => void, thisValue?: unknown) {
    (this.listeners[name] ??= []).push({ fn, this_value: thisValue });
  }
  send(name: string, value: unknown) {
    for (const l of this.listeners[name] ?? []) l.fn.call(l.this_value, value);
  }
}

/** What v86's FetchNetworkAdapter does when it is built: take the guest's port-80 connections. */
function fakeFetchAdapter(bus: FakeBus, accepted: unknown[]) {
  const adapter = { fetch: (url: string) => Promise.resolve(url) };
  bus.register("tcp-connection", (conn) => accepted.push(conn), adapter);
  bus.register("net0-send", () => {}, adapter);
  return adapter;
}

function fakeEmulator() {
  const bus = new FakeBus();
  const emulator = { bus } as unknown as V86Like;
  return { bus, emulator };
}

describe("refuseGuestEgress", () => {
  it("keeps the adapter from taking the guest's outbound connections", async () => {
    const { bus, emulator } = fakeEmulator();
    refuseGuestEgress(emulator);
    const accepted: unknown[] = [];
    const adapter = fakeFetchAdapter(bus, accepted);
    Object.assign(emulator, { network_adapter: adapter });
    bus.send("tcp-connection", { sport: 80 });
    expect(accepted).toEqual([]);
    // The adapter's other listeners (the NIC's frames) still work.
    expect(bus.listeners["net0-send"]).toHaveLength(1);
    assertNoGuestEgress(emulator);
    await expect(adapter.fetch("http://localhost:1/")).rejects.toThrow(/no network/);
  });

  it("without it, the adapter would take them (the test can fail)", () => {
    const { bus } = fakeEmulator();
    const accepted: unknown[] = [];
    fakeFetchAdapter(bus, accepted);
    bus.send("tcp-connection", { sport: 80 });
    expect(accepted).toHaveLength(1);
  });

  it("refuses to go on when an outbound handler slipped through", () => {
    const { bus, emulator } = fakeEmulator();
    fakeFetchAdapter(bus, []);
    expect(() => assertNoGuestEgress(emulator)).toThrow(/could reach the network/);
  });
});
