import type { V86Like } from "./emulator.ts";

/**
 * The guest has no network (docs/security.md). v86's "fetch" network adapter
 * is what lets the page connect *into* the guest (`network_adapter.connect`,
 * the preview and published ports), but it also turns every TCP connection the
 * guest opens to port 80 into a `fetch()` from the worker: on the app's origin,
 * with its cookies, to any host (an absolute request line reaches HTTPS sites,
 * `N.external` reaches the learner's localhost:N), and under Node with no
 * limits at all.
 *
 * The adapter takes outbound connections through one bus listener,
 * "tcp-connection" (v86 src/browser/fetch_network.js). Refusing to register it
 * leaves the fake network with no taker for a guest's SYN, so it answers with
 * a reset: the guest sees "connection refused" at once. The guest's own
 * firewall (images/guest/sbin/sandbox-init) is the second layer.
 *
 * Install right after `new V86()`: the adapter is built later, asynchronously,
 * and registers its listener then.
 */
export function refuseGuestEgress(emulator: V86Like): void {
  const bus = emulator.bus as unknown as BusLike;
  const register = bus.register.bind(bus);
  bus.register = (name, fn, thisValue) => {
    if (name === OUTBOUND_EVENT) return;
    register(name, fn, thisValue);
  };
  // Should a listener be registered before the wrap (a different v86 build),
  // drop it as well.
  if (bus.listeners?.[OUTBOUND_EVENT]) bus.listeners[OUTBOUND_EVENT] = [];
}

/**
 * After start: prove no outbound path is left, and take away the adapter's
 * `fetch` in case some other code path reaches it. Throws when a listener
 * slipped through (a v86 update that changed how the adapter registers).
 */
export function assertNoGuestEgress(emulator: V86Like): void {
  const bus = emulator.bus as unknown as BusLike;
  if ((bus.listeners?.[OUTBOUND_EVENT]?.length ?? 0) > 0) {
    throw new Error("the guest could reach the network: v86 registered an outbound TCP handler");
  }
  const adapter = emulator.network_adapter as { fetch?: unknown } | undefined;
  if (adapter && "fetch" in adapter) {
    adapter.fetch = () =>
      Promise.reject(new TypeError("the sandbox has no network: outbound requests are refused"));
  }
}

const OUTBOUND_EVENT = "tcp-connection";

interface BusLike {
  listeners?: Record<string, unknown[]>;
  register(name: string, fn: (value: unknown) => void, thisValue?: unknown): void;
}
